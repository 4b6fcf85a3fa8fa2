import { describe, expect, it } from 'vitest';
import { mutateSnippet, snippet } from '../../../support/mutate-snippet.js';

describe('swap-operands', () => {
  it('swaps the operands of calls that do not commute, in function and method form, and matMul transpose flags', () => {
    const source = snippet(
      'export function f(a: tf.Tensor2D, b: tf.Tensor2D, t: tf.Scalar, x: tf.Tensor2D) {',
      '  // BEGIN SOLUTION TODO 1: all of it',
      '  const p = tf.matMul(a, b);',
      '  const q = a.matMul(b);',
      '  const r = a.div(x.add(1));',
      '  const s = tf.matMul(a, a, false, true);',
      '  const sum = tf.add(a, b);',
      '  const loss = tf.losses.sigmoidCrossEntropy(t, p);',
      '  // END SOLUTION',
      '  return [p, q, r, s, sum, loss, tf.matMul(b, a)];',
      '}',
    );
    expect(mutateSnippet('swap-operands', source)).toEqual([
      { after: 'const p = tf.matMul(b, a);', description: 'swap the operands: tf.matMul(a, b) → tf.matMul(b, a)' },
      { after: 'const q = b.matMul(a);', description: 'swap the operands: a.matMul(b) → b.matMul(a)' },
      { after: 'const r = x.add(1).div(a);', description: 'swap the operands: a.div(x.add(1)) → x.add(1).div(a)' },
      { after: 'const s = tf.matMul(a, a, true, false);', description: 'transpose the other operand: tf.matMul(a, a, false, true) → tf.matMul(a, a, true, false)' },
      { after: 'const loss = tf.losses.sigmoidCrossEntropy(p, t);', description: 'swap the operands: tf.losses.sigmoidCrossEntropy(t, p) → tf.losses.sigmoidCrossEntropy(p, t)' },
    ]);
  });

  it('parenthesises an operand that becomes a receiver', () => {
    const source = snippet('export function f(a: tf.Tensor, n: number) {', '  return a.sub(n + 1); // SOLUTION TODO 1: x', '}');
    expect(mutateSnippet('swap-operands', source).map((m) => m.after)).toEqual(['return (n + 1).sub(a); // SOLUTION TODO 1: x']);
  });
});
