import { failed, field, passed } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';
import { PAIRS, X } from './data.js';

const input = { x: X, pairs: PAIRS, shortEpochs: 2, longEpochs: 12 };

/** Tensors a run may leave behind in total, e.g. an optimizer's slots that were never disposed. */
const MAX_LEFT_BEHIND = 10;

export default defineRuntimeCheck({
  id: 'training.no-leak',
  title: 'Training does not leak tensors (tf.memory().numTensors stays bounded)',
  uses: ['trainAttentionPairs'],
  input,
  // Counted by the runner (counts), not by tf.memory(), which the submission could replace.
  probe: ({ mod, tf, input, counts }) => {
    const x = tf.tensor2d(input.x);
    const count = () => counts.liveTensors();
    const run = (epochs: number) => {
      const before = count();
      const result = mod.trainAttentionPairs(x, input.pairs, { epochs });
      tf.dispose([result.wQ, result.wK]);
      return count() - before;
    };
    return { short: run(input.shortEpochs), long: run(input.longEpochs) };
  },
  judge: ({ input, actual }) => {
    const short = field(actual, 'short');
    const long = field(actual, 'long');
    if (typeof short !== 'number' || typeof long !== 'number' || !Number.isFinite(short) || !Number.isFinite(long)) return failed('Could not count the tensors left after training.');
    const steps = (input.longEpochs - input.shortEpochs) * input.pairs.length;
    if (long > short) {
      return failed(
        `Training for ${input.longEpochs} epochs left ${long} tensors behind, ${input.shortEpochs} epochs left ${short}: about ${((long - short) / steps).toFixed(1)} per step. ` +
          'Wrap each step in tf.tidy (optimizer.minimize already tidies its function) and dispose the loss after reading it.',
      );
    }
    if (long > MAX_LEFT_BEHIND) {
      return failed(`Training left ${long} tensors behind after the returned weights were disposed (at most ${MAX_LEFT_BEHIND} allowed). Dispose the optimizer, the variables and the sliced inputs when training ends.`);
    }
    return passed();
  },
});
