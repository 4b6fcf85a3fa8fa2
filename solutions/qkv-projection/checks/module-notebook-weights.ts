import { defineRuntimeCheck } from './student-module.js';
import { judgeTripleValues } from './qkv-triple.js';
import { W_K, W_Q, W_V, X } from './data.js';
import { projectionScatterFigures } from './figures.js';

const input = { x: X, wQ: W_Q, wK: W_K, wV: W_V };

export default defineRuntimeCheck({
  id: 'module.notebook-weights',
  title: "projectWithWeights on the notebook's X, W_Q, W_K, W_V equals X·W (within 1e-6)",
  uses: ['projectWithWeights'],
  input,
  probe: ({ mod, tf, input }) =>
    mod.projectWithWeights(tf.tensor2d(input.x), tf.tensor2d(input.wQ), tf.tensor2d(input.wK), tf.tensor2d(input.wV)),
  judge: ({ actual, expected, tolerance }) =>
    judgeTripleValues('projectWithWeights', actual, expected, tolerance, (name) => `${name} = X · W_${name}: tf.matMul(x, w${name}), with X on the left.`),
  figures: ({ actual, expected }) => projectionScatterFigures(actual, expected, 'projectWithWeights(X, W_Q, W_K, W_V)'),
});
