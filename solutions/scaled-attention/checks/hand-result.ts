/** Judging what attentionByHand returns: `{ scores, weights, output }`, arrays of numbers. */
import { asNumericArray, describeWire, failed, field, judgeClose, passed, referenceTensor, type Tolerance, type Verdict, type Wire } from '../../../grader/checks/index.js';

const PARTS = ['scores', 'weights', 'output'] as const;

export function judgeHandResult(call: string, actual: Wire, expected: Wire, tolerance: Tolerance): Verdict {
  for (const part of PARTS) {
    const got = asNumericArray(field(actual, part));
    if (!got || got.shape.length !== 1) {
      return failed(`${call} should return { scores, weights, output }, each an array of numbers, but ${part} is ${describeWire(field(actual, part))}.`);
    }
    const verdict = judgeClose(`${part}`, got, referenceTensor(field(expected, part), part), tolerance, HINTS[part]);
    if (verdict.status === 'failed') return verdict;
  }
  return passed();
}

const HINTS: Record<(typeof PARTS)[number], string> = {
  scores: 'scores[j] = (q · keys[j]) / √dK, with dK = q.length.',
  weights: 'weights[j] = exp(scores[j] - max) / Σ_l exp(scores[l] - max).',
  output: 'output[d] = Σ_j weights[j] · values[j][d].',
};
