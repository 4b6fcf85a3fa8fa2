/**
 * The notebook's numbers and the grader's own test inputs. Random inputs come from a seeded
 * generator, so that every grader run sends the same inputs and the reference cache stays valid.
 */

export const SENTENCE = ['The', 'cat', 'sat', 'on', 'the', 'mat'];

/** "The cat sat on the mat", one 4-d embedding per word (notebook 4.1). */
export const X: number[][] = [
  [1.0, 0.0, 0.5, 0.2],
  [0.3, 1.0, 0.1, 0.7],
  [0.5, 0.2, 1.0, 0.3],
  [0.1, 0.4, 0.3, 0.9],
  [0.9, 0.1, 0.4, 0.2],
  [1.0, 0.5, -0.3, 0.8],
];

/** Notebook 4.2: each [dModel = 4, dK = 2]. */
export const W_Q: number[][] = [[0.2, 0.1], [0.4, -0.3], [0.1, 0.5], [-0.2, 0.3]];
export const W_K: number[][] = [[0.3, -0.1], [0.1, 0.4], [-0.2, 0.2], [0.5, 0.1]];
export const W_V: number[][] = [[0.1, 0.3], [-0.2, 0.5], [0.4, -0.1], [0.2, 0.2]];

/** The six training pairs of notebook section 7. */
export const PAIRS = [
  { i: 1, j: 2, attend: 1 },
  { i: 5, j: 1, attend: 1 },
  { i: 0, j: 3, attend: 0 },
  { i: 3, j: 2, attend: 0 },
  { i: 1, j: 5, attend: 1 },
  { i: 0, j: 4, attend: 0 },
];

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

/** A rows × cols matrix of values in [-1, 1), rounded so that inputs print readably. */
export function randomMatrix(random: () => number, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.round((random() * 2 - 1) * 1000) / 1000));
}
