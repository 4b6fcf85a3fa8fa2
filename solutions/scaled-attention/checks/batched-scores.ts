import { expectTensor, failed, formatShape, judgeClose, referenceTensor, seededRandom } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';
import { randomBatch } from './data.js';

const random = seededRandom(53);
/** Two sequences of 3 words, dK = 4: the batch, word and feature axes all differ in size. */
const input = { q: randomBatch(random, 2, 3, 4), k: randomBatch(random, 2, 3, 4) };

export default defineRuntimeCheck({
  id: 'batched.scores',
  title: 'attentionScores of a batch [2, 3, 4] gives each sequence its own [3, 3] scores',
  uses: ['attentionScores'],
  input,
  probe: ({ mod, tf, input }) => mod.attentionScores(tf.tensor3d(input.q), tf.tensor3d(input.k)),
  judge: ({ actual, expected, tolerance }) => {
    const got = expectTensor(actual, 'attentionScores(q, k)');
    if ('verdict' in got) return got.verdict;
    if (formatShape(got.tensor.shape) !== '[2, 3, 3]') {
      return failed(`For q and k of shape [2, 3, 4] the scores have shape ${formatShape(got.tensor.shape)}; expected [2, 3, 3]: Q · Kᵀ for each sequence of the batch. tf.matMul(q, k, false, true) does that for 3-d tensors; a 2-d tf.transpose(k) does not.`);
    }
    return judgeClose('The batched scores', got.tensor, referenceTensor(expected, 'batched scores'), tolerance, 'scores = Q · Kᵀ / √dK for each sequence, with dK the size of the last axis (4 here) whatever the rank: q.shape[q.shape.length - 1].');
  },
});
