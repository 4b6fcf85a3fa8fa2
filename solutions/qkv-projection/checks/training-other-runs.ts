import { asMatrix, asNumericArray, defineRuntimeCheck, describeWire, failed, field, formatNumber, passed } from '../../../grader/checks/index.js';
import { SENTENCE, X } from './data.js';
import { attentionScore, isLossOfWeights, matrixShape, meanPairLoss, type Pair } from './training-input.js';

/**
 * Pairs of the six words other than the notebook's. The first two are notebook pairs with the other
 * answer, so weights that predict the notebook's pairs (written down from any run of them) predict
 * at least those two wrong; the others are pairs the notebook never trains.
 */
const OTHER_PAIRS: Pair[] = [
  { i: 1, j: 2, attend: 0 }, // cat -> sat, which the notebook's pairs say attends
  { i: 0, j: 3, attend: 1 }, // The -> on, which they say does not
  { i: 2, j: 1, attend: 1 }, // sat -> cat
  { i: 4, j: 5, attend: 1 }, // the -> mat
  { i: 5, j: 2, attend: 0 }, // mat -> sat
  { i: 3, j: 4, attend: 0 }, // on -> the
];

/**
 * Every option differs from the defaults, but the judge asks only what any real run of these pairs
 * gives, whatever it made of the options: training that ignores dK, the learning rate or the number
 * of epochs still learns these pairs, and so does every seeded initialiser the skeleton allows. Every
 * training check needs this one, so it judges that training happened, and nothing more.
 */
const input = { x: X, pairs: OTHER_PAIRS, options: { epochs: 80, learningRate: 0.05, dK: 3, seed: 5 } };

const CALL = `trainAttentionPairs(X, [${OTHER_PAIRS.map(({ i, j, attend }) => `${SENTENCE[i]} → ${SENTENCE[j]}: ${attend}`).join(', ')}], { ${Object.entries(input.options).map(([key, value]) => `${key}: ${value}`).join(', ')} })`;

export default defineRuntimeCheck({
  id: 'training.other-runs',
  title: 'trainAttentionPairs learns pairs other than the notebook\'s: the weights it returns predict them (recomputed by the grader), and its last loss is theirs',
  uses: ['trainAttentionPairs'],
  input,
  probe: ({ mod, tf, input }) => mod.trainAttentionPairs(tf.tensor2d(input.x), input.pairs, input.options),
  judge: ({ input, actual }) => {
    const losses = asNumericArray(field(actual, 'losses'));
    if (!losses || losses.shape.length !== 1 || losses.values.length === 0) {
      return failed(`${CALL} should return { losses } as an array of numbers, one per epoch, but losses is ${describeWire(field(actual, 'losses'))}.`);
    }
    const bad = losses.values.findIndex((value) => !Number.isFinite(value));
    if (bad >= 0) return failed(`${CALL} reported a loss of ${formatNumber(losses.values[bad])} at epoch ${bad}. Compute the loss from the logit (tf.losses.sigmoidCrossEntropy), which stays finite.`);
    const q = asMatrix(field(actual, 'wQ'));
    const k = asMatrix(field(actual, 'wK'));
    if (!q || !k) return failed(`${CALL} should return the learned wQ and wK as 2-d tensors, but wQ is ${describeWire(field(actual, 'wQ'))} and wK is ${describeWire(field(actual, 'wK'))}.`);
    const dModel = input.x[0].length;
    if (q.length !== dModel || k.length !== dModel || q[0].length === 0 || q[0].length !== k[0].length) {
      return failed(`${CALL} returned wQ of shape ${matrixShape(q)} and wK of shape ${matrixShape(k)}; both should be [dModel = ${dModel}, dK].`);
    }
    if ([...q, ...k].some((row) => row.some((value) => !Number.isFinite(value)))) return failed(`${CALL} returned weights that are not all finite numbers.`);
    const [first, last] = [losses.values[0], losses.values[losses.values.length - 1]];
    if (!(last < 0.5 * first)) {
      return failed(
        `${CALL} reported losses that do not fall: ${formatNumber(first)} in the first epoch, ${formatNumber(last)} in the last. ` +
          'Each step must apply the gradients: optimizer.minimize(() => loss, true, [wQ, wK]) with tf.variable weights.',
      );
    }
    const wrong = input.pairs.filter(({ i, j, attend }) => (attentionScore(input.x, q, k, i, j) > 0.5 ? 1 : 0) !== attend);
    if (wrong.length > 0) {
      const listed = wrong.map(({ i, j, attend }) => `${SENTENCE[i]} → ${SENTENCE[j]} scores ${formatNumber(attentionScore(input.x, q, k, i, j))}, should ${attend ? 'attend (> 0.5)' : 'not attend (< 0.5)'}`);
      return failed(
        `${CALL} returned weights that predict ${wrong.length} of its ${input.pairs.length} pairs wrong (recomputed by the grader): ${listed.join('; ')}. ` +
          'Train on the pairs passed in, and return the weights that training produced.',
      );
    }
    const recomputed = meanPairLoss(input.x, q, k, input.pairs);
    // Tighter than training.predictions' factor: this run has settled by its last epoch.
    if (isLossOfWeights(last, recomputed, 1.25)) return passed();
    return failed(
      `${CALL} reported a last loss of ${formatNumber(last)}, but the weights it returned have a loss of ${formatNumber(recomputed)} on its pairs (the grader's mean binary cross-entropy of sigmoid(q_i·k_j / √dK)). ` +
        'The losses must be those of the run that produced the returned weights: the mean over the pairs of each epoch.',
    );
  },
});
