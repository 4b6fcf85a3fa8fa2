/** The call the attention checks share: self-attention over 4 words, dK = 3 and dV = 5, without the mask. */
import { randomMatrix, seededRandom } from '../../../grader/checks/index.js';
import type { StudentProbeApi } from './student-module.js';

const random = seededRandom(37);

export const ATTENTION_INPUT = { q: randomMatrix(random, 4, 3, 2), k: randomMatrix(random, 4, 3, 2), v: randomMatrix(random, 4, 5) };

/** Runs in the sandbox: scaledDotProductAttention(q, k, v, { causal: false }). */
export const attentionProbe = ({ mod, tf, input }: StudentProbeApi<typeof ATTENTION_INPUT>) =>
  mod.scaledDotProductAttention(tf.tensor2d(input.q), tf.tensor2d(input.k), tf.tensor2d(input.v), { causal: false });

export const ATTENTION_CALL = 'scaledDotProductAttention(q, k, v)';
