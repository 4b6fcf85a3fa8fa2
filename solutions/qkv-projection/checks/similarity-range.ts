import { failed, formatNumber, passed, unravelIndex, type Verdict } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';
import { multipleOf, pairsWithCosine, readSimilarityCases, SIMILARITY_CASES, similarityCasesProbe, type SimilarityCase } from './similarity-input.js';

function judgeCase({ q, what, sim }: SimilarityCase, slack: number): Verdict | null {
  const index = sim.values.findIndex((value) => !(Math.abs(value) <= 1 + slack));
  if (index >= 0) {
    const value = sim.values[index];
    const at = unravelIndex(index, sim.shape);
    return failed(
      `sim${JSON.stringify(at)} = ${formatNumber(value)} in ${what}, outside [-1, 1]. A cosine similarity is a dot product divided by both norms; without that division the values grow with the vectors' length.`,
      { at, actualValue: value, hasNaN: Number.isNaN(value) },
    );
  }
  // The two ends of the range, and its middle, where the queries say exactly where they must be.
  const n = q.length;
  const known: Array<{ pairs: Array<[number, number]>; want: number; why: (i: number, j: number) => string }> = [
    { pairs: pairsWithCosine(q, -1), want: -1, why: (i, j) => `${multipleOf(q, i, j)} points the opposite way` },
    { pairs: pairsWithCosine(q, 0), want: 0, why: (i, j) => `q_${i} · q_${j} = 0 (they are orthogonal)` },
  ];
  for (const { pairs, want, why } of known) {
    for (const [i, j] of pairs) {
      const got = sim.values[i * n + j];
      if (!(Math.abs(got - want) <= slack)) {
        return failed(
          `In ${what}, ${why(i, j)}, so sim[${i}][${j}] should be ${want}, but it is ${formatNumber(got)}. The similarity is the cosine of the angle between the two queries: sim = Q·Qᵀ / (‖q_i‖·‖q_j‖ + 1e-8).`,
          { at: [i, j], expectedValue: want, actualValue: got, maxAbsDiff: Math.abs(got - want) },
        );
      }
    }
  }
  return null;
}

export default defineRuntimeCheck({
  id: 'similarity.range',
  title: 'Every similarity lies within [-1, 1]: -1 for a query and its negative multiple, 0 for orthogonal queries',
  uses: ['cosineSimilarityMatrix'],
  input: SIMILARITY_CASES,
  probe: similarityCasesProbe,
  judge: ({ input, actual, tolerance }) => {
    const read = readSimilarityCases(input.cases, actual);
    if ('verdict' in read) return read.verdict;
    for (const testCase of read.cases) {
      const verdict = judgeCase(testCase, tolerance.atol + tolerance.rtol);
      if (verdict) return verdict;
    }
    return passed();
  },
});
