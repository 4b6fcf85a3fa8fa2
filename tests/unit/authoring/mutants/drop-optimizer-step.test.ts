import { describe, expect, it } from 'vitest';
import { mutateSnippet, snippet } from '../../../support/mutate-snippet.js';

describe('drop-optimizer-step', () => {
  it('computes a used loss without stepping, and removes a statement that only steps', () => {
    const source = snippet(
      'export function train(w: tf.Variable, optimizer: tf.Optimizer): number {',
      '  // BEGIN SOLUTION TODO 7: train',
      '  const loss = optimizer.minimize(() => tf.sum(tf.square(w)) as tf.Scalar, true, [w]);',
      '  const { grads } = tf.variableGrads(() => tf.sum(w) as tf.Scalar, [w]);',
      '  optimizer.applyGradients(grads);',
      '  return loss!.dataSync()[0];',
      '  // END SOLUTION',
      '}',
    );
    const mutations = mutateSnippet('drop-optimizer-step', source);
    expect(mutations.map((m) => m.after)).toEqual(['const loss = tf.tidy(() => tf.sum(tf.square(w)) as tf.Scalar);', 'return loss!.dataSync()[0];']);
    expect(mutations.map((m) => m.description)).toEqual([
      'drop the optimizer step: compute the loss but never call optimizer.minimize',
      'drop the optimizer step: remove optimizer.applyGradients(grads);',
    ]);
  });
});
