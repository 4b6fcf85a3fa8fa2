import { asMatrix, describeWire, failed, field, formatNumber, passed } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';
import { SENTENCE } from './data.js';
import { learnedProjectionFigures } from './figures.js';
import { attentionScore, isLossOfWeights, matrixShape, meanPairLoss, TRAINING_INPUT, trainingProbe } from './training-input.js';

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
    const dModel = input.x[0].length;
    if (q.length !== dModel || k.length !== dModel || q[0].length === 0 || q[0].length !== k[0].length) {
      return failed(`wQ and wK should both be [dModel = ${dModel}, dK], but they are ${matrixShape(q)} and ${matrixShape(k)}.`);
    }
    const wrong: string[] = [];
    for (const { i, j, attend } of input.pairs) {
      const score = attentionScore(input.x, q, k, i, j);
      if (!Number.isFinite(score) || (score > 0.5 ? 1 : 0) !== attend) {
        wrong.push(`${SENTENCE[i]} → ${SENTENCE[j]}: score ${formatNumber(score)}, should ${attend ? 'attend (> 0.5)' : 'not attend (< 0.5)'}`);
      }
    }
    if (wrong.length > 0) {
      return failed(
        `${wrong.length} of ${input.pairs.length} pairs are predicted wrong with the returned weights: ${wrong.join('; ')}. ` +
          'Return the trained variables (not their initial values), and make sure each step updates both W_Q and W_K.',
      );
    }
    // The last epoch's reported loss must be the loss of the returned weights: a mean over the
    // pairs, of sigmoid(q_i·k_j / √dK). A sum, or a logit left unscaled, still predicts all six
    // right (the sign of the logit decides), but is not what the notebook trains.
    const losses = field(actual, 'losses');
    const last = Array.isArray(losses) ? losses[losses.length - 1] : undefined;
    const recomputed = meanPairLoss(input.x, q, k, input.pairs);
    if (typeof last === 'number' && isLossOfWeights(last, recomputed)) return passed();
    return failed(
      `The six pairs are predicted right, but the last reported loss, ${typeof last === 'number' ? formatNumber(last) : describeWire(last ?? { $undefined: true })}, is not the loss of the returned weights, ` +
        `${formatNumber(recomputed)} (the grader's mean binary cross-entropy of sigmoid(q_i·k_j / √dK) over the pairs). ` +
        'Report the mean loss of each epoch (the total divided by the number of pairs), and divide the logit by √dK.',
    );
  },
  figures: ({ input, actual, expected }) =>
    learnedProjectionFigures(input.x, { wQ: field(actual, 'wQ'), wK: field(actual, 'wK') }, { wQ: field(expected, 'wQ'), wK: field(expected, 'wK') }),
});
