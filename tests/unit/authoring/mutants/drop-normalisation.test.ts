import { describe, expect, it } from 'vitest';
import { mutateSnippet, snippet } from '../../../support/mutate-snippet.js';

describe('drop-normalisation', () => {
  it('drops divisions and normalising calls, keeping what they normalised, parenthesised where needed', () => {
    const source = snippet(
      'export function f(q: tf.Tensor2D, x: tf.Tensor, a: number, b: number, d: number) {',
      '  // BEGIN SOLUTION TODO 1: x',
      '  const n = tf.norm(q, "euclidean", 1, true);',
      '  const s = tf.div(q, n);',
      '  const p = x.softmax();',
      '  const c = 2 * ((a + 1) / b);',
      '  const r = Math.sqrt(d);',
      '  // END SOLUTION',
      '  return [s, p, c, r];',
      '}',
    );
    expect(mutateSnippet('drop-normalisation', source)).toEqual([
      { after: 'const n = q;', description: 'drop norm: tf.norm(q, "euclidean", 1, true) → q' },
      { after: 'const s = q;', description: 'drop the division: tf.div(q, n) → q' },
      { after: 'const p = x;', description: 'drop softmax: x.softmax() → x' },
      { after: 'const c = 2 * ((a + 1));', description: 'drop the division: (a + 1) / b → (a + 1)' },
      { after: 'const r = d;', description: 'drop sqrt: Math.sqrt(d) → d' },
    ]);
  });
});
