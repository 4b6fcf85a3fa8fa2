import { asNumericArray, describeWire, failed, field, formatNumber, passed } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';
import { lossCurveFigure } from './figures.js';
import { TRAINING_INPUT, trainingProbe } from './training-input.js';

const EPOCHS = 200;

export default defineRuntimeCheck({
  id: 'training.losses',
  title: 'trainAttentionPairs reports 200 finite epoch losses that fall',
  uses: ['trainAttentionPairs'],
  input: TRAINING_INPUT,
  probe: trainingProbe,
  judge: ({ actual }) => {
    const losses = asNumericArray(field(actual, 'losses'));
    if (!losses || losses.shape.length !== 1) {
      return failed(`The result's \`losses\` should be an array of numbers, one per epoch, but it is ${describeWire(field(actual, 'losses'))}.`);
    }
    const values = losses.values;
    if (values.length !== EPOCHS) {
      return failed(`Expected ${EPOCHS} losses (the default number of epochs, one mean loss per epoch), got ${values.length}.`);
    }
    const bad = values.findIndex((value) => !Number.isFinite(value));
    if (bad >= 0) return failed(`The loss of epoch ${bad} is ${values[bad]}. Compute the loss from the logit (tf.losses.sigmoidCrossEntropy), which stays finite.`);
    // Compare the means of the first and last tenth: single epochs may bounce, a trend may not.
    const tenth = Math.max(1, Math.floor(values.length / 10));
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const early = mean(values.slice(0, tenth));
    const late = mean(values.slice(-tenth));
    if (!(late < 0.5 * early)) {
      return failed(
        `The loss does not fall: the first ${tenth} epochs average ${formatNumber(early)}, the last ${tenth} ${formatNumber(late)}. ` +
          'Each step must apply the gradients: optimizer.minimize(() => loss, true, [wQ, wK]) with tf.variable weights.',
      );
    }
    return passed(`loss ${formatNumber(values[0])} → ${formatNumber(values[values.length - 1])}`);
  },
  figures: ({ actual, expected }) => [lossCurveFigure(field(actual, 'losses'), field(expected, 'losses'), 'trainAttentionPairs(X, PAIRS)')],
});
