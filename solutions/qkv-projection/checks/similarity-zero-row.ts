import { expectTensor, failed, formatNumber, formatShape, passed, unravelIndex } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';

/** Row 1 is zero. */
const input = { q: [[0.5, -0.2, 0.1], [0, 0, 0], [0.3, 0.3, -0.9]], zeroRow: 1 };

export default defineRuntimeCheck({
  id: 'similarity.zero-row',
  title: 'A zero query gives finite similarities (the notebook adds 1e-8), not NaN: 0 with every query, itself included',
  uses: ['cosineSimilarityMatrix'],
  input,
  probe: ({ mod, tf, input }) => mod.cosineSimilarityMatrix(tf.tensor2d(input.q)),
  judge: ({ input, actual, tolerance }) => {
    const got = expectTensor(actual, 'cosineSimilarityMatrix(q)');
    if ('verdict' in got) return got.verdict;
    const n = input.q.length;
    if (formatShape(got.tensor.shape) !== formatShape([n, n])) {
      return failed(`For ${n} queries, one of them zero, the result has shape ${formatShape(got.tensor.shape)}; expected [${n}, ${n}].`);
    }
    const index = got.tensor.values.findIndex((value) => !Number.isFinite(value));
    if (index >= 0) {
      const at = unravelIndex(index, got.tensor.shape);
      return failed(
        `With a zero row in q, sim${JSON.stringify(at)} is ${got.tensor.values[index]}. Dividing by a zero norm gives NaN; add a small epsilon to the denominator, as the notebook does: (norms · normsᵀ + 1e-8).`,
      );
    }
    // The zero query's dot product with every query is 0, and 0 / (0 + 1e-8) is 0: the epsilon keeps
    // the division finite without making the zero vector similar to anything.
    const z = input.zeroRow;
    for (let other = 0; other < n; other++) {
      for (const [i, j] of [[z, other], [other, z]]) {
        const value = got.tensor.values[i * n + j];
        if (!(Math.abs(value) <= tolerance.atol)) {
          return failed(
            `Row ${z} of q is zero, so its dot product with every query is 0 and sim[${i}][${j}] = 0 / (0 + 1e-8) should be 0, but it is ${formatNumber(value)}. Compute sim = Q·Qᵀ / (‖q_i‖·‖q_j‖ + 1e-8), adding the epsilon to the denominator only.`,
            { at: [i, j], expectedValue: 0, actualValue: value, maxAbsDiff: Math.abs(value) },
          );
        }
      }
    }
    return passed();
  },
});
