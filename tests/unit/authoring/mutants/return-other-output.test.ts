import { describe, expect, it } from 'vitest';
import { mutateSnippet, snippet } from '../../../support/mutate-snippet.js';

describe('return-other-output', () => {
  it('swaps returned values, returned fields of one type, and destructured names', () => {
    const source = snippet(
      'export function f(pair: [tf.Tensor, tf.Tensor]): { a: tf.Tensor; b: tf.Tensor; n: number } {',
      '  // BEGIN SOLUTION TODO 1: x',
      '  const [p, q] = pair;',
      '  return { a: p, b: tf.neg(q), n: 3 };',
      '  // END SOLUTION',
      '}',
      'export function g(x: tf.Tensor, y: tf.Tensor): tf.Tensor[] {',
      '  return [x, y]; // SOLUTION TODO 2: y',
      '}',
      'export function h(rows: Array<{ xi: tf.Tensor; xj: tf.Tensor; n: number }>): number {',
      '  // BEGIN SOLUTION TODO 3: z',
      '  let total = 0;',
      '  for (const { xi, xj, n } of rows) total += xi.size - xj.size + n;',
      '  return total;',
      '  // END SOLUTION',
      '}',
    );
    expect(mutateSnippet('return-other-output', source)).toEqual([
      { after: 'const [q, p] = pair;', description: 'swap destructured values: [p, q]' },
      { after: 'return { a: tf.neg(q), b: p, n: 3 };', description: 'swap returned fields a and b' },
      { after: 'return [y, x]; // SOLUTION TODO 2: y', description: 'swap returned values 1 and 2: x ↔ y' },
      { after: 'for (const { xi: xj, xj: xi, n } of rows) total += xi.size - xj.size + n;', description: 'swap destructured values: xi ↔ xj in { xi, xj, n }' },
    ]);
  });

  it('returns another variable of the same type in scope, the nearest first, never one declared later; a callback returns too', () => {
    const source = snippet(
      'export function project(x: number[], w: number[][]): number[] {',
      '  // BEGIN SOLUTION TODO 4: x',
      '  const first: number[] = [];',
      '  const out = x.map((v, i) => v * w[i][0]);',
      '  const size = out.length;',
      '  return out;',
      '  // END SOLUTION',
      '}',
    );
    expect(mutateSnippet('return-other-output', source)).toEqual([
      { after: 'const out = x.map((v, i) => i);', description: 'return i instead of v * w[i][0]' },
      { after: 'const out = x.map((v, i) => v);', description: 'return v instead of v * w[i][0]' },
      { after: 'return first;', description: 'return first instead of out' },
      { after: 'return x;', description: 'return x instead of out' },
    ]);
  });
});
