import { defineRuntimeCheck } from './student-module.js';
import { judgeAttentionValues } from './attention-result.js';
import { ATTENTION_CALL, ATTENTION_INPUT, attentionProbe } from './attention-input.js';

export default defineRuntimeCheck({
  id: 'attention.matches-reference',
  title: 'scaledDotProductAttention gives the reference weights and output',
  uses: ['scaledDotProductAttention'],
  input: ATTENTION_INPUT,
  probe: attentionProbe,
  judge: ({ actual, expected, tolerance }) => judgeAttentionValues(ATTENTION_CALL, actual, expected, tolerance),
});
