import { failed, formatNumber, passed } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';
import { readSimilarityCases, SIMILARITY_CASES, similarityCasesProbe } from './similarity-input.js';

export default defineRuntimeCheck({
  id: 'similarity.symmetric',
  title: 'The similarity matrix is symmetric: sim[i][j] = sim[j][i]',
  uses: ['cosineSimilarityMatrix'],
  input: SIMILARITY_CASES,
  probe: similarityCasesProbe,
  judge: ({ input, actual, tolerance }) => {
    const read = readSimilarityCases(input.cases, actual);
    if ('verdict' in read) return read.verdict;
    for (const { q, what, sim } of read.cases) {
      const n = q.length;
      const v = sim.values;
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const gap = Math.abs(v[i * n + j] - v[j * n + i]);
          if (!(gap <= tolerance.atol + tolerance.rtol * Math.abs(v[j * n + i]))) {
            return failed(
              `In ${what}, sim[${i}][${j}] = ${formatNumber(v[i * n + j])} but sim[${j}][${i}] = ${formatNumber(v[j * n + i])}. The cosine of two vectors does not depend on their order: normalise both sides the same way.`,
              { at: [i, j], expectedValue: v[j * n + i], actualValue: v[i * n + j], maxAbsDiff: gap },
            );
          }
        }
      }
    }
    return passed();
  },
});
