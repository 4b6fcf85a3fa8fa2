/**
 * The grader's own arithmetic on plain numbers (in float64), for judges that recompute what a
 * submission should have returned from its inputs or from its other outputs. Judges run in the
 * grader; a probe never calls these.
 */

/** A row vector times a matrix, row · w: how one embedding is projected by a weight matrix. */
export function project(row: readonly number[], w: readonly (readonly number[])[]): number[] {
  return w[0].map((_, col) => row.reduce((sum, value, r) => sum + value * w[r][col], 0));
}

/** a · b, row by row; the sizes are the caller's to check. */
export function matMul(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number[][] {
  return a.map((row) => project(row, b));
}
