import { passed } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';
import { readSimilarityCases, SIMILARITY_CASES, similarityCasesProbe } from './similarity-input.js';

export default defineRuntimeCheck({
  id: 'similarity.shape',
  title: 'cosineSimilarityMatrix of n queries is an [n, n] tensor (for 6, 5, 4 and 1 queries)',
  uses: ['cosineSimilarityMatrix'],
  input: SIMILARITY_CASES,
  probe: similarityCasesProbe,
  judge: ({ input, actual }) => {
    const read = readSimilarityCases(input.cases, actual);
    return 'verdict' in read ? read.verdict : passed();
  },
});
