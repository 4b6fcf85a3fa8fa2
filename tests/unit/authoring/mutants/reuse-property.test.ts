import { describe, expect, it } from 'vitest';
import { mutateSnippet, snippet } from '../../../support/mutate-snippet.js';

describe('reuse-property', () => {
  it('uses a sibling created the same way, and shares one object between two; a property unlike the others has no sibling', () => {
    const source = snippet(
      'export class M {',
      '  a: tf.layers.Layer;',
      '  b: tf.layers.Layer;',
      '  c: number;',
      '  constructor(n: number) {',
      '    // BEGIN SOLUTION TODO 1: create them',
      '    this.a = tf.layers.dense({ units: n });',
      '    this.b = tf.layers.dense({ units: n });',
      '    this.c = n;',
      '    // END SOLUTION',
      '  }',
      '  run(x: tf.Tensor): unknown[] {',
      '    return [this.a.apply(x), this.b.apply(x), this.c]; // SOLUTION TODO 2: apply them',
      '  }',
      '}',
    );
    expect(mutateSnippet('reuse-property', source)).toEqual([
      { after: 'this.b = this.a;', description: 'share one object: this.b = this.a' },
      { after: 'return [this.b.apply(x), this.b.apply(x), this.c]; // SOLUTION TODO 2: apply them', description: 'use this.b where this.a belongs: this.a.apply(x) → this.b.apply(x)' },
      { after: 'return [this.a.apply(x), this.a.apply(x), this.c]; // SOLUTION TODO 2: apply them', description: 'use this.a where this.b belongs: this.b.apply(x) → this.a.apply(x)' },
    ]);
  });
});
