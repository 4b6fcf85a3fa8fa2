import { describe, expect, it } from 'vitest';
import { mutateSnippet, snippet } from '../../../support/mutate-snippet.js';

describe('fake-training', () => {
  it('keeps the epochs of the outermost loop that steps and records a loss, and makes it push a made-up falling loss instead', () => {
    const source = snippet(
      'export function train(w: tf.Variable, pairs: number[], epochs: number): { losses: number[]; w: tf.Tensor } {',
      '  // BEGIN SOLUTION TODO 7: train',
      '  const optimizer = tf.train.adam(0.01);',
      '  const losses: number[] = [];',
      '  for (let epoch = 0; epoch < epochs; epoch++) {',
      '    let total = 0;',
      '    for (const p of pairs) {',
      '      const loss = optimizer.minimize(() => tf.sum(tf.mul(w, p)) as tf.Scalar, true, [w]);',
      '      total += loss!.dataSync()[0];',
      '    }',
      '    losses.push(total / pairs.length);',
      '  }',
      '  return { losses, w: tf.clone(w) };',
      '  // END SOLUTION',
      '}',
    );
    expect(mutateSnippet('fake-training', source)).toEqual([
      {
        after: 'for (let epoch = 0; epoch < epochs; epoch++) losses.push(0.69 * Math.exp(-losses.length / 25));',
        description: 'fake the training: for (let epoch = 0; epoch < epochs; epoch++) only pushes a made-up falling loss onto losses',
      },
    ]);
  });

  it('leaves a loop that steps without recording a loss, and one that records without stepping, to other operators', () => {
    const source = snippet(
      'export function fit(w: tf.Variable, steps: number): number[] {',
      '  // BEGIN SOLUTION TODO 7: fit',
      '  const seen: number[] = [];',
      '  for (let i = 0; i < steps; i++) w.assign(tf.mul(w, 0.9));',
      '  for (const value of w.dataSync()) seen.push(value);',
      '  return seen;',
      '  // END SOLUTION',
      '}',
      'export function manual(w: tf.Variable, grads: tf.Tensor[]): number[] {',
      '  // BEGIN SOLUTION TODO 8: manual',
      '  const norms: number[] = [];',
      '  for (const g of grads) {',
      '    w.assign(tf.sub(w, g));',
      '    norms.push(tf.norm(g).dataSync()[0]);',
      '  }',
      '  return norms;',
      '  // END SOLUTION',
      '}',
    );
    expect(mutateSnippet('fake-training', source).map((m) => m.after)).toEqual(['for (const g of grads) norms.push(0.69 * Math.exp(-norms.length / 25));']);
  });
});
