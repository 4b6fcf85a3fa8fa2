import { defineRuntimeCheck } from './student-module.js';
import { X } from './data.js';
import { judgePairsRun, pairsRunProbe, type PairsRun } from './pairs-run.js';

/**
 * What training.other-pairs asks, on pairs and options a submission is not shown before it is
 * graded: a result written down for the visible run's input (as one was for the notebook's) does not
 * pass here. Again the first two are notebook pairs with the other answer.
 */
const input: PairsRun = {
  x: X,
  pairs: [
    { i: 5, j: 1, attend: 0 }, // mat -> cat, which the notebook's pairs say attends
    { i: 3, j: 2, attend: 1 }, // on  -> sat, which they say does not
    { i: 4, j: 0, attend: 1 }, // the -> The
    { i: 1, j: 3, attend: 0 }, // cat -> on
    { i: 2, j: 5, attend: 1 }, // sat -> mat
    { i: 0, j: 5, attend: 0 }, // The -> mat
  ],
  options: { epochs: 60, learningRate: 0.05, dK: 4, seed: 9 },
};

export default defineRuntimeCheck({
  id: 'training.other-runs',
  title: 'trainAttentionPairs also learns pairs of the grader\'s own, with options of its own, that it is not shown before grading',
  uses: ['trainAttentionPairs'],
  input,
  probe: pairsRunProbe,
  judge: ({ input, actual }) => judgePairsRun(input, actual),
});
