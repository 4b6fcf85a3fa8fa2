import { describeWire, expectTensor, failed, formatShape, item, passed } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';
import { X } from './data.js';
import { similarityHeatmapFigures } from './figures.js';

const input = { x: X, dKValues: [1, 2, 4], seed: 42 };

export default defineRuntimeCheck({
  id: 'similarity.compare-projections',
  title: 'compareProjections gives one [6, 6] similarity matrix per dK, each a valid cosine matrix',
  uses: ['compareProjections'],
  input,
  probe: ({ mod, tf, input }) => mod.compareProjections(tf.tensor2d(input.x), input.dKValues, input.seed),
  judge: ({ input, actual, expected, tolerance }) => {
    if (!Array.isArray(actual) || actual.length !== input.dKValues.length) {
      return failed(`compareProjections(X, [1, 2, 4], 42) should return ${input.dKValues.length} matrices, one per dK, but returned ${describeWire(actual)}.`);
    }
    const slack = tolerance.atol + tolerance.rtol;
    for (const [index, dK] of input.dKValues.entries()) {
      const got = expectTensor(item(actual, index), `The matrix for dK = ${dK}`);
      if ('verdict' in got) return got.verdict;
      const { shape, values } = got.tensor;
      if (formatShape(shape) !== '[6, 6]') return failed(`The matrix for dK = ${dK} has shape ${formatShape(shape)}; expected [6, 6], one row and column per word.`);
      for (let i = 0; i < 6; i++) {
        if (!(Math.abs(values[i * 7] - 1) <= slack)) return failed(`For dK = ${dK}, the diagonal entry [${i}, ${i}] is ${values[i * 7]}, not 1: normalise by the norms of the projected queries Q = X · W_Q.`);
        for (let j = 0; j < 6; j++) {
          if (!(Math.abs(values[i * 6 + j]) <= 1 + slack)) return failed(`For dK = ${dK}, entry [${i}, ${j}] is ${values[i * 6 + j]}, outside [-1, 1].`);
          if (!(Math.abs(values[i * 6 + j] - values[j * 6 + i]) <= slack)) return failed(`For dK = ${dK}, the matrix is not symmetric at [${i}, ${j}].`);
        }
      }
      // With dK = 1 every query is a multiple of one number, so every cosine is +1 or -1.
      if (dK === 1 && values.some((v) => Math.abs(Math.abs(v) - 1) > 1e-3)) {
        return failed('For dK = 1 every similarity must be +1 or -1 (all queries lie on one line); check that W_Q has shape [dModel, dK].');
      }
    }
    // Valid is not enough: a W_Q drawn as the skeleton says (normal, mean 0, std 1, seed + index)
    // gives the reference's matrices. One drawn with a nonzero mean, or from randomUniform's [0, 1),
    // makes every query alike whatever dK: the opposite of what the experiment is there to show.
    for (const [index, dK] of input.dKValues.entries()) {
      const got = expectTensor(item(actual, index), `The matrix for dK = ${dK}`);
      const want = expectTensor(item(expected, index), `The reference's matrix for dK = ${dK}`);
      if ('verdict' in got || 'verdict' in want) continue;
      const at = got.tensor.values.findIndex((value, i) => !(Math.abs(value - want.tensor.values[i]) <= tolerance.atol + tolerance.rtol * Math.abs(want.tensor.values[i])));
      if (at >= 0) {
        return failed(
          `For dK = ${dK}, entry [${Math.floor(at / 6)}, ${at % 6}] is ${got.tensor.values[at]}, but the queries of the W_Q the exercise draws give ${want.tensor.values[at]}. ` +
            "Draw each W_Q with tf.randomNormal([dModel, dK], 0, 1, 'float32', seed + index): mean 0, standard deviation 1, and the seed of its place in dKValues.",
        );
      }
    }
    return passed();
  },
  figures: ({ input, actual, expected }) => similarityHeatmapFigures(actual, expected, input.dKValues),
});
