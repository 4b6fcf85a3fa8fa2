/** The notebook's numbers, which the checks send as inputs and the figures label. */

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

/** A training pair as trainAttentionPairs takes it: word i attends to word j (1) or not (0). */
export interface Pair {
  i: number;
  j: number;
  attend: 0 | 1;
}

/** The six training pairs of notebook section 7. */
export const PAIRS: Pair[] = [
  { i: 1, j: 2, attend: 1 },
  { i: 5, j: 1, attend: 1 },
  { i: 0, j: 3, attend: 0 },
  { i: 3, j: 2, attend: 0 },
  { i: 1, j: 5, attend: 1 },
  { i: 0, j: 4, attend: 0 },
];
