import { expectTensor, failed, formatNumber, formatShape, item, passed, type Verdict, type Wire } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';
import { rowsOf } from './plain-math.js';
import { HIDDEN_AT_MOST, MASK_INPUT, maskProbe } from './mask-input.js';

const isHidden = (value: number): boolean => value <= HIDDEN_AT_MOST;

function judgeMask(n: number, actual: Wire): Verdict {
  const call = `causalMask(${n})`;
  const got = expectTensor(actual, call);
  if ('verdict' in got) return got.verdict;
  if (formatShape(got.tensor.shape) !== formatShape([n, n])) return failed(`${call} should be a square [${n}, ${n}] tensor, but it has shape ${formatShape(got.tensor.shape)}.`);
  const mask = rowsOf(got.tensor);
  const cells = mask.flatMap((row, i) => row.map((value, j) => ({ i, j, value })));
  const future = cells.filter(({ i, j }) => j > i);
  const past = cells.filter(({ i, j }) => j < i);
  if (n > 1 && future.every(({ value }) => value === 0) && past.every(({ value }) => isHidden(value))) {
    return failed(
      `The mask hides the past instead of the future: [1, 0] is ${formatNumber(mask[1][0])} (word 1 looking back at word 0) while [0, 1] is 0 (word 0 looking ahead at word 1). ` +
        'Put -Infinity where the key comes after the query, j > i: above the diagonal.',
    );
  }
  if (n > 1 && cells.every(({ value }) => value === 0 || value === 1)) {
    return failed('The mask holds only 0 and 1. This mask is added to the scores, so it must be 0 where a word may look (j <= i) and -Infinity where it may not (j > i); a 0/1 mask added to the scores hides nothing.');
  }
  const diagonal = cells.find(({ i, j, value }) => i === j && value !== 0);
  if (diagonal) return failed(`In ${call}, the diagonal must be 0, since every word may attend to itself, but [${diagonal.i}, ${diagonal.j}] is ${formatNumber(diagonal.value)}.`);
  const seen = past.find(({ value }) => value !== 0);
  if (seen) return failed(`In ${call}, [${seen.i}, ${seen.j}] is ${formatNumber(seen.value)}: word ${seen.i} may see word ${seen.j}, which comes before it, so that entry must be 0 (nothing is added to its score).`);
  const leak = future.find(({ value }) => !isHidden(value));
  if (leak) {
    return failed(
      `In ${call}, [${leak.i}, ${leak.j}] is ${formatNumber(leak.value)}: word ${leak.j} comes after word ${leak.i}, so that score must be hidden with -Infinity ` +
        `(at least as negative as ${formatNumber(HIDDEN_AT_MOST)}, so that its weight after the softmax is exactly 0).`,
    );
  }
  return passed(`${n}×${n}: 0 on and below the diagonal, ${formatNumber(future[0]?.value ?? -Infinity)} above it`);
}

export default defineRuntimeCheck({
  id: 'mask.hides-future',
  title: 'causalMask is 0 on and below the diagonal and -Infinity above it (word i never sees a word j > i)',
  uses: ['causalMask'],
  input: MASK_INPUT,
  probe: maskProbe,
  judge: ({ input, actual }) => {
    let first: Verdict | null = null;
    for (const [index, n] of input.sizes.entries()) {
      const verdict = judgeMask(n, item(actual, index));
      if (verdict.status === 'failed') return verdict;
      first ??= verdict;
    }
    // The five-word mask says what it holds above its diagonal; the smaller ones add nothing to that.
    return first ?? passed();
  },
});
