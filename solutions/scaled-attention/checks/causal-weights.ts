import { failed, formatNumber, formatShape, passed } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';
import { readAttention } from './attention-result.js';
import { CAUSAL_CALL, CAUSAL_INPUT, causalProbe } from './causal-input.js';
import { attentionHeatmap } from './figures.js';
import { rowsOf, scaledScores } from './plain-math.js';
import { judgeDistributionRows, judgeFollowsScores } from './weights-rows.js';

export default defineRuntimeCheck({
  id: 'causal.weights',
  title: 'With causal: true the weights are exactly 0 above the diagonal, each row still sums to 1, and among the visible words a higher score gets a higher weight',
  uses: ['scaledDotProductAttention'],
  input: CAUSAL_INPUT,
  probe: causalProbe,
  judge: ({ input, actual, tolerance }) => {
    const got = readAttention(actual, CAUSAL_CALL);
    if ('verdict' in got) return got.verdict;
    const n = input.q.length;
    const { weights } = got.result;
    if (formatShape(weights.shape) !== formatShape([n, n])) return failed(`weights has shape ${formatShape(weights.shape)}; expected [${n}, ${n}].`);
    const rows = rowsOf(weights);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        if (rows[i][j] === 0) continue;
        if (rows[i][j] === -Infinity) {
          return failed(
            `weights[${i}][${j}] is ${formatNumber(rows[i][j])}. The mask belongs on the scores, before the softmax, which turns -Infinity into a weight of exactly 0; ` +
              'added to the weights after it, -Infinity stays -Infinity (and weights · V becomes -Infinity or NaN).',
          );
        }
        return failed(
          `weights[${i}][${j}] is ${formatNumber(rows[i][j])}, not 0: word ${i} attends to word ${j}, which comes after it. ` +
            'With causal: true, add causalMask(n) to the scores before the softmax, so that every weight above the diagonal is exactly 0.',
        );
      }
    }
    const distribution = judgeDistributionRows(
      'weights',
      weights,
      tolerance,
      'Its weights after the diagonal are 0, so the future was zeroed after the softmax, and what is left no longer sums to 1 ' +
        '(and still depends on the later words through the softmax\'s sum). Add the mask to the scores before the softmax, which then spreads each row over the visible words only.',
    );
    if (distribution.status === 'failed') return distribution;
    // Weights spread evenly over the visible words pass everything above without looking at Q and K.
    const follows = judgeFollowsScores('weights', weights, scaledScores(input.q, input.k), 'Add the mask to attentionScores(q, k) and take softmaxRows of that: the visible words keep the order of their scores.', (i, j) => j <= i);
    return follows.status === 'failed' ? follows : passed();
  },
  figures: ({ input, actual, expected }) => [
    attentionHeatmap({
      actual,
      expected,
      n: input.q.length,
      title: 'Attention weights with the causal mask',
      caption: `${CAUSAL_CALL}.weights beside the reference's. Above the diagonal is the future: every weight there must be exactly 0, and each row spreads its 1 over the words up to itself.`,
    }),
  ],
});
