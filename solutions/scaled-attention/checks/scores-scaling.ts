import { expectTensor, failed, formatNumber, formatShape, judgeClose, matMul, passed } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';
import { asPlainTensor, transpose } from './plain-math.js';
import { SCORES_INPUT, scoresProbe } from './scores-input.js';

/** Scale factors a submission is likely to have used instead of 1/√dK, and what each one means. */
function knownMistakes(dK: number, queries: number, keys: number): Array<{ factor: number; meaning: string }> {
  return [
    { factor: 1, meaning: `The scores are Q · Kᵀ without the scaling: divide them by √dK = ${Math.sqrt(dK)}` },
    { factor: 1 / dK, meaning: `The scores are Q · Kᵀ divided by dK = ${dK}, not by its square root: divide by √dK = ${Math.sqrt(dK)}` },
    { factor: Math.sqrt(dK), meaning: `The scores are Q · Kᵀ multiplied by √dK = ${Math.sqrt(dK)}: divide by it instead` },
    { factor: 1 / Math.sqrt(queries), meaning: `The scores are Q · Kᵀ divided by √${queries}, the square root of the number of queries: dK is the size of the last axis, q.shape[q.shape.length - 1]` },
    { factor: 1 / Math.sqrt(keys), meaning: `The scores are Q · Kᵀ divided by √${keys}, the square root of the number of keys: dK is the size of the last axis, q.shape[q.shape.length - 1]` },
  ];
}

export default defineRuntimeCheck({
  id: 'scores.scaling',
  title: 'The scores are Q · Kᵀ scaled by 1/√dK (recomputed by the grader)',
  uses: ['attentionScores'],
  input: SCORES_INPUT,
  probe: scoresProbe,
  judge: ({ input, actual, tolerance }) => {
    const got = expectTensor(actual, 'attentionScores(q, k)');
    if ('verdict' in got) return got.verdict;
    const dK = input.q[0].length;
    const raw = asPlainTensor(matMul(input.q, transpose(input.k)));
    if (formatShape(got.tensor.shape) !== formatShape(raw.shape)) {
      return failed(`The scores have shape ${formatShape(got.tensor.shape)}; expected ${formatShape(raw.shape)}, the shape of Q · Kᵀ.`);
    }
    // The factor that best maps Q · Kᵀ onto what came back (least squares), then whether it fits.
    const values = got.tensor.values;
    const factor = values.reduce((sum, value, i) => sum + value * raw.values[i], 0) / raw.values.reduce((sum, value) => sum + value * value, 0);
    const expectedFactor = 1 / Math.sqrt(dK);
    const scaled = { shape: raw.shape, values: raw.values.map((value) => value * expectedFactor) };
    const verdict = judgeClose('The scores', got.tensor, scaled, tolerance);
    if (verdict.status === 'passed') return passed(`scores = Q · Kᵀ × ${formatNumber(factor)} = Q · Kᵀ / √${dK}`);
    const isProportional = Number.isFinite(factor) && values.every((value, i) => Math.abs(value - factor * raw.values[i]) <= tolerance.atol + tolerance.rtol * Math.abs(factor * raw.values[i]));
    if (!isProportional) {
      return { ...verdict, message: `${verdict.message} The scores are not a multiple of Q · Kᵀ at all: scores[i][j] = q_i · k_j / √dK, with tf.matMul(q, k, false, true).` };
    }
    const mistake = knownMistakes(dK, input.q.length, input.k.length).find((known) => Math.abs(factor - known.factor) <= 1e-3 * known.factor);
    const detail = mistake
      ? `${mistake.meaning} (here Q · Kᵀ × ${formatNumber(factor)}; expected × 1/√${dK} = ${formatNumber(expectedFactor)}).`
      : `The scores are Q · Kᵀ × ${formatNumber(factor)}; expected × 1/√dK = 1/√${dK} = ${formatNumber(expectedFactor)}.`;
    return failed(`${detail} Without the right scale the softmax gets sharper as dK grows.`, verdict.difference);
  },
});
