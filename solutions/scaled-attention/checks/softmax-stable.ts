import { expectTensor, failed, formatNumber, judgeClose, referenceTensor } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';

/** Rows whose exponentials overflow (or all underflow) in float32 unless the row's maximum is subtracted. */
const input = {
  scores: [
    [1000, 1001, 1002],
    [-1000, -1000, -1000],
    [50000, 0, -50000],
    [100, 90, 80],
  ],
};

export default defineRuntimeCheck({
  id: 'softmax.stable',
  title: 'softmaxRows stays finite for huge scores such as [1000, 1001, 1002] (the row maximum is subtracted)',
  uses: ['softmaxRows'],
  input,
  probe: ({ mod, tf, input }) => mod.softmaxRows(tf.tensor2d(input.scores)),
  judge: ({ input, actual, expected, tolerance }) => {
    const got = expectTensor(actual, 'softmaxRows(scores)');
    if ('verdict' in got) return got.verdict;
    const cols = input.scores[0].length;
    const bad = got.tensor.values.findIndex((value) => !Number.isFinite(value));
    if (bad >= 0 && got.tensor.values.length === input.scores.length * cols) {
      const row = Math.floor(bad / cols);
      return failed(
        `For the row [${input.scores[row].join(', ')}] the softmax gives ${formatNumber(got.tensor.values[bad])}: ` +
          'exp of a large score is Infinity in float32 (and of a very negative one, 0), and Infinity / Infinity or 0 / 0 is NaN. ' +
          'Subtract each row\'s maximum before exp, tf.sub(x, tf.max(x, -1, true)): the result is the same, and the largest exponent becomes exp(0) = 1.',
      );
    }
    return judgeClose('The softmax of huge scores', got.tensor, referenceTensor(expected, 'stable softmax'), tolerance, 'softmax([1000, 1001, 1002]) = softmax([-2, -1, 0]) = [0.09, 0.2447, 0.6652].');
  },
});
