/**
 * The notebook's numbers and the grader's own test inputs. Random inputs come from a seeded
 * generator, so that every grader run sends the same inputs and the reference cache stays valid.
 */

export const TOKENS = ['The', 'cat', 'sat'];

/** Section 4's hand computation: three words, d = 2. */
export const Q_EXAMPLE: number[][] = [[1, 0], [0, 1], [1, 1]];
export const K_EXAMPLE: number[][] = [[1, 0], [1, 1], [0, 1]];
export const V_EXAMPLE: number[][] = [[0.2, 0.8], [0.9, 0.1], [0.5, 0.5]];

/** mulberry32: tiny, seeded, and the same on every platform. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A rows × cols matrix of values in [-scale, scale), rounded so that inputs print readably. */
export function randomMatrix(random: () => number, rows: number, cols: number, scale = 1): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.round((random() * 2 - 1) * scale * 1000) / 1000));
}

/** A batch of random matrices, [batch][rows][cols]. */
export function randomBatch(random: () => number, batch: number, rows: number, cols: number): number[][][] {
  return Array.from({ length: batch }, () => randomMatrix(random, rows, cols));
}
