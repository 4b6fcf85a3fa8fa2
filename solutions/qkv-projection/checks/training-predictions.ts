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
    if (wrong.length === 0) {
      // The last epoch's reported loss must be the loss of the returned weights: a mean over the
      // pairs, of sigmoid(q_i·k_j / √dK). A sum, or a logit left unscaled, still predicts all six
      // right (the sign of the logit decides), but is not what the notebook trains. The weights move
      // a little during that last epoch, hence the factor allowed.
      const losses = field(actual, 'losses');
      const last = Array.isArray(losses) ? losses[losses.length - 1] : undefined;
      const project = (row: number[], w: number[][]): number[] => w[0].map((_, col) => row.reduce((sum, value, r) => sum + value * w[r][col], 0));
      const logitOf = (i: number, j: number): number => {
        const [qi, kj] = [project(input.x[i], q), project(input.x[j], k)];
        return qi.reduce((sum, value, d) => sum + value * kj[d], 0) / Math.sqrt(qi.length);
      };
      // From the logit, as tf.losses.sigmoidCrossEntropy computes it: finite however sure the prediction.
      const bce = (logit: number, target: number): number => Math.max(logit, 0) - logit * target + Math.log1p(Math.exp(-Math.abs(logit)));
      const recomputed = input.pairs.reduce((sum, { i, j, attend }) => sum + bce(logitOf(i, j), attend), 0) / input.pairs.length;
      const isClose = typeof last === 'number' && (Math.abs(last - recomputed) <= 1e-4 || (last / recomputed <= 1.5 && recomputed / last <= 1.5));
      if (isClose) return passed();
      return failed(
        `The six pairs are predicted right, but the last reported loss, ${typeof last === 'number' ? formatNumber(last) : 'missing'}, is not the loss of the returned weights, ` +
          `${formatNumber(recomputed)} (the grader's mean binary cross-entropy of sigmoid(q_i·k_j / √dK) over the pairs). ` +
          'Report the mean loss of each epoch (the total divided by the number of pairs), and divide the logit by √dK.',
      );
    }
    return failed(
      `${wrong.length} of ${input.pairs.length} pairs are predicted wrong with the returned weights: ${wrong.join('; ')}. ` +
        'Return the trained variables (not their initial values), and make sure each step updates both W_Q and W_K.',
    );
  },
  figures: ({ input, actual, expected }) =>
    learnedProjectionFigures(input.x, { wQ: field(actual, 'wQ'), wK: field(actual, 'wK') }, { wQ: field(expected, 'wQ'), wK: field(expected, 'wK') }),
});
