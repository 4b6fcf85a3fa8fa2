import { defineRuntimeCheck } from './student-module.js';
import { readAttention } from './attention-result.js';
import { ATTENTION_CALL, ATTENTION_INPUT, attentionProbe } from './attention-input.js';
import { attentionHeatmap } from './figures.js';
import { scaledScores } from './plain-math.js';
import { judgeDistributionRows, judgeFollowsScores } from './weights-rows.js';

export default defineRuntimeCheck({
  id: 'attention.weights-sum-to-one',
  title: 'Each row of the attention weights is in [0, 1], sums to 1, and gives a key that scores higher a higher weight',
  uses: ['scaledDotProductAttention'],
  input: ATTENTION_INPUT,
  probe: attentionProbe,
  judge: ({ input, actual, tolerance }) => {
    const got = readAttention(actual, ATTENTION_CALL);
    if ('verdict' in got) return got.verdict;
    const rows = judgeDistributionRows('weights', got.result.weights, tolerance, 'The weights are the softmax of the scores: return softmaxRows(scores), before multiplying by V.');
    if (rows.status === 'failed') return rows;
    // Rows that sum to 1 without looking at Q and K (uniform weights, say) are not attention.
    return judgeFollowsScores('weights', got.result.weights, scaledScores(input.q, input.k), 'weights = softmaxRows(attentionScores(q, k)), from the q and k passed in.');
  },
  figures: ({ input, actual, expected }) => [
    attentionHeatmap({
      actual,
      expected,
      n: input.q.length,
      title: 'Attention weights, without the mask',
      caption: `How much each of ${input.q.length} words attends to every word, ${ATTENTION_CALL}.weights beside the reference's: each row is a softmax and sums to 1.`,
    }),
  ],
});
