import { expectTensor, failed, formatShape } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';
import { SOFTMAX_INPUT, softmaxProbe } from './softmax-input.js';
import { judgeDistributionRows, judgeFollowsScores } from './weights-rows.js';

export default defineRuntimeCheck({
  id: 'softmax.rows-sum-to-one',
  title: 'softmaxRows turns each row of a [4, 6] input into weights in [0, 1] that sum to 1, a higher score getting a higher weight',
  uses: ['softmaxRows'],
  input: SOFTMAX_INPUT,
  probe: softmaxProbe,
  judge: ({ input, actual, tolerance }) => {
    const got = expectTensor(actual, 'softmaxRows(scores)');
    if ('verdict' in got) return got.verdict;
    if (formatShape(got.tensor.shape) !== '[4, 6]') {
      return failed(`softmaxRows of a [4, 6] tensor returned shape ${formatShape(got.tensor.shape)}: the softmax keeps the shape of its input. Keep the reduced axis with keepDims = true so that [4, 1] broadcasts back over each row.`);
    }
    const rows = judgeDistributionRows('softmaxRows(scores)', got.tensor, tolerance, 'Divide the exponentials of each row by that row\'s sum: tf.div(e, tf.sum(e, -1, true)).');
    if (rows.status === 'failed') return rows;
    // Rows that sum to 1 whatever the scores (1/6 everywhere, a fixed table) are not a softmax.
    return judgeFollowsScores('softmaxRows(scores)', got.tensor, input.scores, 'Compute exp(x - max(x)) of each entry of the input, then divide by the row\'s sum.');
  },
});
