import { asNumericArray, field, formatNumber } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';
import { K_EXAMPLE, Q_EXAMPLE, V_EXAMPLE } from './data.js';
import { judgeHandResult } from './hand-result.js';

const input = { q: Q_EXAMPLE[2], keys: K_EXAMPLE, values: V_EXAMPLE };

const list = (values: number[]): string => `[${values.map(formatNumber).join(', ')}]`;

export default defineRuntimeCheck({
  id: 'manual.notebook-sat',
  title: 'The hand computation of the notebook: "sat" attends to The, cat, sat with weights [0.2483, 0.5035, 0.2483]',
  uses: ['attentionByHand'],
  input,
  probe: ({ mod, input }) => mod.attentionByHand(input.q, input.keys, input.values),
  judge: ({ actual, expected, tolerance }) => {
    const verdict = judgeHandResult('attentionByHand(q_sat, K, V)', actual, expected, tolerance);
    if (verdict.status === 'failed') {
      return { ...verdict, message: `${verdict.message} By hand: scores = [1, 2, 1] / √2 = [0.7071, 1.4142, 0.7071]; exp(scores - 1.4142) = [0.4931, 1, 0.4931], sum 1.9861.` };
    }
    const weights = asNumericArray(field(actual, 'weights'))!.values;
    const output = asNumericArray(field(actual, 'output'))!.values;
    return { status: 'passed', message: `weights = ${list(weights)}, output = ${list(output)}` };
  },
});
