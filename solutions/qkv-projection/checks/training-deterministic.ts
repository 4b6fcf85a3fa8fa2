import { asNumericArray, compareTensors, describeDifference, failed, item, passed } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';
import { PAIRS, X } from './data.js';

const input = { x: X, pairs: PAIRS, options: { epochs: 30, seed: 7 } };

export default defineRuntimeCheck({
  id: 'training.deterministic',
  title: 'The same seed gives the same losses twice',
  uses: ['trainAttentionPairs'],
  input,
  probe: ({ mod, tf, input }) => {
    const x = tf.tensor2d(input.x);
    const first = mod.trainAttentionPairs(x, input.pairs, input.options);
    const second = mod.trainAttentionPairs(x, input.pairs, input.options);
    return [first.losses, second.losses];
  },
  judge: ({ actual }) => {
    const first = asNumericArray(item(actual, 0));
    const second = asNumericArray(item(actual, 1));
    if (!first || !second) return failed('trainAttentionPairs should return { losses } as an array of numbers.');
    const { isClose, difference } = compareTensors(second, first, { atol: 1e-6, rtol: 0 });
    if (isClose) return passed();
    return failed(
      `Two runs with seed 7 gave different losses. ${describeDifference('The second run', difference)} Pass the seed to every random initialiser (e.g. tf.randomUniform(shape, min, max, 'float32', seed)) and use no unseeded randomness.`,
      difference,
    );
  },
});
