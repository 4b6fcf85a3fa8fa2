import { failed, item, passed, randomMatrix, seededRandom } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';
import { judgeHandResult } from './hand-result.js';

const random = seededRandom(61);
/**
 * Other sizes, a single key (attention to one word is that word's value, whatever the scores), and
 * one query whose scores (about 1768) overflow exp in float64 unless the maximum is subtracted.
 */
const input = {
  cases: [
    { q: randomMatrix(random, 1, 4)[0], keys: randomMatrix(random, 6, 4), values: randomMatrix(random, 6, 3) },
    { q: randomMatrix(random, 1, 8)[0], keys: randomMatrix(random, 3, 8), values: randomMatrix(random, 3, 2) },
    { q: [30, 40], keys: [[30, 40], [40, 30], [-30, -40]], values: [[1, 2], [3, 4], [5, 6]] },
    { q: randomMatrix(random, 1, 3)[0], keys: randomMatrix(random, 1, 3), values: randomMatrix(random, 1, 2) },
  ],
};

export default defineRuntimeCheck({
  id: 'manual.random-cases',
  title: 'attentionByHand matches the reference on other sizes and on huge scores (within 1e-9)',
  uses: ['attentionByHand'],
  input,
  probe: ({ mod, input }) => input.cases.map((c) => mod.attentionByHand(c.q, c.keys, c.values)),
  judge: ({ input, actual, expected, tolerance }) => {
    if (!Array.isArray(actual) || actual.length !== input.cases.length) return failed('Could not read the results of attentionByHand.');
    for (const [index, c] of input.cases.entries()) {
      const verdict = judgeHandResult(`attentionByHand on case ${index + 1} (q of size ${c.q.length}, ${c.keys.length} keys)`, item(actual, index), item(expected, index), tolerance);
      if (verdict.status === 'failed') {
        const stable = index === 2 ? ' Its scores are about 1768: exp(1768) is Infinity even in float64, so subtract the largest score before exp.' : '';
        return { ...verdict, message: `Case ${index + 1}: ${verdict.message}${stable}` };
      }
    }
    return passed();
  },
});
