import { randomMatrix, seededRandom } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';
import { judgeTripleValues } from './qkv-triple.js';

const random = seededRandom(99);
const input = { x: randomMatrix(random, 7, 5), wQ: randomMatrix(random, 5, 3), wK: randomMatrix(random, 5, 3), wV: randomMatrix(random, 5, 4) };

export default defineRuntimeCheck({
  id: 'module.random-weights',
  title: 'projectWithWeights works for other sizes, including dV ≠ dK',
  uses: ['projectWithWeights'],
  input,
  probe: ({ mod, tf, input }) =>
    mod.projectWithWeights(tf.tensor2d(input.x), tf.tensor2d(input.wQ), tf.tensor2d(input.wK), tf.tensor2d(input.wV)),
  judge: ({ actual, expected, tolerance }) =>
    judgeTripleValues('projectWithWeights', actual, expected, tolerance, () => 'Do not assume the sizes of the notebook: use the shapes of the inputs. Here wV is [5, 4] while wQ and wK are [5, 3], so V = x · wV is [7, 4]: multiply by each matrix as given.'),
});
