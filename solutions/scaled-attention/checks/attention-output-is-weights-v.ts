import { failed, formatShape, judgeClose, matMul, passed } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';
import { readAttention } from './attention-result.js';
import { ATTENTION_CALL, ATTENTION_INPUT, attentionProbe } from './attention-input.js';
import { asPlainTensor, rowsOf, transpose } from './plain-math.js';

export default defineRuntimeCheck({
  id: 'attention.output-is-weights-v',
  title: 'output = weights · V, recomputed by the grader from the weights returned',
  uses: ['scaledDotProductAttention'],
  input: ATTENTION_INPUT,
  probe: attentionProbe,
  judge: ({ input, actual, tolerance }) => {
    const got = readAttention(actual, ATTENTION_CALL);
    if ('verdict' in got) return got.verdict;
    const n = input.v.length;
    if (formatShape(got.result.weights.shape) !== formatShape([n, n])) return failed(`weights has shape ${formatShape(got.result.weights.shape)}; expected [${n}, ${n}].`);
    const weights = rowsOf(got.result.weights);
    const wanted = asPlainTensor(matMul(weights, input.v));
    const verdict = judgeClose('output', got.result.output, wanted, tolerance);
    if (verdict.status === 'passed') return passed();
    // Which wrong product it is, when it is a known one.
    const transposed = judgeClose('output', got.result.output, asPlainTensor(matMul(transpose(weights), input.v)), tolerance);
    const hint = transposed.status === 'passed'
      ? 'The output is weightsᵀ · V: row i must mix the values with row i of the weights, output[i] = Σ_j weights[i][j] · v_j, so multiply tf.matMul(weights, v) without transposing.'
      : 'Row i of the output mixes the values with row i of the weights: output[i] = Σ_j weights[i][j] · v_j, tf.matMul(weights, v).';
    return { ...verdict, message: `${verdict.message} ${hint}` };
  },
});
