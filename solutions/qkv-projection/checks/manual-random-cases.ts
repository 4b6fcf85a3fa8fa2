import { asNumericArray, describeWire, failed, item, judgeClose, passed, randomMatrix, referenceTensor, seededRandom } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';

const random = seededRandom(31337);
const sizes: Array<[number, number]> = [[4, 2], [3, 5], [8, 3], [1, 1], [6, 6]];
const input = {
  cases: sizes.map(([dModel, dK]) => ({ x: randomMatrix(random, 1, dModel)[0], w: randomMatrix(random, dModel, dK) })),
};

export default defineRuntimeCheck({
  id: 'manual.random-cases',
  title: 'manualProjection(x, W) equals x · W on random inputs of several sizes',
  uses: ['manualProjection'],
  input,
  probe: ({ mod, input }) => input.cases.map((c: { x: number[]; w: number[][] }) => mod.manualProjection(c.x, c.w)),
  judge: ({ input, actual, expected, tolerance }) => {
    for (const [index, testCase] of input.cases.entries()) {
      const what = `manualProjection(x, W) for x of length ${testCase.x.length} and W of ${testCase.w.length}×${testCase.w[0].length}`;
      const got = asNumericArray(item(actual, index));
      if (!got) return failed(`${what} should return an array of ${testCase.w[0].length} numbers, but returned ${describeWire(item(actual, index))}.`);
      const verdict = judgeClose(what, got, referenceTensor(item(expected, index), what), tolerance, 'Entry j of the result is the sum over i of x[i] * W[i][j].');
      if (verdict.status === 'failed') return verdict;
    }
    return passed();
  },
});
