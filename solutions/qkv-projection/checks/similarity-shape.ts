import { defineRuntimeCheck, expectTensor, failed, formatShape, passed } from '../../../grader/checks/index.js';
import { SIMILARITY_INPUT, similarityProbe } from './similarity-input.js';

export default defineRuntimeCheck({
  id: 'similarity.shape',
  title: 'cosineSimilarityMatrix of n queries is an [n, n] tensor',
  uses: ['cosineSimilarityMatrix'],
  input: SIMILARITY_INPUT,
  probe: similarityProbe,
  judge: ({ actual }) => {
    const got = expectTensor(actual, 'cosineSimilarityMatrix(q)');
    if ('verdict' in got) return got.verdict;
    if (formatShape(got.tensor.shape) !== '[6, 6]') {
      return failed(`For 6 queries of size 3 the result has shape ${formatShape(got.tensor.shape)}; expected [6, 6]: one similarity per pair of rows, Q · Qᵀ.`);
    }
    return passed();
  },
});
