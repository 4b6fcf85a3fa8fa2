import { describe, expect, it } from 'vitest';
import { mutatedConstant } from '../../../../grader/authoring/mutants/change-constant.js';
import { mutateSnippet, snippet } from '../../../support/mutate-snippet.js';

describe('change-constant', () => {
  it('changes each number the way a slip does', () => {
    expect([0, 1, 200, 1e-8, 0.01, -3].map(mutatedConstant)).toEqual([1, 2, 201, 0, 0.1, -2]);
  });

  it('changes each literal in a SOLUTION region once, and none outside', () => {
    const source = snippet(
      'export function f(x: tf.Tensor): tf.Tensor {',
      '  const scale = 0.5;',
      '  // BEGIN SOLUTION TODO 1: x',
      '  return tf.add(tf.mul(x, 2), 1e-8);',
      '  // END SOLUTION',
      '}',
    );
    expect(mutateSnippet('change-constant', source)).toEqual([
      { after: 'return tf.add(tf.mul(x, 3), 1e-8);', description: 'change a constant: 2 → 3 in return tf.add(tf.mul(x, 2), 1e-8);' },
      { after: 'return tf.add(tf.mul(x, 2), 0);', description: 'change a constant: 1e-8 → 0 in return tf.add(tf.mul(x, 2), 1e-8);' },
    ]);
  });
});
