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

/**
 * Scores closer than this are not compared: float32 may round their weights to the same value, or
 * either way. Any two further apart must keep their order, since exp is increasing.
 */
const MIN_SCORE_GAP = 1e-3;

/**
 * Every row of `weights` [n, m] ordered like the same row of `scores`: a key that scores higher gets
 * more weight. A weight that does not look at the scores (uniform rows, a constant) fails this,
 * however well its rows sum to 1. Only the entries `isCompared` keeps are compared (the visible
 * ones, under a mask). `what` names the weights; `hint` says what to fix.
 */
export function judgeFollowsScores(
  what: string,
  weights: PlainTensor,
  scores: number[][],
  hint: string,
  isCompared: (i: number, j: number) => boolean = () => true,
): Verdict {
  const cols = scores[0]?.length ?? 0;
  if (formatShape(weights.shape) !== formatShape([scores.length, cols])) {
    return failed(`${what} has shape ${formatShape(weights.shape)}; expected [${scores.length}, ${cols}], one row per query and one column per key.`);
  }
  for (const [i, row] of scores.entries()) {
    for (let j = 0; j < cols; j++) {
      for (let l = 0; l < cols; l++) {
        if (!isCompared(i, j) || !isCompared(i, l) || !(row[j] - row[l] > MIN_SCORE_GAP)) continue;
        const [higher, lower] = [weights.values[i * cols + j], weights.values[i * cols + l]];
        if (higher > lower) continue;
        return failed(
          `In row ${i}, key ${j} scores ${formatNumber(row[j])}, more than key ${l}'s ${formatNumber(row[l])}, but ${what}[${i}][${j}] = ${formatNumber(higher)} is not more than ${what}[${i}][${l}] = ${formatNumber(lower)}. ` +
            `The weights must follow the scores: exp is increasing, so a higher score always gets a higher weight. ${hint}`,
        );
      }
    }
  }
  return passed();
}
