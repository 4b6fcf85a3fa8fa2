import { defineRuntimeCheck, expectTensor, failed, formatNumber, passed } from '../../../grader/checks/index.js';
import { rowsOf } from './plain-math.js';
import { HIDDEN_AT_MOST, MASK_INPUT, maskProbe } from './mask-input.js';

const isHidden = (value: number): boolean => value <= HIDDEN_AT_MOST;

export default defineRuntimeCheck({
  id: 'mask.hides-future',
  title: 'causalMask is 0 on and below the diagonal and -Infinity above it (word i never sees a word j > i)',
  uses: ['causalMask'],
  input: MASK_INPUT,
  probe: maskProbe,
  judge: ({ actual }) => {
    const got = expectTensor(actual, 'causalMask(5)');
    if ('verdict' in got) return got.verdict;
    if (got.tensor.shape.length !== 2 || got.tensor.shape[0] !== got.tensor.shape[1]) return failed('causalMask(5) should be a square [5, 5] tensor.');
    const mask = rowsOf(got.tensor);
    const n = mask.length;
    const cells = mask.flatMap((row, i) => row.map((value, j) => ({ i, j, value })));
    const future = cells.filter(({ i, j }) => j > i);
    const past = cells.filter(({ i, j }) => j < i);
    if (future.every(({ value }) => value === 0) && past.every(({ value }) => isHidden(value))) {
      return failed(
        `The mask hides the past instead of the future: [1, 0] is ${formatNumber(mask[1][0])} (word 1 looking back at word 0) while [0, 1] is 0 (word 0 looking ahead at word 1). ` +
          'Put -Infinity where the key comes after the query, j > i: above the diagonal.',
      );
    }
    if (cells.every(({ value }) => value === 0 || value === 1)) {
      return failed('The mask holds only 0 and 1. This mask is added to the scores, so it must be 0 where a word may look (j <= i) and -Infinity where it may not (j > i); a 0/1 mask added to the scores hides nothing.');
    }
    const diagonal = cells.find(({ i, j, value }) => i === j && value !== 0);
    if (diagonal) return failed(`The diagonal must be 0, since every word may attend to itself, but [${diagonal.i}, ${diagonal.j}] is ${formatNumber(diagonal.value)}.`);
    const seen = past.find(({ value }) => value !== 0);
    if (seen) return failed(`[${seen.i}, ${seen.j}] is ${formatNumber(seen.value)}: word ${seen.i} may see word ${seen.j}, which comes before it, so that entry must be 0 (nothing is added to its score).`);
    const leak = future.find(({ value }) => !isHidden(value));
    if (leak) {
      return failed(
        `[${leak.i}, ${leak.j}] is ${formatNumber(leak.value)}: word ${leak.j} comes after word ${leak.i}, so that score must be hidden with -Infinity ` +
          `(at least as negative as ${formatNumber(HIDDEN_AT_MOST)}, so that its weight after the softmax is exactly 0).`,
      );
    }
    return passed(`${n}×${n}: 0 on and below the diagonal, ${formatNumber(future[0]?.value ?? -Infinity)} above it`);
  },
});
