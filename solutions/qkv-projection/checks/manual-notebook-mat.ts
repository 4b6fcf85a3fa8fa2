import { asNumericArray, describeWire, failed, formatNumber, judgeClose, referenceTensor } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';
import { W_Q, X } from './data.js';

const input = { x: X[5], w: W_Q };

export default defineRuntimeCheck({
  id: 'manual.notebook-mat',
  title: 'The hand computation of the notebook: the query of "mat" is [0.21, 0.04]',
  uses: ['manualProjection'],
  input,
  probe: ({ mod, input }) => mod.manualProjection(input.x, input.w),
  judge: ({ actual, expected, tolerance }) => {
    const got = asNumericArray(actual);
    if (!got) return failed(`manualProjection(x_mat, W_Q) should return two numbers, but returned ${describeWire(actual)}.`);
    const want = referenceTensor(expected, 'q_mat');
    const verdict = judgeClose('q_mat', got, want, tolerance, 'By hand: q[0] = (1.0)(0.2) + (0.5)(0.4) + (-0.3)(0.1) + (0.8)(-0.2) = 0.21.');
    if (verdict.status === 'passed') return { status: 'passed', message: `q_mat = [${got.values.map(formatNumber).join(', ')}]` };
    return verdict;
  },
});
