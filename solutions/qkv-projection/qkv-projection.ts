/**
 * Queries, Keys, and Values: building the QKV projection from scratch.
 *
 * Every word of a sentence plays three roles in self-attention. Its Query says what it is looking
 * for, its Key says what it offers, and its Value is what it contributes once found. Each is a
 * learned linear projection of the word's embedding:
 *
 *     Q = X · W_Q,   K = X · W_K,   V = X · W_V
 *
 * X is [n, dModel] (one row per word) and each W is [dModel, dK], so Q, K and V are [n, dK].
 *
 * Fill in every function that throws a `TODO` error. Keep the exports, their names and their
 * signatures: the grader calls them. Import nothing but '@tensorflow/tfjs'.
 *
 * Check your work with `npx autograde check qkv-projection.ts`, in the folder where you installed your
 * student kit (`npm install ./student-kit.tgz`): it runs the visible checks and says what to do next.
 */
// BEGIN HIDDEN
// Reference solution. `npx autograde skeleton qkv-projection` writes the students' copy,
// exercises/qkv-projection/qkv-projection.ts, from this file: each SOLUTION block becomes its TODO
// error and each HIDDEN block goes.
// END HIDDEN
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
 * Create three dense layers without bias, one each for W_Q, W_K and W_V, each projecting from
 * dModel to dK. In tfjs that is `tf.layers.dense({ units: dK, useBias: false, inputDim: dModel })`.
 *
 * Careful if you know PyTorch: a tfjs Dense kernel has shape [dModel, dK] and computes x · kernel.
 * PyTorch's nn.Linear stores its weight transposed, as [dK, dModel]. Nothing needs transposing here.
 *
 * Use three separate layers: if Q and K came from the same weights, every word would look for
 * exactly what it offers, and attention could not learn who should attend to whom.
 */
export class QKVProjection {
  wQ: tf.layers.Layer;
  wK: tf.layers.Layer;
  wV: tf.layers.Layer;

  constructor(dModel: number, dK: number) {
    // TODO 1a: create this.wQ, this.wK and this.wV.
    // BEGIN SOLUTION TODO 1: create the three bias-free dense layers in the QKVProjection constructor
    this.wQ = tf.layers.dense({ units: dK, useBias: false, inputDim: dModel });
    this.wK = tf.layers.dense({ units: dK, useBias: false, inputDim: dModel });
    this.wV = tf.layers.dense({ units: dK, useBias: false, inputDim: dModel });
    // END SOLUTION
  }

  /**
   * x is [batch, seq, dModel] or [seq, dModel]; return [Q, K, V], each with dModel replaced by dK.
   * A layer is applied with `layer.apply(x) as tf.Tensor`.
   */
  forward(x: tf.Tensor): [tf.Tensor, tf.Tensor, tf.Tensor] {
    // TODO 1b: apply each layer to x.
    // BEGIN SOLUTION TODO 1: apply wQ, wK and wV to x in QKVProjection.forward
    return [
      this.wQ.apply(x) as tf.Tensor,
      this.wK.apply(x) as tf.Tensor,
      this.wV.apply(x) as tf.Tensor,
    ];
    // END SOLUTION
  }
}

/**
 * Section 4.3, by hand: the projection of one embedding x [dModel] by a weight matrix
 * w [dModel][dK], with plain loops and no tfjs, so that every multiply-add is visible:
 *
 *     out[j] = x[0]·w[0][j] + x[1]·w[1][j] + ... + x[dModel-1]·w[dModel-1][j]
 *
 * For "mat", x = [1.0, 0.5, -0.3, 0.8] and w = W_Q give
 *     q[0] = (1.0)(0.2) + (0.5)(0.4) + (-0.3)(0.1) + (0.8)(-0.2) = 0.21
 *     q[1] = (1.0)(0.1) + (0.5)(-0.3) + (-0.3)(0.5) + (0.8)(0.3) = 0.04
 */
export function manualProjection(x: number[], w: number[][]): number[] {
  // BEGIN SOLUTION TODO 4.3: compute x · w with plain loops in manualProjection
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
  // END SOLUTION
}

/**
 * Section 6: the same projection with tfjs, for given weights. Return [X·W_Q, X·W_K, X·W_V].
 * tf.matMul(a, b) multiplies [n, dModel] by [dModel, dK].
 *
 * The sizes come from the inputs, not from the notebook: x is [n, dModel], wQ and wK are
 * [dModel, dK], and wV is [dModel, dV], where dV may differ from dK (the values need not be as wide
 * as the queries and keys). So V is [n, dV]. A QKVProjection built with one dK for all three layers
 * cannot hold such a wV; multiply by each matrix as given.
 */
export function projectWithWeights(
  x: tf.Tensor2D,
  wQ: tf.Tensor2D,
  wK: tf.Tensor2D,
  wV: tf.Tensor2D,
): [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D] {
  // BEGIN SOLUTION TODO 6: return [x·wQ, x·wK, x·wV] in projectWithWeights
  return tf.tidy(() => [tf.matMul(x, wQ), tf.matMul(x, wK), tf.matMul(x, wV)]);
  // END SOLUTION
}

/**
 * TODO 2: the pairwise cosine similarity of the rows of q ([n, d] -> [n, n]).
 *
 *     sim = Q·Qᵀ / (‖q_i‖·‖q_j‖ + 1e-8)
 *
 * The norms are a column [n, 1] (tf.norm(q, 'euclidean', 1, true)); their outer product
 * norms·normsᵀ is [n, n]. The 1e-8 keeps a row of zeros from producing NaN.
 */
export function cosineSimilarityMatrix(q: tf.Tensor2D): tf.Tensor2D {
  // BEGIN SOLUTION TODO 2: compute the cosine-similarity matrix in cosineSimilarityMatrix
  return tf.tidy(() => {
    const norms = tf.norm(q, 'euclidean', 1, true); // [n, 1]
    const dots = tf.matMul(q, q, false, true); // [n, n]
    return tf.div(dots, tf.add(tf.matMul(norms, norms, false, true), 1e-8)) as tf.Tensor2D;
  });
  // END SOLUTION
}

/**
 * TODO 2, continued: how does the projection size dK change how alike the queries look?
 * For each dK in dKValues (in order), draw a random W_Q of shape [dModel, dK] from a normal
 * distribution seeded with `seed + index` (tf.randomNormal(shape, 0, 1, 'float32', seed + index)),
 * project Q = X·W_Q and return the cosine-similarity matrix of the queries: one [n, n] per dK.
 */
export function compareProjections(x: tf.Tensor2D, dKValues: number[], seed: number): tf.Tensor2D[] {
  // BEGIN SOLUTION TODO 2: return one similarity matrix per dK in compareProjections
  const dModel = x.shape[1];
  return dKValues.map((dK, index) =>
    tf.tidy(() => {
      const w = tf.randomNormal([dModel, dK], 0, 1, 'float32', seed + index);
      return cosineSimilarityMatrix(tf.matMul(x, w) as tf.Tensor2D);
    }),
  );
  // END SOLUTION
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
 * Section 7: learn W_Q and W_K so that sigmoid(q_i·k_j / √dK) predicts whether word i attends to
 * word j.
 *
 * - Weights: tf.variable(...) of shape [dModel, dK], initialised with a seeded random initialiser
 *   (e.g. tf.randomUniform([dModel, dK], -1/√dModel, 1/√dModel, 'float32', seed), and seed + 1 for
 *   W_K) so that the same seed gives the same run.
 * - Optimizer: tf.train.adam(learningRate); one step per pair, in order, for every epoch:
 *   optimizer.minimize(() => loss, true, [wQ, wK]).
 * - Loss: binary cross-entropy of sigmoid(q_i·k_j / √dK) against `attend`;
 *   tf.losses.sigmoidCrossEntropy(target, logit) computes it from the logit and stays finite.
 * - Return the mean loss of each epoch, and the trained weights (copies that outlive cleanup).
 * - Dispose what you create (optimizer, variables, sliced rows): tf.memory().numTensors must not
 *   grow with the number of epochs.
 *
 * Defaults: 200 epochs, learning rate 0.01, dK 2, seed 42. It must work the same way for any pairs
 * of rows of x and any options: the grader also trains it on pairs and options of its own, and
 * judges the weights it returns.
 */
export function trainAttentionPairs(
  x: tf.Tensor2D,
  pairs: AttentionPair[],
  options: { epochs?: number; learningRate?: number; dK?: number; seed?: number } = {},
): { losses: number[]; wQ: tf.Tensor2D; wK: tf.Tensor2D } {
  const { epochs = 200, learningRate = 0.01, dK = 2, seed = 42 } = options;
  // BEGIN SOLUTION TODO 7: train W_Q and W_K in trainAttentionPairs
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
  // END SOLUTION
}
