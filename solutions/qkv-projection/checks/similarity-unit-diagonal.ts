import { failed, formatNumber, passed, type Tolerance, type Verdict } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';
import { multipleOf, pairsWithCosine, readSimilarityCases, SIMILARITY_CASES, similarityCasesProbe, type SimilarityCase } from './similarity-input.js';

const FIX = 'Divide each dot product by the product of the two norms: sim = Q·Qᵀ / (‖q_i‖·‖q_j‖ + 1e-8).';

function judgeCase({ q, what, sim }: SimilarityCase, tolerance: Tolerance): Verdict | null {
  const n = q.length;
  const allowed = tolerance.atol + tolerance.rtol;
  const at = (i: number, j: number): number => sim.values[i * n + j];
  for (let i = 0; i < n; i++) {
    const value = at(i, i);
    if (!(Math.abs(value - 1) <= allowed)) {
      return failed(
        `The diagonal should be 1 (a vector is perfectly similar to itself), but entry [${i}, ${i}] of ${what} is ${formatNumber(value)}. ${FIX}`,
        { at: [i, i], expectedValue: 1, actualValue: value, maxAbsDiff: Math.abs(value - 1) },
      );
    }
  }
  // A multiple of a query points the same way (or, for a negative factor, the opposite way): its
  // whole row of similarities is the query's, negated for a negative factor. A matrix that does not
  // look at the queries cannot know which rows these are.
  for (const target of [1, -1]) {
    for (const [i, j] of pairsWithCosine(q, target)) {
      for (let col = 0; col < n; col++) {
        const want = target * at(i, col);
        const got = at(j, col);
        if (!(Math.abs(got - want) <= tolerance.atol + tolerance.rtol * Math.abs(want))) {
          const same = target === 1 ? 'the same similarities as' : 'the similarities of';
          return failed(
            `In ${what}, ${multipleOf(q, i, j)}, so row ${j} should hold ${same} row ${i}${target === 1 ? '' : ', negated'}: sim[${j}][${col}] should be ${formatNumber(want)}, but it is ${formatNumber(got)}. ` +
              `A cosine similarity depends only on the directions of the two vectors, not on their lengths. ${FIX}`,
            { at: [j, col], expectedValue: want, actualValue: got, maxAbsDiff: Math.abs(got - want) },
          );
        }
      }
    }
  }
  return null;
}

export default defineRuntimeCheck({
  id: 'similarity.unit-diagonal',
  title: 'Every query has similarity 1 with itself and with its positive multiples, and a scaled query keeps its similarities (negated for a negative factor)',
  uses: ['cosineSimilarityMatrix'],
  input: SIMILARITY_CASES,
  probe: similarityCasesProbe,
  judge: ({ input, actual, tolerance }) => {
    const read = readSimilarityCases(input.cases, actual);
    if ('verdict' in read) return read.verdict;
    for (const testCase of read.cases) {
      const verdict = judgeCase(testCase, tolerance);
      if (verdict) return verdict;
    }
    return passed();
  },
});
