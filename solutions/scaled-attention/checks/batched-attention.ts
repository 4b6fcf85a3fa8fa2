import { field, passed, seededRandom } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';
import { judgeAttentionValues } from './attention-result.js';
import { randomBatch } from './data.js';

const random = seededRandom(59);
/** Two sequences of 4 words, dK = 3, dV = 5. */
const input = { q: randomBatch(random, 2, 4, 3), k: randomBatch(random, 2, 4, 3), v: randomBatch(random, 2, 4, 5) };

export default defineRuntimeCheck({
  id: 'batched.attention',
  title: 'scaledDotProductAttention of a batch [2, 4, 3], with and without the mask, gives the reference weights and output',
  uses: ['scaledDotProductAttention'],
  input,
  probe: ({ mod, tf, input }) => {
    const run = (causal: boolean) => mod.scaledDotProductAttention(tf.tensor3d(input.q), tf.tensor3d(input.k), tf.tensor3d(input.v), { causal });
    return { plain: run(false), causal: run(true) };
  },
  judge: ({ actual, expected, tolerance }) => {
    const plain = judgeAttentionValues('scaledDotProductAttention(q, k, v) on a batch', field(actual, 'plain'), field(expected, 'plain'), tolerance);
    if (plain.status === 'failed') return plain;
    const causal = judgeAttentionValues('scaledDotProductAttention(q, k, v, { causal: true }) on a batch', field(actual, 'causal'), field(expected, 'causal'), tolerance);
    if (causal.status === 'failed') return { ...causal, message: `${causal.message} A [4, 4] mask added to [2, 4, 4] scores applies to each sequence.` };
    return passed();
  },
});
