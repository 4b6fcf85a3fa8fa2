import { defineRuntimeCheck, expectTensor, formatNumber, passed, unravelIndex } from '../../../grader/checks/index.js';
import { SIMILARITY_INPUT, similarityProbe } from './similarity-input.js';

export default defineRuntimeCheck({
  id: 'similarity.range',
  title: 'Every similarity lies within [-1, 1]',
  uses: ['cosineSimilarityMatrix'],
  input: SIMILARITY_INPUT,
  probe: similarityProbe,
  judge: ({ actual, tolerance }) => {
    const got = expectTensor(actual, 'cosineSimilarityMatrix(q)');
    if ('verdict' in got) return got.verdict;
    const slack = tolerance.atol + tolerance.rtol;
    const index = got.tensor.values.findIndex((value) => !(Math.abs(value) <= 1 + slack));
    if (index < 0) return passed();
    const value = got.tensor.values[index];
    const at = unravelIndex(index, got.tensor.shape);
    return {
      status: 'failed',
      message: `sim${JSON.stringify(at)} = ${formatNumber(value)}, outside [-1, 1]. A cosine similarity is a dot product divided by both norms; without that division the values grow with the vectors' length.`,
      difference: { at, actualValue: value, hasNaN: Number.isNaN(value) },
    };
  },
});
