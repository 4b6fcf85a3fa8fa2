import { asMatrix, defineRuntimeCheck, describeWire, failed, field, formatNumber, passed } from '../../../grader/checks/index.js';
import { SENTENCE } from './data.js';
import { learnedProjectionFigures } from './figures.js';
import { attentionScore, TRAINING_INPUT, trainingProbe } from './training-input.js';

export default defineRuntimeCheck({
  id: 'training.predictions',
  title: 'The learned W_Q and W_K predict all six pairs right (recomputed by the grader)',
  uses: ['trainAttentionPairs'],
  input: TRAINING_INPUT,
  probe: trainingProbe,
  judge: ({ input, actual }) => {
    // The reported losses are not trusted: the grader runs the forward pass itself.
    const q = asMatrix(field(actual, 'wQ'));
    const k = asMatrix(field(actual, 'wK'));
    if (!q || !k) {
      return failed(`The result should hold the learned weights as 2-d tensors wQ and wK, but wQ is ${describeWire(field(actual, 'wQ'))} and wK is ${describeWire(field(actual, 'wK'))}.`);
    }
    if (q.length !== input.x[0].length || k.length !== input.x[0].length || q[0].length !== k[0].length) {
      return failed(`wQ and wK should both be [dModel = 4, dK], but they are [${q.length}, ${q[0]?.length}] and [${k.length}, ${k[0]?.length}].`);
    }
    const wrong: string[] = [];
    for (const { i, j, attend } of input.pairs) {
      const score = attentionScore(input.x, q, k, i, j);
      if (!Number.isFinite(score) || (score > 0.5 ? 1 : 0) !== attend) {
        wrong.push(`${SENTENCE[i]} → ${SENTENCE[j]}: score ${formatNumber(score)}, should ${attend ? 'attend (> 0.5)' : 'not attend (< 0.5)'}`);
      }
    }
    if (wrong.length === 0) return passed();
    return failed(
      `${wrong.length} of ${input.pairs.length} pairs are predicted wrong with the returned weights: ${wrong.join('; ')}. ` +
        'Return the trained variables (not their initial values), and make sure each step updates both W_Q and W_K.',
    );
  },
  figures: ({ input, actual, expected }) =>
    learnedProjectionFigures(input.x, { wQ: field(actual, 'wQ'), wK: field(actual, 'wK') }, { wQ: field(expected, 'wQ'), wK: field(expected, 'wK') }),
});
