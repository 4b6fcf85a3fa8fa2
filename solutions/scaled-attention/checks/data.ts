/**
 * The notebook's numbers and the grader's own test inputs. Random inputs come from the grader's
 * seeded generator (grader/checks/random.ts), so that the reference cache stays valid.
 */
import { randomMatrix } from '../../../grader/checks/index.js';

export const TOKENS = ['The', 'cat', 'sat'];

/** Section 4's hand computation: three words, d = 2. */
export const Q_EXAMPLE: number[][] = [[1, 0], [0, 1], [1, 1]];
export const K_EXAMPLE: number[][] = [[1, 0], [1, 1], [0, 1]];
export const V_EXAMPLE: number[][] = [[0.2, 0.8], [0.9, 0.1], [0.5, 0.5]];

/** A batch of random matrices, [batch][rows][cols]. */
export function randomBatch(random: () => number, batch: number, rows: number, cols: number): number[][][] {
  return Array.from({ length: batch }, () => randomMatrix(random, rows, cols));
}
