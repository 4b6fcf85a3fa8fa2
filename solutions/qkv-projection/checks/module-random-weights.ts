import { defineRuntimeCheck, describeWire, expectTensor, failed, item, judgeClose, passed, referenceTensor } from '../../../grader/checks/index.js';
import { randomMatrix, seededRandom } from './data.js';

const random = seededRandom(99);
const input = { x: randomMatrix(random, 7, 5), wQ: randomMatrix(random, 5, 3), wK: randomMatrix(random, 5, 3), wV: randomMatrix(random, 5, 4) };

export default defineRuntimeCheck({
  id: 'module.random-weights',
  title: 'projectWithWeights works for other sizes, including dV ≠ dK',
  uses: ['projectWithWeights'],
  input,
  probe: ({ mod, tf, input }) =>
    mod.projectWithWeights(tf.tensor2d(input.x), tf.tensor2d(input.wQ), tf.tensor2d(input.wK), tf.tensor2d(input.wV)),
  judge: ({ actual, expected, tolerance }) => {
    if (!Array.isArray(actual) || actual.length !== 3) {
      return failed(`projectWithWeights should return [Q, K, V], but it returned ${describeWire(actual)}.`);
    }
    for (const [index, name] of ['Q', 'K', 'V'].entries()) {
      const got = expectTensor(item(actual, index), name);
      if ('verdict' in got) return got.verdict;
      const verdict = judgeClose(name, got.tensor, referenceTensor(item(expected, index), name), tolerance, 'Do not assume the sizes of the notebook: use the shapes of the inputs.');
      if (verdict.status === 'failed') return verdict;
    }
    return passed();
  },
});
