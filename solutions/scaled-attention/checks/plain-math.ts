/**
 * The grader's own arithmetic on plain numbers (in float64) that this exercise's judges need
 * besides grader/checks/plain-math.ts: the scores, transposes, and sums along an axis.
 */
import { matMul, type PlainTensor } from '../../../grader/checks/index.js';

export type Matrix = number[][];

/** The rows of a 2-d tensor. */
export function rowsOf(tensor: PlainTensor): Matrix {
  const [rows, cols] = tensor.shape;
  return Array.from({ length: rows }, (_, r) => tensor.values.slice(r * cols, (r + 1) * cols));
}

export function transpose(a: Matrix): Matrix {
  return a.length === 0 ? [] : a[0].map((_, col) => a.map((row) => row[col]));
}

export function asPlainTensor(matrix: Matrix): PlainTensor {
  return { shape: [matrix.length, matrix[0]?.length ?? 0], values: matrix.flat() };
}

/** The sum of each row along the last axis, whatever the rank: [b, n, m] has b·n rows. */
export function rowSums(tensor: PlainTensor): number[] {
  const cols = tensor.shape[tensor.shape.length - 1];
  const sums: number[] = [];
  for (let start = 0; start < tensor.values.length; start += cols) {
    sums.push(tensor.values.slice(start, start + cols).reduce((sum, value) => sum + value, 0));
  }
  return sums;
}

/** Each column's sum. */
export function columnSums(tensor: PlainTensor): number[] {
  return transpose(rowsOf(tensor)).map((column) => column.reduce((sum, value) => sum + value, 0));
}

/** Q · Kᵀ / √dK of plain matrices: the scores the weights of attention must follow. */
export function scaledScores(q: Matrix, k: Matrix): Matrix {
  const scale = Math.sqrt(q[0].length);
  return matMul(q, transpose(k)).map((row) => row.map((value) => value / scale));
}
