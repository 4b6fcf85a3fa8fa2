/**
 * The queries the similarity checks share. Random vectors alone cannot tell a real cosine matrix
 * from a fixed one with a unit diagonal, symmetric and within [-1, 1]; so the property checks also
 * call cosineSimilarityMatrix on queries of other sizes whose similarities are known exactly: a
 * query and its multiples (1, or -1 for a negative factor) and orthogonal queries (0).
 */
import { expectTensor, failed, formatShape, item, type PlainTensor, randomMatrix, seededRandom, type Verdict, type Wire } from '../../../grader/checks/index.js';
import type { StudentProbeApi } from './student-module.js';

const random = seededRandom(5);

/** Six random 3-d vectors, none of them zero. */
export const SIMILARITY_INPUT = { q: randomMatrix(random, 6, 3) };

/** Runs in the sandbox: cosineSimilarityMatrix on the input queries. */
export const similarityProbe = ({ mod, tf, input }: StudentProbeApi<{ q: number[][] }>) =>
  mod.cosineSimilarityMatrix(tf.tensor2d(input.q));

/**
 * The random queries, then three sizes of queries whose angles are known: in the second, row 2 is
 * 2.5 × row 0, row 3 is -2 × row 0 and row 1 is orthogonal to row 0; in the third, rows 0 and 2
 * point opposite ways and row 1 is orthogonal to both; the fourth is a single query.
 */
export const SIMILARITY_CASES = {
  cases: [
    SIMILARITY_INPUT.q,
    [[0.6, -0.2, 0.3], [0.2, 0.6, 0], [1.5, -0.5, 0.75], [-1.2, 0.4, -0.6], [0.1, 0.9, -0.4]],
    [[1, 0], [0, 3], [-2, 0], [0.5, 0.5]],
    [[0.3, -0.4, 0.5, 0.1]],
  ],
};

/** Runs in the sandbox: cosineSimilarityMatrix on each set of queries. */
export const similarityCasesProbe = ({ mod, tf, input }: StudentProbeApi<{ cases: number[][][] }>) =>
  input.cases.map((q) => mod.cosineSimilarityMatrix(tf.tensor2d(q)));

export interface SimilarityCase {
  q: number[][];
  /** The call, for messages: `cosineSimilarityMatrix(q)` of its size. */
  what: string;
  /** What came back, [n, n]. */
  sim: PlainTensor;
}

export function describeCall(q: number[][]): string {
  return `cosineSimilarityMatrix(q) for ${q.length} ${q.length === 1 ? 'query' : 'queries'} of size ${q[0].length}`;
}

/** Each result as an [n, n] tensor, or a failure saying which call returned what. */
export function readSimilarityCases(cases: number[][][], actual: Wire): { cases: SimilarityCase[] } | { verdict: Verdict } {
  const read: SimilarityCase[] = [];
  for (const [index, q] of cases.entries()) {
    const what = describeCall(q);
    const got = expectTensor(item(actual, index), what);
    if ('verdict' in got) return got;
    const n = q.length;
    if (formatShape(got.tensor.shape) !== formatShape([n, n])) {
      return { verdict: failed(`${what} has shape ${formatShape(got.tensor.shape)}; expected [${n}, ${n}]: one similarity per pair of rows, Q · Qᵀ, whatever the number of queries.`) };
    }
    read.push({ q, what, sim: got.tensor });
  }
  return { cases: read };
}

/** The cosine of two vectors in float64: the grader's own, to know which pairs are parallel or orthogonal. */
export function cosineOf(a: number[], b: number[]): number {
  const dot = a.reduce((sum, value, d) => sum + value * b[d], 0);
  const norm = (v: number[]): number => Math.sqrt(v.reduce((sum, value) => sum + value * value, 0));
  return dot / (norm(a) * norm(b));
}

/** Pairs i < j of rows whose cosine is `target` (1, -1 or 0), exactly up to rounding. */
export function pairsWithCosine(q: number[][], target: number): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < q.length; i++) {
    for (let j = i + 1; j < q.length; j++) if (Math.abs(cosineOf(q[i], q[j]) - target) < 1e-12) pairs.push([i, j]);
  }
  return pairs;
}

/** How a row reads in a message: q_2 = 2.5·q_0. */
export function multipleOf(q: number[][], i: number, j: number): string {
  const factor = Math.sign(cosineOf(q[i], q[j])) * Math.hypot(...q[j]) / Math.hypot(...q[i]);
  return `q_${j} = ${Number(factor.toFixed(3))}·q_${i}`;
}
