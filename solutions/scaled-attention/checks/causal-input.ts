/**
 * The causal calls: self-attention over 5 words (dK = 3, dV = 4) with the mask, and the same words
 * with the last two replaced, whose change must not reach the three words before them.
 */
import { randomMatrix, seededRandom } from '../../../grader/checks/index.js';
import type { StudentProbeApi } from './student-module.js';

const random = seededRandom(41);

const q = randomMatrix(random, 5, 3, 2);
const k = randomMatrix(random, 5, 3, 2);
const v = randomMatrix(random, 5, 4);
/** Words 0..UNCHANGED-1 are the same in both runs; the later ones get new queries, keys and values. */
export const UNCHANGED = 3;
const replace = (rows: number[][], cols: number, scale: number): number[][] => [...rows.slice(0, UNCHANGED), ...randomMatrix(random, rows.length - UNCHANGED, cols, scale)];

export const CAUSAL_INPUT = { q, k, v };
export const FUTURE_INPUT = { q, k, v, changed: { q: replace(q, 3, 2), k: replace(k, 3, 2), v: replace(v, 4, 1) } };

/** Runs in the sandbox: scaledDotProductAttention(q, k, v, { causal: true }). */
export const causalProbe = ({ mod, tf, input }: StudentProbeApi<typeof CAUSAL_INPUT>) =>
  mod.scaledDotProductAttention(tf.tensor2d(input.q), tf.tensor2d(input.k), tf.tensor2d(input.v), { causal: true });

export const CAUSAL_CALL = 'scaledDotProductAttention(q, k, v, { causal: true })';
