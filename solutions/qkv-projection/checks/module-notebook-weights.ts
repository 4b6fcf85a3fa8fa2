import { defineRuntimeCheck, describeWire, expectTensor, failed, item, judgeClose, passed, referenceTensor } from '../../../grader/checks/index.js';
import { W_K, W_Q, W_V, X } from './data.js';

const input = { x: X, wQ: W_Q, wK: W_K, wV: W_V };

export default defineRuntimeCheck({
  id: 'module.notebook-weights',
  title: "projectWithWeights on the notebook's X, W_Q, W_K, W_V equals X·W (within 1e-6)",
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
      const verdict = judgeClose(name, got.tensor, referenceTensor(item(expected, index), name), tolerance, `${name} = X · W_${name}: tf.matMul(x, w${name}), with X on the left.`);
      if (verdict.status === 'failed') return verdict;
    }
    return passed();
  },
});
