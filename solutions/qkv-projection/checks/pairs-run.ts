/**
 * Judging a training run on pairs the notebook does not train: the weights it returns must predict
 * those pairs (recomputed by the grader's own forward pass) and the last loss it reports must be
 * theirs. It asks only what any real run of the pairs gives, whatever it made of the options:
 * training that ignores dK, the learning rate or the number of epochs still learns them, and so does
 * every seeded initialiser the skeleton allows. What it rules out is a result that is not a run of
 * these pairs: weights written down from another run, or a loss curve made up.
 */
import { asMatrix, asNumericArray, describeWire, failed, field, formatNumber, passed, type Verdict, type Wire } from '../../../grader/checks/index.js';
import { SENTENCE, type Pair } from './data.js';
import type { StudentProbeApi } from './student-module.js';
import { attentionScore, isLossOfWeights, matrixShape, meanPairLoss } from './training-input.js';

export interface PairsRun {
  x: number[][];
  pairs: Pair[];
  options: { epochs: number; learningRate: number; dK: number; seed: number };
}

/** Runs in the sandbox: trainAttentionPairs on the run's pairs and options. */
export const pairsRunProbe = ({ mod, tf, input }: StudentProbeApi<PairsRun>) =>
  mod.trainAttentionPairs(tf.tensor2d(input.x), input.pairs, input.options);

/** The call, for messages: trainAttentionPairs(X, [cat → sat: 0, …], { epochs: 80, … }). */
export function describeRun({ pairs, options }: PairsRun): string {
  const listed = pairs.map(({ i, j, attend }) => `${SENTENCE[i]} → ${SENTENCE[j]}: ${attend}`).join(', ');
  return `trainAttentionPairs(X, [${listed}], { ${Object.entries(options).map(([key, value]) => `${key}: ${value}`).join(', ')} })`;
}

export function judgePairsRun(run: PairsRun, actual: Wire): Verdict {
  const call = describeRun(run);
  const losses = asNumericArray(field(actual, 'losses'));
  if (!losses || losses.shape.length !== 1 || losses.values.length === 0) {
    return failed(`${call} should return { losses } as an array of numbers, one per epoch, but losses is ${describeWire(field(actual, 'losses'))}.`);
  }
  const bad = losses.values.findIndex((value) => !Number.isFinite(value));
  if (bad >= 0) return failed(`${call} reported a loss of ${formatNumber(losses.values[bad])} at epoch ${bad}. Compute the loss from the logit (tf.losses.sigmoidCrossEntropy), which stays finite.`);
  const q = asMatrix(field(actual, 'wQ'));
  const k = asMatrix(field(actual, 'wK'));
  if (!q || !k) return failed(`${call} should return the learned wQ and wK as 2-d tensors, but wQ is ${describeWire(field(actual, 'wQ'))} and wK is ${describeWire(field(actual, 'wK'))}.`);
  const dModel = run.x[0].length;
  if (q.length !== dModel || k.length !== dModel || q[0].length === 0 || q[0].length !== k[0].length) {
    return failed(`${call} returned wQ of shape ${matrixShape(q)} and wK of shape ${matrixShape(k)}; both should be [dModel = ${dModel}, dK].`);
  }
  if ([...q, ...k].some((row) => row.some((value) => !Number.isFinite(value)))) return failed(`${call} returned weights that are not all finite numbers.`);
  const [first, last] = [losses.values[0], losses.values[losses.values.length - 1]];
  if (!(last < 0.5 * first)) {
    return failed(
      `${call} reported losses that do not fall: ${formatNumber(first)} in the first epoch, ${formatNumber(last)} in the last. ` +
        'Each step must apply the gradients: optimizer.minimize(() => loss, true, [wQ, wK]) with tf.variable weights.',
    );
  }
  const wrong = run.pairs.filter(({ i, j, attend }) => (attentionScore(run.x, q, k, i, j) > 0.5 ? 1 : 0) !== attend);
  if (wrong.length > 0) {
    const listed = wrong.map(({ i, j, attend }) => `${SENTENCE[i]} → ${SENTENCE[j]} scores ${formatNumber(attentionScore(run.x, q, k, i, j))}, should ${attend ? 'attend (> 0.5)' : 'not attend (< 0.5)'}`);
    return failed(
      `${call} returned weights that predict ${wrong.length} of its ${run.pairs.length} pairs wrong (recomputed by the grader): ${listed.join('; ')}. ` +
        'Train on the pairs passed in, and return the weights that training produced.',
    );
  }
  const recomputed = meanPairLoss(run.x, q, k, run.pairs);
  // Tighter than training.predictions' factor: these runs have settled by their last epoch.
  if (isLossOfWeights(last, recomputed, 1.25)) return passed();
  return failed(
    `${call} reported a last loss of ${formatNumber(last)}, but the weights it returned have a loss of ${formatNumber(recomputed)} on its pairs (the grader's mean binary cross-entropy of sigmoid(q_i·k_j / √dK)). ` +
      'The losses must be those of the run that produced the returned weights: the mean over the pairs of each epoch.',
  );
}
