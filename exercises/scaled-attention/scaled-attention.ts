/**
 * Scaled dot-product attention: from scores to weighted values.
 *
 * Part 2 of the series. Part 1 gave every word a Query, a Key and a Value; now the words use them.
 * Each word's query is compared with every key, the comparisons become weights, and the word's
 * output is the weighted average of all the values:
 *
 *     Attention(Q, K, V) = softmax(Q · Kᵀ / √dK) · V
 *
 * Q and K are [n, dK] (one row per word) and V is [n, dV]; a batch adds a leading axis, [b, n, dK].
 *
 * - Scores. Q · Kᵀ is [n, n]: row i says how well word i's query matches each key. The dot product
 *   of two random dK-dimensional vectors has a variance of dK, so without the division by √dK the
 *   scores grow with dK, and the softmax puts nearly all of its weight on a single word.
 * - Weights. The softmax of each row is non-negative and sums to 1: how much word i attends to
 *   each word. It must not overflow: exp(1000) is Infinity in float32, so each row's maximum is
 *   subtracted first, which changes nothing else, since softmax(x) = softmax(x - c).
 * - Output. weights · V is [n, dV]: row i mixes the values with word i's weights.
 * - Causal mask. A language model writes left to right, so word i may attend only to itself and
 *   to the words before it. Adding -Infinity to every score above the diagonal (key j after query
 *   i) before the softmax gives those words a weight of exactly 0, and the remaining weights of the
 *   row still sum to 1.
 *
 * Fill in every function that throws a `TODO` error. Keep the exports, their names and their
 * signatures: the grader calls them. Import nothing but '@tensorflow/tfjs'.
 *
 * Check your work with `npx autograde check scaled-attention.ts`, in the folder where you installed your
 * student kit (`npm install ./student-kit.tgz`): it runs the visible checks and says what to do next.
 */
import * as tf from '@tensorflow/tfjs';

/** The three words of the hand computation (section 4), in order. */
export const TOKENS = ['The', 'cat', 'sat'] as const;

/** Their queries, keys and values, each [n = 3, d = 2]: small enough to follow by hand. */
export const Q_EXAMPLE: number[][] = [[1, 0], [0, 1], [1, 1]];
export const K_EXAMPLE: number[][] = [[1, 0], [1, 1], [0, 1]];
export const V_EXAMPLE: number[][] = [[0.2, 0.8], [0.9, 0.1], [0.5, 0.5]];

/**
 * TODO 1: the attention scores, Q · Kᵀ / √dK.
 *
 * q is [n, dK] and k is [m, dK], or [b, n, dK] and [b, m, dK] for a batch; the result is [n, m]
 * (or [b, n, m]) with scores[i][j] = q_i · k_j / √dK. dK is the size of the last axis.
 * tf.matMul(q, k, false, true) multiplies by the transpose of k, sequence by sequence for a batch.
 * Work inside tf.tidy, so that the tensors made along the way are freed.
 */
export function attentionScores(q: tf.Tensor, k: tf.Tensor): tf.Tensor {
  throw new Error('TODO 1: compute QKᵀ/√dK in attentionScores');
}

/**
 * TODO 2: the softmax of each row, over the last axis, written out (tf.softmax is not allowed):
 *
 *     softmax(x)_j = exp(x_j - max(x)) / Σ_l exp(x_l - max(x))
 *
 * Subtracting the row's maximum (tf.max(x, -1, true)) keeps exp from overflowing: a row like
 * [1000, 1001, 1002] must give [0.09, 0.2447, 0.6652], not NaN. An entry of -Infinity (a masked
 * score) gets exactly 0. Works for any rank: [n, m] or [b, n, m].
 */
export function softmaxRows(scores: tf.Tensor): tf.Tensor {
  throw new Error('TODO 2: write a numerically stable softmax over the last axis in softmaxRows');
}

/**
 * TODO 3: the causal mask for n words, an [n, n] tensor that is added to the scores:
 *
 *     mask[i][j] = 0           when j <= i   (word i may see itself and the words before it)
 *     mask[i][j] = -Infinity   when j > i    (the future is hidden)
 *
 * For n = 3:   [[0, -Infinity, -Infinity],
 *               [0,         0, -Infinity],
 *               [0,         0,         0]]
 *
 * After the softmax, -Infinity becomes a weight of exactly 0. (A large negative number such as
 * -1e9 does the same in float32 and is accepted too; anything less negative is not.)
 */
export function causalMask(n: number): tf.Tensor2D {
  throw new Error('TODO 3: build the [n, n] mask with -Infinity above the diagonal in causalMask');
}

/**
 * TODO 4: scaled dot-product attention, from your three functions above:
 *
 *     weights = softmaxRows(attentionScores(q, k) + (causal ? causalMask(n) : 0))
 *     output  = weights · V
 *
 * q and k are [n, dK] and v is [n, dV] (or [b, n, dK] and [b, n, dV]); return the output, [n, dV],
 * and the weights, [n, n], whose rows sum to 1. The mask goes on the scores, before the softmax:
 * zeroing weights after it would leave rows that no longer sum to 1, and still depend on the
 * future. An [n, n] mask broadcasts over a batch. Wrap the work in tf.tidy: nothing may be left
 * behind but the two tensors returned.
 */
export function scaledDotProductAttention(
  q: tf.Tensor,
  k: tf.Tensor,
  v: tf.Tensor,
  options: { causal?: boolean } = {},
): { output: tf.Tensor; weights: tf.Tensor } {
  const { causal = false } = options;
  throw new Error('TODO 4: return softmax(QKᵀ/√dK + mask)·V and the weights in scaledDotProductAttention');
}

/** The hand computation for one query: its scores, its weights and its output. */
export interface HandAttention {
  scores: number[];
  weights: number[];
  output: number[];
}

/**
 * TODO 5 (section 4, by hand): attention for one query q [dK] over keys [m][dK] and values
 * [m][dV], with plain loops and no tfjs, so that every step is visible:
 *
 *     scores[j]  = (q · keys[j]) / √dK
 *     weights[j] = exp(scores[j] - max) / Σ_l exp(scores[l] - max)
 *     output[d]  = Σ_j weights[j] · values[j][d]
 *
 * For "sat", q = [1, 1] against K_EXAMPLE and V_EXAMPLE:
 *     scores  = [1·1 + 1·0, 1·1 + 1·1, 1·0 + 1·1] / √2 = [0.7071, 1.4142, 0.7071]
 *     exp(scores - 1.4142) = [0.4931, 1, 0.4931], which sum to 1.9861
 *     weights = [0.2483, 0.5035, 0.2483]
 *     output  = 0.2483·[0.2, 0.8] + 0.5035·[0.9, 0.1] + 0.2483·[0.5, 0.5] = [0.6269, 0.3731]
 * "sat" attends most to "cat", and its output leans towards cat's value.
 */
export function attentionByHand(q: number[], keys: number[][], values: number[][]): HandAttention {
  throw new Error('TODO 5: compute the scores, weights and output with plain loops in attentionByHand');
}
