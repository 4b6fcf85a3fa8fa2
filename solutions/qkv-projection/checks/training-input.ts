/** The notebook's training run, with its defaults: the checks that judge it share one run. */
import { PAIRS, X } from './data.js';

export const TRAINING_INPUT = { x: X, pairs: PAIRS };

/** Runs in the sandbox: trains with the default options and returns what the student reports. */
export const trainingProbe = ({ mod, tf, input }: { mod: Record<string, any>; tf: typeof import('@tensorflow/tfjs'); input: typeof TRAINING_INPUT }) => // eslint-disable-line @typescript-eslint/no-explicit-any
  mod.trainAttentionPairs(tf.tensor2d(input.x), input.pairs);

/** The grader's own forward pass: sigmoid(x_i·W_Q · x_j·W_K / √dK), in plain numbers. */
export function attentionScore(x: number[][], wQ: number[][], wK: number[][], i: number, j: number): number {
  const project = (row: number[], w: number[][]): number[] =>
    w[0].map((_, col) => row.reduce((sum, value, r) => sum + value * w[r][col], 0));
  const q = project(x[i], wQ);
  const k = project(x[j], wK);
  const dot = q.reduce((sum, value, d) => sum + value * k[d], 0);
  return 1 / (1 + Math.exp(-dot / Math.sqrt(q.length)));
}
