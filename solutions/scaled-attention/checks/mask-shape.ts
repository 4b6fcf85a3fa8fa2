import { expectTensor, failed, formatShape, item, passed } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';
import { MASK_INPUT, maskProbe } from './mask-input.js';

export default defineRuntimeCheck({
  id: 'mask.shape',
  title: 'causalMask(n) is an [n, n] tensor (for n = 5, 1 and 3)',
  uses: ['causalMask'],
  input: MASK_INPUT,
  probe: maskProbe,
  judge: ({ input, actual }) => {
    for (const [index, n] of input.sizes.entries()) {
      const got = expectTensor(item(actual, index), `causalMask(${n})`);
      if ('verdict' in got) return got.verdict;
      if (formatShape(got.tensor.shape) !== formatShape([n, n])) {
        return failed(`causalMask(${n}) has shape ${formatShape(got.tensor.shape)}; expected [${n}, ${n}]: one entry for each (query, key) pair, added to the [n, n] scores. Build it for the n passed in.`);
      }
    }
    return passed();
  },
});
