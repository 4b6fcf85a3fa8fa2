import { describe, expect, it } from 'vitest';
import { mutateSnippet, snippet } from '../../../support/mutate-snippet.js';

describe('add-bias', () => {
  it('turns useBias on, and adds 1 to returned tensors (each of a returned array, inside tf.tidy), never to other values', () => {
    const source = snippet(
      'export function layer(n: number): tf.layers.Layer {',
      '  return tf.layers.dense({ units: n, useBias: false }); // SOLUTION TODO 1: x',
      '}',
      'export function pair(a: tf.Tensor, b: tf.Tensor): [tf.Tensor, tf.Tensor] {',
      '  return tf.tidy(() => [tf.neg(a), tf.neg(b)]); // SOLUTION TODO 2: y',
      '}',
      'export function count(a: number[]): number {',
      '  return a.length; // SOLUTION TODO 3: z',
      '}',
    );
    expect(mutateSnippet('add-bias', source).map((m) => m.after)).toEqual([
      'return tf.layers.dense({ units: n, useBias: true }); // SOLUTION TODO 1: x',
      'return tf.tidy(() => [tf.add(tf.neg(a), 1), tf.neg(b)]); // SOLUTION TODO 2: y',
      'return tf.tidy(() => [tf.neg(a), tf.add(tf.neg(b), 1)]); // SOLUTION TODO 2: y',
    ]);
    expect(mutateSnippet('add-bias', source)[1].description).toBe('add 1 to a returned tensor: tf.neg(a)');
  });
});
