import { defineRuntimeCheck, expectTensor, formatNumber, passed } from '../../../grader/checks/index.js';
import { SIMILARITY_INPUT, similarityProbe } from './similarity-input.js';

export default defineRuntimeCheck({
  id: 'similarity.symmetric',
  title: 'The similarity matrix is symmetric: sim[i][j] = sim[j][i]',
  uses: ['cosineSimilarityMatrix'],
  input: SIMILARITY_INPUT,
  probe: similarityProbe,
  judge: ({ actual, tolerance }) => {
    const got = expectTensor(actual, 'cosineSimilarityMatrix(q)');
    if ('verdict' in got) return got.verdict;
    const n = got.tensor.shape[0];
    const v = got.tensor.values;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const gap = Math.abs(v[i * n + j] - v[j * n + i]);
        if (!(gap <= tolerance.atol + tolerance.rtol * Math.abs(v[j * n + i]))) {
          return {
            status: 'failed',
            message: `sim[${i}][${j}] = ${formatNumber(v[i * n + j])} but sim[${j}][${i}] = ${formatNumber(v[j * n + i])}. The cosine of two vectors does not depend on their order: normalise both sides the same way.`,
            difference: { at: [i, j], expectedValue: v[j * n + i], actualValue: v[i * n + j], maxAbsDiff: gap },
          };
        }
      }
    }
    return passed();
  },
});
