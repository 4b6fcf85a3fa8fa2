import { expectTensor, judgeClose, referenceTensor } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';
import { SOFTMAX_INPUT, softmaxProbe } from './softmax-input.js';

export default defineRuntimeCheck({
  id: 'softmax.matches-reference',
  title: 'softmaxRows gives the reference values',
  uses: ['softmaxRows'],
  input: SOFTMAX_INPUT,
  probe: softmaxProbe,
  judge: ({ actual, expected, tolerance }) => {
    const got = expectTensor(actual, 'softmaxRows(scores)');
    if ('verdict' in got) return got.verdict;
    return judgeClose('The softmax', got.tensor, referenceTensor(expected, 'softmax'), tolerance, 'softmax(x)_j = exp(x_j - max(x)) / Σ_l exp(x_l - max(x)), over the last axis.');
  },
});
