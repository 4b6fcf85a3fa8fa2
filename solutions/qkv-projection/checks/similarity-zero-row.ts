import { defineRuntimeCheck, expectTensor, failed, passed, unravelIndex } from '../../../grader/checks/index.js';

const input = { q: [[0.5, -0.2, 0.1], [0, 0, 0], [0.3, 0.3, -0.9]] };

export default defineRuntimeCheck({
  id: 'similarity.zero-row',
  title: 'A zero query gives finite similarities (the notebook adds 1e-8), not NaN',
  uses: ['cosineSimilarityMatrix'],
  input,
  probe: ({ mod, tf, input }) => mod.cosineSimilarityMatrix(tf.tensor2d(input.q)),
  judge: ({ actual }) => {
    const got = expectTensor(actual, 'cosineSimilarityMatrix(q)');
    if ('verdict' in got) return got.verdict;
    const index = got.tensor.values.findIndex((value) => !Number.isFinite(value));
    if (index < 0) return passed();
    const at = unravelIndex(index, got.tensor.shape);
    return failed(
      `With a zero row in q, sim${JSON.stringify(at)} is ${got.tensor.values[index]}. Dividing by a zero norm gives NaN; add a small epsilon to the denominator, as the notebook does: (norms · normsᵀ + 1e-8).`,
    );
  },
});
