import { defineRuntimeCheck, describeWire, expectTensor, failed, formatShape, passed } from '../../../grader/checks/index.js';

const input = { dModel: 64, dK: 16, shape: [10, 64], seed: 7 };

export default defineRuntimeCheck({
  id: 'projection.shape-2d',
  title: 'forward() also accepts a single sequence [10, 64] and returns [10, 16] tensors',
  uses: ['QKVProjection'],
  input,
  probe: ({ mod, tf, input }) => {
    const projection = new mod.QKVProjection(input.dModel, input.dK);
    return projection.forward(tf.randomNormal(input.shape, 0, 1, 'float32', input.seed));
  },
  judge: ({ actual }) => {
    if (!Array.isArray(actual) || actual.length !== 3) {
      return failed(`forward(x) should return [Q, K, V] for a 2-d input too, but it returned ${describeWire(actual)}.`);
    }
    for (const [index, name] of ['Q', 'K', 'V'].entries()) {
      const result = expectTensor(actual[index], name);
      if ('verdict' in result) return result.verdict;
      if (formatShape(result.tensor.shape) !== '[10, 16]') {
        return failed(`${name} has shape ${formatShape(result.tensor.shape)} for a [10, 64] input; expected [10, 16]. A Dense layer works on the last dimension, whatever the rank.`);
      }
    }
    return passed();
  },
});
