/** The notebook's training run, with its defaults: the checks that judge it share one run. */
import { project } from '../../../grader/checks/index.js';
import { PAIRS, X, type Pair } from './data.js';
import type { StudentProbeApi } from './student-module.js';

export const TRAINING_INPUT = { x: X, pairs: PAIRS };

/** Runs in the sandbox: trains with the default options and returns what the student reports. */
export const trainingProbe = ({ mod, tf, input }: StudentProbeApi<typeof TRAINING_INPUT>) =>
  mod.trainAttentionPairs(tf.tensor2d(input.x), input.pairs);

/** x_i·W_Q · x_j·W_K / √dK in plain numbers: the logit the notebook trains. */
export function attentionLogit(x: number[][], wQ: number[][], wK: number[][], i: number, j: number): number {
  const q = project(x[i], wQ);
  const k = project(x[j], wK);
  return q.reduce((sum, value, d) => sum + value * k[d], 0) / Math.sqrt(q.length);
}

/** The grader's own forward pass: sigmoid(x_i·W_Q · x_j·W_K / √dK), in plain numbers. */
export function attentionScore(x: number[][], wQ: number[][], wK: number[][], i: number, j: number): number {
  return 1 / (1 + Math.exp(-attentionLogit(x, wQ, wK, i, j)));
}

/**
 * The mean binary cross-entropy of the pairs with these weights, from the logit as
 * tf.losses.sigmoidCrossEntropy computes it: finite however sure the prediction.
 */
export function meanPairLoss(x: number[][], wQ: number[][], wK: number[][], pairs: readonly Pair[]): number {
  const bce = (logit: number, target: number): number => Math.max(logit, 0) - logit * target + Math.log1p(Math.exp(-Math.abs(logit)));
  return pairs.reduce((sum, { i, j, attend }) => sum + bce(attentionLogit(x, wQ, wK, i, j), attend), 0) / pairs.length;
}

/**
 * Whether a run's last reported loss is the loss of the weights it returned. The weights move during
 * that last epoch, and the mean is taken over it, so the two differ a little (a few per cent on the
 * runs the checks make); a sum over the pairs, or a logit left unscaled, differs by far more.
 */
export function isLossOfWeights(reported: number, recomputed: number, factor = 1.5): boolean {
  return Math.abs(reported - recomputed) <= 1e-4 || (reported / recomputed <= factor && recomputed / reported <= factor);
}

/** The shape of a matrix asMatrix read, for messages: `[4, 2]`. */
export function matrixShape(rows: number[][]): string {
  return `[${rows.length}, ${rows[0]?.length ?? 0}]`;
}
