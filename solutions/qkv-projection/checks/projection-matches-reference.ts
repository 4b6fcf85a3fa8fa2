import { randomMatrix, seededRandom } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';
import { judgeTripleValues } from './qkv-triple.js';

const random = seededRandom(2024);
const input = {
  dModel: 8,
  dK: 3,
  x: [randomMatrix(random, 5, 8), randomMatrix(random, 5, 8)],
  kernels: { wQ: randomMatrix(random, 8, 3), wK: randomMatrix(random, 8, 3), wV: randomMatrix(random, 8, 3) },
};

export default defineRuntimeCheck({
  id: 'projection.matches-reference',
  title: 'With the same kernels loaded, forward() gives the reference Q, K, V',
  uses: ['QKVProjection'],
  input,
  probe: ({ mod, tf, input }) => {
    const projection = new mod.QKVProjection(input.dModel, input.dK);
    const x = tf.tensor3d(input.x);
    projection.forward(x); // builds the layers, so that their weights exist
    projection.wQ.setWeights([tf.tensor2d(input.kernels.wQ)]);
    projection.wK.setWeights([tf.tensor2d(input.kernels.wK)]);
    projection.wV.setWeights([tf.tensor2d(input.kernels.wV)]);
    return projection.forward(x);
  },
  judge: ({ actual, expected, tolerance }) =>
    judgeTripleValues('forward(x)', actual, expected, tolerance, (name) => `Each of Q, K, V must be x · kernel of its own layer (${name} uses w${name}).`),
});
