import { asMatrix, asNumericArray, compareTensors, defineRuntimeCheck, describeWire, failed, field, formatNumber, item, passed, type Verdict, type Wire } from '../../../grader/checks/index.js';
import { PAIRS, SENTENCE, X } from './data.js';
import { attentionScore, isLossOfWeights, matrixShape, meanPairLoss, type Pair } from './training-input.js';

/**
 * Pairs of the six words that the notebook does not train, with other answers: weights learned from
 * the notebook's pairs (or written down from a run of them) predict several of these wrong.
 */
const OTHER_PAIRS: Pair[] = [
  { i: 2, j: 1, attend: 1 }, // sat -> cat
  { i: 4, j: 5, attend: 1 }, // the -> mat
  { i: 3, j: 0, attend: 0 }, // on  -> The
  { i: 5, j: 2, attend: 0 }, // mat -> sat
  { i: 2, j: 4, attend: 0 }, // sat -> the
  { i: 0, j: 1, attend: 1 }, // The -> cat
];

interface Run {
  pairs: Pair[];
  options: { epochs: number; learningRate?: number; dK?: number; seed: number };
  /** Long enough to learn every pair, whatever seeded initialiser the student chose. */
  isLearned: boolean;
}

/**
 * Runs the notebook never makes: other pairs with every option changed, and the notebook's pairs with
 * another seed for 25 epochs and for 10. The function's documentation asks for the same behaviour
 * for any pairs and options, and none of these depend on which seeded initialiser was chosen.
 */
const input = {
  x: X,
  runs: [
    { pairs: OTHER_PAIRS, options: { epochs: 80, learningRate: 0.05, dK: 3, seed: 5 }, isLearned: true },
    { pairs: PAIRS, options: { epochs: 25, seed: 11 }, isLearned: false },
    { pairs: PAIRS, options: { epochs: 10, seed: 11 }, isLearned: false },
  ] satisfies Run[],
};

/** The 10-epoch run must repeat the first 10 epochs of the 25-epoch run with the same seed. */
const LONGER = 1;
const SHORTER = 2;

const DEFAULT_DK = 2;

function callOf(run: Run): string {
  const options = Object.entries(run.options).map(([key, value]) => `${key}: ${value}`).join(', ');
  const pairs = JSON.stringify(run.pairs) === JSON.stringify(PAIRS) ? 'PAIRS' : `[${run.pairs.map(({ i, j, attend }) => `${SENTENCE[i]} → ${SENTENCE[j]}: ${attend}`).join(', ')}]`;
  return `trainAttentionPairs(X, ${pairs}, { ${options} })`;
}

/** One run: one loss per epoch, the weights [dModel, dK], and a last loss that is theirs. */
function judgeRun(x: number[][], run: Run, actual: Wire): Verdict {
  const call = callOf(run);
  const { epochs } = run.options;
  const dK = run.options.dK ?? DEFAULT_DK;
  const losses = asNumericArray(field(actual, 'losses'));
  if (!losses || losses.shape.length !== 1) return failed(`${call} should return { losses } as an array of numbers, one per epoch, but losses is ${describeWire(field(actual, 'losses'))}.`);
  if (losses.values.length !== epochs) {
    return failed(`${call} returned ${losses.values.length} losses; expected ${epochs}, one mean loss per epoch of options.epochs. Train for the number of epochs asked, not a fixed one.`);
  }
  const bad = losses.values.findIndex((value) => !Number.isFinite(value));
  if (bad >= 0) return failed(`${call} reported a loss of ${formatNumber(losses.values[bad])} at epoch ${bad}. Compute the loss from the logit (tf.losses.sigmoidCrossEntropy), which stays finite.`);
  const q = asMatrix(field(actual, 'wQ'));
  const k = asMatrix(field(actual, 'wK'));
  if (!q || !k) return failed(`${call} should return the learned wQ and wK as 2-d tensors, but wQ is ${describeWire(field(actual, 'wQ'))} and wK is ${describeWire(field(actual, 'wK'))}.`);
  const wanted = `[${x[0].length}, ${dK}]`;
  if (matrixShape(q) !== wanted || matrixShape(k) !== wanted) {
    return failed(`${call} returned wQ of shape ${matrixShape(q)} and wK of shape ${matrixShape(k)}; expected ${wanted} each: [dModel, options.dK].`);
  }
  if ([...q, ...k].some((row) => row.some((value) => !Number.isFinite(value)))) return failed(`${call} returned weights that are not all finite numbers.`);
  if (run.isLearned) {
    const [first, last] = [losses.values[0], losses.values[epochs - 1]];
    if (!(last < 0.5 * first)) {
      return failed(
        `${call} reported losses that do not fall: ${formatNumber(first)} in the first epoch, ${formatNumber(last)} in the last. ` +
          'Each step must apply the gradients: optimizer.minimize(() => loss, true, [wQ, wK]) with tf.variable weights.',
      );
    }
    const wrong = run.pairs.filter(({ i, j, attend }) => (attentionScore(x, q, k, i, j) > 0.5 ? 1 : 0) !== attend);
    if (wrong.length > 0) {
      const listed = wrong.map(({ i, j, attend }) => `${SENTENCE[i]} → ${SENTENCE[j]} scores ${formatNumber(attentionScore(x, q, k, i, j))}, should ${attend ? 'attend (> 0.5)' : 'not attend (< 0.5)'}`);
      return failed(
        `${call} returned weights that predict ${wrong.length} of its ${run.pairs.length} pairs wrong (recomputed by the grader): ${listed.join('; ')}. ` +
          'Train on the pairs and with the options passed in, and return the weights that training produced.',
      );
    }
  }
  const last = losses.values[epochs - 1];
  const recomputed = meanPairLoss(x, q, k, run.pairs);
  // Tighter than training.predictions' factor: these runs move the weights less in their last epoch.
  if (!isLossOfWeights(last, recomputed, 1.25)) {
    return failed(
      `${call} reported a last loss of ${formatNumber(last)}, but the weights it returned have a loss of ${formatNumber(recomputed)} on its pairs (the grader's mean binary cross-entropy of sigmoid(q_i·k_j / √dK)). ` +
        'The losses must be those of the run that produced the returned weights: the mean over the pairs of each epoch.',
    );
  }
  return passed();
}

export default defineRuntimeCheck({
  id: 'training.other-runs',
  title: 'trainAttentionPairs also trains on other pairs and options (epochs, learningRate, dK, seed), judged by the grader\'s own forward pass',
  uses: ['trainAttentionPairs'],
  input,
  probe: ({ mod, tf, input }) => {
    const x = tf.tensor2d(input.x);
    return input.runs.map((run) => mod.trainAttentionPairs(x, run.pairs, run.options));
  },
  judge: ({ input, actual }) => {
    if (!Array.isArray(actual) || actual.length !== input.runs.length) return failed(`Could not read the results of ${input.runs.length} training runs: got ${describeWire(actual)}.`);
    for (const [index, run] of input.runs.entries()) {
      const verdict = judgeRun(input.x, run, item(actual, index));
      if (verdict.status === 'failed') return verdict;
    }
    // Each run already has one loss per epoch and finite values.
    const longer = asNumericArray(field(item(actual, LONGER), 'losses'))!;
    const shorter = asNumericArray(field(item(actual, SHORTER), 'losses'))!;
    const prefix = { shape: shorter.shape, values: longer.values.slice(0, shorter.values.length) };
    const { isClose, difference } = compareTensors(shorter, prefix, { atol: 1e-5, rtol: 1e-4 });
    if (isClose) return passed();
    const epoch = difference.at?.[0] ?? 0;
    return {
      status: 'failed',
      message:
        `${callOf(input.runs[SHORTER])} should repeat the first ${shorter.values.length} epochs of ${callOf(input.runs[LONGER])}: the same seed gives the same start, and each epoch the same steps. ` +
        `But epoch ${epoch} has a loss of ${formatNumber(shorter.values[epoch])} in the shorter run and ${formatNumber(prefix.values[epoch])} in the longer one. ` +
        'Report the losses of the run itself, initialised from options.seed.',
      difference,
    };
  },
});
