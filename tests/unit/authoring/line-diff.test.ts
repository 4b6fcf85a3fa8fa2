import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../../grader/authoring/line-diff.js';

const text = (...lines: string[]) => `${lines.join('\n')}\n`;

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff(text('a', 'b'), text('a', 'b'))).toBe('');
  });

  it('shows a changed line with its context, removal first, numbered as diff -u numbers it', () => {
    const before = text('1', '2', '3', '4', '5', '6', '7', '8', '9');
    const after = text('1', '2', '3', '4', 'five', '6', '7', '8', '9');
    expect(unifiedDiff(before, after, { oldName: 'old.ts', newName: 'new.ts', context: 2 })).toBe(text('--- old.ts', '+++ new.ts', '@@ -3,5 +3,5 @@', ' 3', ' 4', '-5', '+five', ' 6', ' 7'));
  });

  it('keeps distant changes in separate hunks, and numbers an insertion and a deletion', () => {
    const before = text('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j');
    const after = text('new', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'j');
    expect(unifiedDiff(before, after, { context: 1 })).toBe(text('--- a', '+++ b', '@@ -1,1 +1,2 @@', '+new', ' a', '@@ -8,3 +9,2 @@', ' h', '-i', ' j'));
  });

  it('diffs a file against nothing', () => {
    expect(unifiedDiff('', text('x', 'y'))).toBe(text('--- a', '+++ b', '@@ -0,0 +1,2 @@', '+x', '+y'));
  });
});
