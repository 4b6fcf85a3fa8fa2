import { defineRuntimeCheck, expectTensor, formatNumber, passed } from '../../../grader/checks/index.js';
import { SIMILARITY_INPUT, similarityProbe } from './similarity-input.js';

export default defineRuntimeCheck({
  id: 'similarity.unit-diagonal',
  title: 'Every query has similarity 1 with itself (the diagonal is 1)',
  uses: ['cosineSimilarityMatrix'],
  input: SIMILARITY_INPUT,
  probe: similarityProbe,
  judge: ({ actual, tolerance }) => {
    const got = expectTensor(actual, 'cosineSimilarityMatrix(q)');
    if ('verdict' in got) return got.verdict;
    const n = got.tensor.shape[0];
    for (let i = 0; i < n; i++) {
      const value = got.tensor.values[i * n + i];
      if (!(Math.abs(value - 1) <= tolerance.atol + tolerance.rtol)) {
        return {
          status: 'failed',
          message: `The diagonal should be 1 (a vector is perfectly similar to itself), but entry [${i}, ${i}] is ${formatNumber(value)}. Divide each dot product by the product of the two norms: sim = Q·Qᵀ / (‖q_i‖·‖q_j‖ + 1e-8).`,
          difference: { at: [i, i], expectedValue: 1, actualValue: value, maxAbsDiff: Math.abs(value - 1) },
        };
      }
    }
    return passed();
  },
});
