import { expectTensor, failed, field, formatNumber, formatShape, passed } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';
import { FUTURE_INPUT, UNCHANGED } from './causal-input.js';

export default defineRuntimeCheck({
  id: 'causal.hides-future',
  title: 'With causal: true, changing the last two words (their queries, keys and values) leaves the outputs of the words before them unchanged, and changes their own',
  uses: ['scaledDotProductAttention'],
  input: FUTURE_INPUT,
  probe: ({ mod, tf, input }) => {
    const run = (q: number[][], k: number[][], v: number[][]) =>
      mod.scaledDotProductAttention(tf.tensor2d(q), tf.tensor2d(k), tf.tensor2d(v), { causal: true }).output;
    return { before: run(input.q, input.k, input.v), after: run(input.changed.q, input.changed.k, input.changed.v) };
  },
  judge: ({ input, actual, tolerance }) => {
    const before = expectTensor(field(actual, 'before'), 'output');
    if ('verdict' in before) return before.verdict;
    const after = expectTensor(field(actual, 'after'), 'output');
    if ('verdict' in after) return after.verdict;
    const n = input.q.length;
    const dV = input.v[0].length;
    const shape = formatShape([n, dV]);
    if (formatShape(before.tensor.shape) !== shape || formatShape(after.tensor.shape) !== shape) {
      return failed(`output has shape ${formatShape(before.tensor.shape)}; expected ${shape}.`);
    }
    let worst = { word: -1, diff: 0 };
    for (let i = 0; i < UNCHANGED * dV; i++) {
      const a = before.tensor.values[i];
      const b = after.tensor.values[i];
      const diff = Number.isNaN(a) || Number.isNaN(b) ? Infinity : Math.abs(a - b);
      const isSame = a === b || diff <= tolerance.atol + tolerance.rtol * Math.abs(a);
      if (!isSame && diff >= worst.diff) worst = { word: Math.floor(i / dV), diff };
    }
    if (worst.word < 0) {
      // Outputs that do not move at all hide the future trivially: an output computed without the
      // inputs (a constant, say) would pass. The changed words see their own new query, key and
      // value, so their outputs must change.
      const moved = Array.from({ length: n - UNCHANGED }, (_, w) => UNCHANGED + w).filter((word) =>
        before.tensor.values.slice(word * dV, (word + 1) * dV).some((a, d) => !(Math.abs(a - after.tensor.values[word * dV + d]) <= tolerance.atol + tolerance.rtol * Math.abs(a))),
      );
      if (moved.length === n - UNCHANGED) return passed();
      const still = Array.from({ length: n - UNCHANGED }, (_, w) => UNCHANGED + w).filter((word) => !moved.includes(word));
      return failed(
        `Changing the queries, keys and values of words ${still.join(' and ')} left their own outputs unchanged, so the outputs do not come from the inputs. ` +
          'Compute the output from the q, k and v passed in: output = softmaxRows(attentionScores(q, k) + causalMask(n)) · v.',
      );
    }
    const words = Array.from({ length: n - UNCHANGED }, (_, i) => UNCHANGED + i).join(' and ');
    const nan = before.tensor.values.slice(0, UNCHANGED * dV).some(Number.isNaN) ? ' (the output holds NaN)' : '';
    return failed(
      `Changing words ${words} changed the output of word ${worst.word}, which comes before them, by up to ${formatNumber(worst.diff)}${nan}: word ${worst.word} can see the future. ` +
        'Hide every key after the query (j > i) by adding causalMask(n) to the scores before the softmax; then the later words get a weight of exactly 0, and neither their keys nor their values can reach the earlier outputs.',
    );
  },
});
