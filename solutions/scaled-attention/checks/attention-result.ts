/** Reading what scaledDotProductAttention returns: `{ output, weights }`, both tensors. */
import { describeWire, expectTensor, failed, field, judgeClose, passed, referenceTensor, type PlainTensor, type Tolerance, type Verdict, type Wire } from '../../../grader/checks/index.js';

export interface AttentionResult {
  output: PlainTensor;
  weights: PlainTensor;
}

export function readAttention(actual: Wire, call: string): { result: AttentionResult } | { verdict: Verdict } {
  const output = field(actual, 'output');
  const weights = field(actual, 'weights');
  const isObject = actual !== null && typeof actual === 'object' && !Array.isArray(actual) && !('$tensor' in actual);
  if (!isObject) return { verdict: failed(`${call} should return an object { output, weights }, but it returned ${describeWire(actual)}.`) };
  const gotOutput = expectTensor(output, `${call}.output`);
  if ('verdict' in gotOutput) return gotOutput;
  const gotWeights = expectTensor(weights, `${call}.weights`);
  if ('verdict' in gotWeights) return gotWeights;
  return { result: { output: gotOutput.tensor, weights: gotWeights.tensor } };
}

/** Weights, then output, each equal to the reference's within the tolerance. */
export function judgeAttentionValues(call: string, actual: Wire, expected: Wire, tolerance: Tolerance): Verdict {
  const got = readAttention(actual, call);
  if ('verdict' in got) return got.verdict;
  const weights = judgeClose(`${call}.weights`, got.result.weights, referenceTensor(field(expected, 'weights'), 'weights'), tolerance, 'weights = softmaxRows(Q · Kᵀ / √dK + mask).');
  if (weights.status === 'failed') return weights;
  const output = judgeClose(`${call}.output`, got.result.output, referenceTensor(field(expected, 'output'), 'output'), tolerance, 'output = weights · V.');
  return output.status === 'failed' ? output : passed();
}
