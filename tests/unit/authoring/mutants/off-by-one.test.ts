import { describe, expect, it } from 'vitest';
import { mutateSnippet, snippet } from '../../../support/mutate-snippet.js';

describe('off-by-one', () => {
  it('moves each loop bound by one, both ways, in for and while loops', () => {
    const source = snippet(
      'export function sum(x: number[], a: number, b: number): number {',
      '  // BEGIN SOLUTION TODO 1: x',
      '  let total = 0;',
      '  for (let i = 0; i < x.length; i++) total += x[i];',
      '  let j = a + b;',
      '  while (j >= a + 1) j--;',
      '  // END SOLUTION',
      '  for (let k = 0; k < 3; k++) total += k;',
      '  return total + j;',
      '}',
    );
    expect(mutateSnippet('off-by-one', source)).toEqual([
      { after: 'for (let i = 0; i <= x.length; i++) total += x[i];', description: 'loop bound: i < x.length → i <= x.length' },
      { after: 'for (let i = 0; i < x.length - 1; i++) total += x[i];', description: 'loop bound: i < x.length → i < x.length - 1' },
      { after: 'while (j > a + 1) j--;', description: 'loop bound: j >= a + 1 → j > a + 1' },
      { after: 'while (j >= (a + 1) + 1) j--;', description: 'loop bound: j >= a + 1 → j >= (a + 1) + 1' },
    ]);
  });
});
