import { failed, formatShape, passed } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';
import { readAttention } from './attention-result.js';
import { ATTENTION_CALL, ATTENTION_INPUT, attentionProbe } from './attention-input.js';

export default defineRuntimeCheck({
  id: 'attention.shapes',
  title: 'For 4 words with dK = 3 and dV = 5, scaledDotProductAttention returns { output: [4, 5], weights: [4, 4] }',
  uses: ['scaledDotProductAttention'],
  input: ATTENTION_INPUT,
  probe: attentionProbe,
  judge: ({ actual }) => {
    const got = readAttention(actual, ATTENTION_CALL);
    if ('verdict' in got) return got.verdict;
    const { output, weights } = got.result;
    if (formatShape(weights.shape) !== '[4, 4]') {
      return failed(`weights has shape ${formatShape(weights.shape)}; expected [4, 4]: one weight for each (query, key) pair, the softmax of Q · Kᵀ / √dK.`);
    }
    if (formatShape(output.shape) !== '[4, 5]') {
      return failed(`output has shape ${formatShape(output.shape)}; expected [4, 5]: one row per word, each a mix of the values (dV = 5), output = weights · V.`);
    }
    return passed();
  },
});
