/** Judging rows of weights: each a probability distribution over the keys. */
import { failed, formatNumber, formatShape, passed, unravelIndex, type PlainTensor, type Tolerance, type Verdict } from '../../../grader/checks/index.js';
import { columnSums, rowSums } from './plain-math.js';

/**
 * Every entry finite and in [0, 1], every row (along the last axis) summing to 1. `what` names the
 * tensor in messages; `hint` says what to change when the rows do not sum to 1.
 */
export function judgeDistributionRows(what: string, tensor: PlainTensor, tolerance: Tolerance, hint: string): Verdict {
  const allowed = tolerance.atol + tolerance.rtol;
  const at = (flat: number): string => formatShape(unravelIndex(flat, tensor.shape));
  const notFinite = tensor.values.findIndex((value) => !Number.isFinite(value));
  if (notFinite >= 0) {
    return failed(`${what} at ${at(notFinite)} is ${formatNumber(tensor.values[notFinite])}; weights must be finite numbers in [0, 1].`);
  }
  const outside = tensor.values.findIndex((value) => value < -allowed || value > 1 + allowed);
  if (outside >= 0) {
    return failed(`${what} at ${at(outside)} is ${formatNumber(tensor.values[outside])}, outside [0, 1]: a softmax gives exp(·) / Σ exp(·), which is never negative and never above 1.`);
  }
  const sums = rowSums(tensor);
  const row = sums.findIndex((sum) => !(Math.abs(sum - 1) <= allowed));
  if (row < 0) return passed();
  const cols = tensor.shape[tensor.shape.length - 1];
  const rowIndex = unravelIndex(row * cols, tensor.shape).slice(0, -1);
  const rowName = rowIndex.length === 1 ? String(rowIndex[0]) : formatShape(rowIndex);
  const isColumnwise = tensor.shape.length === 2 && columnSums(tensor).every((sum) => Math.abs(sum - 1) <= allowed);
  if (isColumnwise) {
    return failed(
      `Row ${rowName} of ${what} sums to ${formatNumber(sums[row])}, but every column sums to 1: the softmax normalised over the first axis. ` +
        'Take the maximum and the sum over the last axis, with keepDims: tf.max(x, -1, true), tf.sum(e, -1, true).',
    );
  }
  return failed(`Row ${rowName} of ${what} sums to ${formatNumber(sums[row])}; every row must sum to 1 (within ${formatNumber(allowed)}). ${hint}`);
}
