import { defineRuntimeCheck } from './student-module.js';
import { judgeAttentionValues } from './attention-result.js';
import { CAUSAL_CALL, CAUSAL_INPUT, causalProbe } from './causal-input.js';

export default defineRuntimeCheck({
  id: 'causal.matches-reference',
  title: 'With causal: true, scaledDotProductAttention gives the reference weights and output',
  uses: ['scaledDotProductAttention'],
  input: CAUSAL_INPUT,
  probe: causalProbe,
  judge: ({ actual, expected, tolerance }) => judgeAttentionValues(CAUSAL_CALL, actual, expected, tolerance),
});
