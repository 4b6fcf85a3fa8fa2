import { field } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';
import { X } from './data.js';
import { lossCurveFigure } from './figures.js';
import { describeRun, judgePairsRun, pairsRunProbe, type PairsRun } from './pairs-run.js';

/**
 * Pairs of the six words other than the notebook's, with every option changed. The first two are
 * notebook pairs with the other answer, so weights that predict the notebook's pairs (written down
 * from any run of them) predict at least those two wrong; the others the notebook never trains.
 */
const input: PairsRun = {
  x: X,
  pairs: [
    { i: 1, j: 2, attend: 0 }, // cat -> sat, which the notebook's pairs say attends
    { i: 0, j: 3, attend: 1 }, // The -> on, which they say does not
    { i: 2, j: 1, attend: 1 }, // sat -> cat
    { i: 4, j: 5, attend: 1 }, // the -> mat
    { i: 5, j: 2, attend: 0 }, // mat -> sat
    { i: 3, j: 4, attend: 0 }, // on -> the
  ],
  options: { epochs: 80, learningRate: 0.05, dK: 3, seed: 5 },
};

export default defineRuntimeCheck({
  id: 'training.other-pairs',
  title: "trainAttentionPairs learns the pairs it is given: on pairs other than the notebook's, the weights it returns predict them (recomputed by the grader), and its last loss is theirs",
  uses: ['trainAttentionPairs'],
  input,
  probe: pairsRunProbe,
  judge: ({ input, actual }) => judgePairsRun(input, actual),
  figures: ({ input, actual, expected }) => [lossCurveFigure(field(actual, 'losses'), field(expected, 'losses'), describeRun(input), 'Learning other pairs: the loss per epoch')],
});
