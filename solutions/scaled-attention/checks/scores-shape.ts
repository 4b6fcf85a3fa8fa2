import { expectTensor, failed, formatShape, passed } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';
import { SCORES_INPUT, scoresProbe } from './scores-input.js';

export default defineRuntimeCheck({
  id: 'scores.shape',
  title: 'attentionScores of 3 queries and 5 keys (dK = 16) is a [3, 5] tensor',
  uses: ['attentionScores'],
  input: SCORES_INPUT,
  probe: scoresProbe,
  judge: ({ actual }) => {
    const got = expectTensor(actual, 'attentionScores(q, k)');
    if ('verdict' in got) return got.verdict;
    const shape = formatShape(got.tensor.shape);
    if (shape === '[3, 5]') return passed();
    if (shape === '[5, 3]') {
      return failed('For 3 queries and 5 keys the scores have shape [5, 3], one row per key: that is K · Qᵀ. Put the queries first: Q · Kᵀ = tf.matMul(q, k, false, true) has one row per query.');
    }
    return failed(`For 3 queries and 5 keys of size 16 the scores have shape ${shape}; expected [3, 5]: one score for each (query, key) pair, Q · Kᵀ = tf.matMul(q, k, false, true).`);
  },
});
