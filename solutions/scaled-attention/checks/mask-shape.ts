import { defineRuntimeCheck, expectTensor, failed, formatShape, passed } from '../../../grader/checks/index.js';
import { MASK_INPUT, maskProbe } from './mask-input.js';

export default defineRuntimeCheck({
  id: 'mask.shape',
  title: 'causalMask(5) is a [5, 5] tensor',
  uses: ['causalMask'],
  input: MASK_INPUT,
  probe: maskProbe,
  judge: ({ actual }) => {
    const got = expectTensor(actual, 'causalMask(5)');
    if ('verdict' in got) return got.verdict;
    if (formatShape(got.tensor.shape) === '[5, 5]') return passed();
    return failed(`causalMask(5) has shape ${formatShape(got.tensor.shape)}; expected [5, 5]: one entry for each (query, key) pair, added to the [n, n] scores.`);
  },
});
