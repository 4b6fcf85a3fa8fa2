import { describe, expect, it } from 'vitest';
import { createCheckRegistry, findNonJsonInput } from '../../../grader/checks/registry.js';
import { defineRuntimeCheck, passed } from '../../../grader/checks/index.js';

describe('the check registry', () => {
  it('finds where an input stops being JSON data', () => {
    expect(findNonJsonInput({ x: [[1, 2]], options: { epochs: 2, name: 'a', on: true, none: null } })).toBeNull();
    expect(findNonJsonInput({ x: [1, Number.NaN] })).toBe('input.x[1] is NaN');
    expect(findNonJsonInput({ mask: -Infinity })).toBe('input.mask is -Infinity');
    expect(findNonJsonInput({ seed: undefined })).toBe('input.seed is undefined');
    expect(findNonJsonInput({ when: new Date(0) })).toBe('input.when is an object that is not plain data');
  });

  it('refuses an exercise whose check sends what JSON cannot carry, naming the check and the place', () => {
    const check = defineRuntimeCheck({ id: 'a.b', title: 't', uses: [], input: { big: Infinity }, probe: () => 1, judge: () => passed() });
    expect(() => createCheckRegistry({ id: 'x', fileName: 'x.ts', checks: [check] })).toThrow(/check 'a\.b': input\.big is Infinity/);
  });
});
