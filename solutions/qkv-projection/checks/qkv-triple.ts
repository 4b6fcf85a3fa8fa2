/** Judging the [Q, K, V] triples that forward() and projectWithWeights() return. */
import { describeWire, expectTensor, failed, formatShape, item, judgeClose, passed, referenceTensor, type Tolerance, type Verdict, type Wire } from '../../../grader/checks/index.js';

const NAMES = ['Q', 'K', 'V'] as const;

/** Three tensors, each of `shape`; `hint` says what to fix when one is not. */
export function judgeTripleShapes(call: string, actual: Wire, shape: number[], hint: (name: string, got: number[]) => string): Verdict {
  if (!Array.isArray(actual) || actual.length !== 3) {
    return failed(`${call} should return [Q, K, V], an array of three tensors, but it returned ${describeWire(actual)}.`);
  }
  for (const [index, name] of NAMES.entries()) {
    const result = expectTensor(item(actual, index), name);
    if ('verdict' in result) return result.verdict;
    if (formatShape(result.tensor.shape) !== formatShape(shape)) return failed(hint(name, result.tensor.shape));
  }
  return passed();
}

/** Three tensors, each equal to the reference's within the tolerance. */
export function judgeTripleValues(call: string, actual: Wire, expected: Wire, tolerance: Tolerance, hint: (name: string) => string): Verdict {
  if (!Array.isArray(actual) || actual.length !== 3) {
    return failed(`${call} should return [Q, K, V], but it returned ${describeWire(actual)}.`);
  }
  for (const [index, name] of NAMES.entries()) {
    const got = expectTensor(item(actual, index), name);
    if ('verdict' in got) return got.verdict;
    const verdict = judgeClose(name, got.tensor, referenceTensor(item(expected, index), name), tolerance, hint(name));
    if (verdict.status === 'failed') return verdict;
  }
  return passed();
}
