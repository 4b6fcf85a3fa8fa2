import { expectTensor, judgeClose, referenceTensor } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';
import { SIMILARITY_INPUT, similarityProbe } from './similarity-input.js';

export default defineRuntimeCheck({
  id: 'similarity.matches-reference',
  title: 'cosineSimilarityMatrix gives the reference values',
  uses: ['cosineSimilarityMatrix'],
  input: SIMILARITY_INPUT,
  probe: similarityProbe,
  judge: ({ actual, expected, tolerance }) => {
    const got = expectTensor(actual, 'cosineSimilarityMatrix(q)');
    if ('verdict' in got) return got.verdict;
    return judgeClose('The similarity matrix', got.tensor, referenceTensor(expected, 'similarity'), tolerance, 'sim[i][j] = q_i · q_j / (‖q_i‖·‖q_j‖ + 1e-8).');
  },
});
