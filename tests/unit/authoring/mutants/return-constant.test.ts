import { describe, expect, it } from 'vitest';
import { mutateSnippet, snippet } from '../../../support/mutate-snippet.js';

describe('return-constant', () => {
  it('replaces a returned tensor by ones of its shape, freeing what made it, and a returned number or array of numbers by ones', () => {
    const source = snippet(
      'export function similarity(q: tf.Tensor2D): tf.Tensor2D {',
      '  // BEGIN SOLUTION TODO 2: similarity',
      '  return tf.tidy(() => tf.div(tf.matMul(q, q, false, true), 2) as tf.Tensor2D);',
      '  // END SOLUTION',
      '}',
      'export function project(x: number[], w: number[][]): number[] {',
      '  // BEGIN SOLUTION TODO 3: project',
      '  const out = w[0].map((_, col) => x.reduce((sum, v, row) => sum + v * w[row][col], 0));',
      '  return out;',
      '  // END SOLUTION',
      '}',
      'export function already(q: tf.Tensor): tf.Tensor {',
      '  return tf.onesLike(q); // SOLUTION TODO 4: ones',
      '}',
    );
    expect(mutateSnippet('return-constant', source)).toEqual([
      { after: 'return tf.tidy(() => tf.onesLike(tf.tidy(() => tf.div(tf.matMul(q, q, false, true), 2) as tf.Tensor2D)));', description: 'return a constant as the result: tf.tidy(() => tf.div(tf.matMul … as tf.Tensor2D) → ones of its shape' },
      { after: 'return tf.tidy(() => tf.tidy(() => tf.onesLike(tf.div(tf.matMul(q, q, false, true), 2) as tf.Tensor2D)));', description: 'return a constant as the result: tf.div(tf.matMul(q, q, false,  …  as tf.Tensor2D → ones of its shape' },
      { after: 'const out = w[0].map((_, col) => 1);', description: 'return a constant as the result: x.reduce((sum, v, row) => sum  … w[row][col], 0) → 1' },
      { after: 'const out = w[0].map((_, col) => x.reduce((sum, v, row) => 1, 0));', description: 'return a constant as the result: sum + v * w[row][col] → 1' },
      { after: 'return (out).map(() => 1);', description: 'return a constant as the result: out → ones of its length' },
    ]);
  });

  it('replaces each element of a returned array and each field of a returned object on its own', () => {
    const source = snippet(
      'export function triple(x: tf.Tensor, w: tf.Tensor): [tf.Tensor, tf.Tensor] {',
      '  return [tf.matMul(x, w), x]; // SOLUTION TODO 1: triple',
      '}',
      'export function hand(q: number[]): { scores: number[]; total: number; name: string } {',
      '  // BEGIN SOLUTION TODO 5: hand',
      '  const scores = q.map((v) => v * 2);',
      '  return { scores, total: scores.length, name: "q" };',
      '  // END SOLUTION',
      '}',
    );
    expect(mutateSnippet('return-constant', source).map((m) => m.after)).toEqual([
      'return [tf.tidy(() => tf.onesLike(tf.matMul(x, w))), x]; // SOLUTION TODO 1: triple',
      'return [tf.matMul(x, w), tf.tidy(() => tf.onesLike(x))]; // SOLUTION TODO 1: triple',
      'const scores = q.map((v) => 1);',
      'return { scores: (scores).map(() => 1), total: scores.length, name: "q" };',
      'return { scores, total: 1, name: "q" };',
    ]);
  });
});
