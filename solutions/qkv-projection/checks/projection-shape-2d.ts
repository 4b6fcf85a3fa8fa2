import { formatShape } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';
import { judgeTripleShapes } from './qkv-triple.js';

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
  judge: ({ actual }) =>
    judgeTripleShapes('forward(x) for a 2-d input', actual, [10, 16], (name, got) =>
      `${name} has shape ${formatShape(got)} for a [10, 64] input; expected [10, 16]. A Dense layer works on the last dimension, whatever the rank.`,
    ),
});
