import { defineRuntimeCheck, describeWire, expectTensor, failed, formatShape, passed } from '../../../grader/checks/index.js';

const input = { dModel: 64, dK: 16, shape: [2, 10, 64], seed: 42 };

export default defineRuntimeCheck({
  id: 'projection.shape-3d',
  title: 'forward() maps a [2, 10, 64] batch to Q, K, V of shape [2, 10, 16]',
  uses: ['QKVProjection'],
  input,
  probe: ({ mod, tf, input }) => {
    const projection = new mod.QKVProjection(input.dModel, input.dK);
    return projection.forward(tf.randomNormal(input.shape, 0, 1, 'float32', input.seed));
  },
  judge: ({ actual }) => {
    if (!Array.isArray(actual) || actual.length !== 3) {
      return failed(`forward(x) should return [Q, K, V], an array of three tensors, but it returned ${describeWire(actual)}.`);
    }
    const expected = [2, 10, 16];
    for (const [index, name] of ['Q', 'K', 'V'].entries()) {
      const result = expectTensor(actual[index], name);
      if ('verdict' in result) return result.verdict;
      if (formatShape(result.tensor.shape) !== formatShape(expected)) {
        return failed(
          `${name} has shape ${formatShape(result.tensor.shape)}; expected ${formatShape(expected)} for new QKVProjection(64, 16) on a [2, 10, 64] input. ` +
            'Each layer must project dModel to dK: tf.layers.dense({ units: dK, useBias: false }).',
        );
      }
    }
    return passed();
  },
});
