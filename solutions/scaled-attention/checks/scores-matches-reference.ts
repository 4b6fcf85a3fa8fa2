import { expectTensor, judgeClose, referenceTensor } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';
import { SCORES_INPUT, scoresProbe } from './scores-input.js';

export default defineRuntimeCheck({
  id: 'scores.matches-reference',
  title: 'attentionScores gives the reference values',
  uses: ['attentionScores'],
  input: SCORES_INPUT,
  probe: scoresProbe,
  judge: ({ actual, expected, tolerance }) => {
    const got = expectTensor(actual, 'attentionScores(q, k)');
    if ('verdict' in got) return got.verdict;
    return judgeClose('The scores', got.tensor, referenceTensor(expected, 'scores'), tolerance, 'scores[i][j] = q_i · k_j / √dK, with dK the size of the last axis.');
  },
});
