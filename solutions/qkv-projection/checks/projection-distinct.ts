import { asTensor, compareTensors, failed, field, passed } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';

const input = { dModel: 64, dK: 16, shape: [2, 10, 64], seed: 3 };

export default defineRuntimeCheck({
  id: 'projection.distinct',
  title: 'Q, K and V come from three different projections (Q ≠ K ≠ V)',
  uses: ['QKVProjection'],
  input,
  probe: ({ mod, tf, input }) => {
    const projection = new mod.QKVProjection(input.dModel, input.dK);
    const [q, k, v] = projection.forward(tf.randomNormal(input.shape, 0, 1, 'float32', input.seed));
    return {
      q,
      k,
      v,
      sharedLayers: [projection.wQ === projection.wK, projection.wK === projection.wV, projection.wQ === projection.wV],
    };
  },
  judge: ({ actual }) => {
    const [q, k, v] = ['q', 'k', 'v'].map((key) => asTensor(field(actual, key)));
    if (!q || !k || !v) return failed('forward(x) should return three tensors [Q, K, V].');
    const shared = field(actual, 'sharedLayers');
    const names = [['wQ', 'wK'], ['wK', 'wV'], ['wQ', 'wV']];
    const sharedIndex = Array.isArray(shared) ? shared.findIndex((isShared) => isShared === true) : -1;
    if (sharedIndex >= 0) {
      const [a, b] = names[sharedIndex];
      return failed(`${a} and ${b} are the same layer object. Create three separate dense layers, so that each learns its own weights.`);
    }
    const pairs: Array<[string, typeof q, string, typeof q]> = [['Q', q, 'K', k], ['K', k, 'V', v], ['Q', q, 'V', v]];
    for (const [nameA, a, nameB, b] of pairs) {
      if (compareTensors(a, b, { atol: 1e-6, rtol: 0 }).isClose) {
        return failed(`${nameA} and ${nameB} are equal. They must come from different weight matrices: a query is not the same thing as a key.`);
      }
    }
    return passed();
  },
});
