/**
 * Queries, Keys, and Values: building the QKV projection from scratch.
 *
 * Reference solution. Students receive the same file from `exercises/qkv-projection/` with each
 * TODO left to fill in; the exports and their signatures are identical.
 */
import * as tf from '@tensorflow/tfjs';

/** The six words of the running example, in order. */
export const SENTENCE = ['The', 'cat', 'sat', 'on', 'the', 'mat'] as const;

/** Hand-made 4-dimensional embeddings of "The cat sat on the mat" (notebook section 4.1). */
export const EMBEDDINGS: number[][] = [
  [1.0, 0.0, 0.5, 0.2],
  [0.3, 1.0, 0.1, 0.7],
  [0.5, 0.2, 1.0, 0.3],
  [0.1, 0.4, 0.3, 0.9],
  [0.9, 0.1, 0.4, 0.2],
  [1.0, 0.5, -0.3, 0.8],
];

/** The notebook's hand-written weight matrices (section 4.2), each [dModel = 4, dK = 2]. */
export const W_Q: number[][] = [[0.2, 0.1], [0.4, -0.3], [0.1, 0.5], [-0.2, 0.3]];
export const W_K: number[][] = [[0.3, -0.1], [0.1, 0.4], [-0.2, 0.2], [0.5, 0.1]];
export const W_V: number[][] = [[0.1, 0.3], [-0.2, 0.5], [0.4, -0.1], [0.2, 0.2]];

/**
 * TODO 1: the QKV projection as a module.
 *
 * Three bias-free dense layers, each projecting from dModel to dK. A tfjs Dense kernel has shape
 * [dModel, dK] and computes x · kernel, so it is NOT transposed like PyTorch's nn.Linear.weight.
 */
export class QKVProjection {
  wQ: tf.layers.Layer;
  wK: tf.layers.Layer;
  wV: tf.layers.Layer;

  constructor(dModel: number, dK: number) {
    this.wQ = tf.layers.dense({ units: dK, useBias: false, inputDim: dModel });
    this.wK = tf.layers.dense({ units: dK, useBias: false, inputDim: dModel });
    this.wV = tf.layers.dense({ units: dK, useBias: false, inputDim: dModel });
  }

  /** x: [batch, seq, dModel] or [seq, dModel]; returns Q, K, V with dModel replaced by dK. */
  forward(x: tf.Tensor): [tf.Tensor, tf.Tensor, tf.Tensor] {
    return [
      this.wQ.apply(x) as tf.Tensor,
      this.wK.apply(x) as tf.Tensor,
      this.wV.apply(x) as tf.Tensor,
    ];
  }
}

/**
 * Section 4.3 by hand: one embedding x [dModel] times a weight matrix w [dModel][dK], with plain
 * loops and no tfjs, so that every multiply-add is visible.
 */
export function manualProjection(x: number[], w: number[][]): number[] {
  const dK = w.length > 0 ? w[0].length : 0;
  const out = new Array<number>(dK).fill(0);
  for (let col = 0; col < dK; col++) {
    let sum = 0;
    for (let row = 0; row < x.length; row++) {
      sum += x[row] * w[row][col];
    }
    out[col] = sum;
  }
  return out;
}

/** Section 6: Q = X·W_Q, K = X·W_K, V = X·W_V for given weight matrices. */
export function projectWithWeights(
  x: tf.Tensor2D,
  wQ: tf.Tensor2D,
  wK: tf.Tensor2D,
  wV: tf.Tensor2D,
): [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D] {
  return tf.tidy(() => [tf.matMul(x, wQ), tf.matMul(x, wK), tf.matMul(x, wV)]);
}

/**
 * TODO 2: pairwise cosine similarity of the rows of q ([n, d] -> [n, n]).
 * sim = Q·Qᵀ / (‖q_i‖·‖q_j‖ + 1e-8); the 1e-8 keeps a zero row finite.
 */
export function cosineSimilarityMatrix(q: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const norms = tf.norm(q, 'euclidean', 1, true); // [n, 1]
    const dots = tf.matMul(q, q, false, true); // [n, n]
    return tf.div(dots, tf.add(tf.matMul(norms, norms, false, true), 1e-8)) as tf.Tensor2D;
  });
}

/**
 * TODO 2, continued: for each dK, draw a random W_Q [dModel, dK] (normal, seeded), project
 * Q = X·W_Q and return the cosine-similarity matrix of the queries.
 */
export function compareProjections(x: tf.Tensor2D, dKValues: number[], seed: number): tf.Tensor2D[] {
  const dModel = x.shape[1];
  return dKValues.map((dK, index) =>
    tf.tidy(() => {
      const w = tf.randomNormal([dModel, dK], 0, 1, 'float32', seed + index);
      return cosineSimilarityMatrix(tf.matMul(x, w) as tf.Tensor2D);
    }),
  );
}

/** One training example: should word i (as a query) attend to word j (as a key)? */
export interface AttentionPair {
  i: number;
  j: number;
  attend: 0 | 1;
}

/** The notebook's six training pairs (section 7). */
export const PAIRS: AttentionPair[] = [
  { i: 1, j: 2, attend: 1 }, // cat -> sat
  { i: 5, j: 1, attend: 1 }, // mat -> cat
  { i: 0, j: 3, attend: 0 }, // The -> on
  { i: 3, j: 2, attend: 0 }, // on  -> sat
  { i: 1, j: 5, attend: 1 }, // cat -> mat
  { i: 0, j: 4, attend: 0 }, // The -> the
];

/**
 * Section 7: learn W_Q and W_K so that sigmoid(q_i·k_j / √dK) predicts whether i attends to j.
 * Adam, one optimizer step per pair, binary cross-entropy; returns the mean loss of each epoch.
 */
export function trainAttentionPairs(
  x: tf.Tensor2D,
  pairs: AttentionPair[],
  options: { epochs?: number; learningRate?: number; dK?: number; seed?: number } = {},
): { losses: number[]; wQ: tf.Tensor2D; wK: tf.Tensor2D } {
  const { epochs = 200, learningRate = 0.01, dK = 2, seed = 42 } = options;
  const dModel = x.shape[1];
  // The same range as nn.Linear's default initialisation: U(-1/√dModel, 1/√dModel).
  const limit = 1 / Math.sqrt(dModel);
  const wQ = tf.variable(tf.randomUniform([dModel, dK], -limit, limit, 'float32', seed));
  const wK = tf.variable(tf.randomUniform([dModel, dK], -limit, limit, 'float32', seed + 1));
  const optimizer = tf.train.adam(learningRate);
  const rows = pairs.map(({ i, j, attend }) => ({
    xi: tf.slice(x, [i, 0], [1, dModel]),
    xj: tf.slice(x, [j, 0], [1, dModel]),
    target: tf.scalar(attend),
  }));

  const losses: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    let total = 0;
    for (const { xi, xj, target } of rows) {
      const loss = optimizer.minimize(() => {
        // BCE(sigmoid(z), t) computed from the logit z directly, which stays finite when z is large.
        const logit = tf.div(tf.sum(tf.mul(tf.matMul(xi, wQ), tf.matMul(xj, wK))), Math.sqrt(dK));
        return tf.losses.sigmoidCrossEntropy(target, logit) as tf.Scalar;
      }, true, [wQ, wK]);
      total += loss!.dataSync()[0];
      loss!.dispose();
    }
    losses.push(total / rows.length);
  }

  const result = { losses, wQ: tf.clone(wQ) as tf.Tensor2D, wK: tf.clone(wK) as tf.Tensor2D };
  for (const row of rows) tf.dispose([row.xi, row.xj, row.target]);
  optimizer.dispose();
  tf.dispose([wQ, wK]);
  return result;
}
