import { defineRuntimeCheck } from '../../../grader/checks/index.js';
import { readAttention } from './attention-result.js';
import { ATTENTION_CALL, ATTENTION_INPUT, attentionProbe } from './attention-input.js';
import { attentionHeatmap } from './figures.js';
import { judgeDistributionRows } from './weights-rows.js';

export default defineRuntimeCheck({
  id: 'attention.weights-sum-to-one',
  title: 'Each row of the attention weights is in [0, 1] and sums to 1',
  uses: ['scaledDotProductAttention'],
  input: ATTENTION_INPUT,
  probe: attentionProbe,
  judge: ({ actual, tolerance }) => {
    const got = readAttention(actual, ATTENTION_CALL);
    if ('verdict' in got) return got.verdict;
    return judgeDistributionRows('weights', got.result.weights, tolerance, 'The weights are the softmax of the scores: return softmaxRows(scores), before multiplying by V.');
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
