import { formatShape } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';
import { judgeTripleShapes } from './qkv-triple.js';

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
  judge: ({ actual }) =>
    judgeTripleShapes('forward(x)', actual, [2, 10, 16], (name, got) =>
      `${name} has shape ${formatShape(got)}; expected [2, 10, 16] for new QKVProjection(64, 16) on a [2, 10, 64] input. ` +
      'Each layer must project dModel to dK: tf.layers.dense({ units: dK, useBias: false }).',
    ),
});
