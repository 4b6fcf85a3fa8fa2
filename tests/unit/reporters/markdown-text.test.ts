import { describe, expect, it } from 'vitest';
import { codeSpan, escapeMarkdown, escapeMarkdownLine, fencedBlock } from '../../../grader/reporters/markdown-text.js';

describe('markdown text', () => {
  it('escapes what could become markup, on one line', () => {
    expect(escapeMarkdown('a | b *c* <d> & `e`\n  f_g [h](i) ~j~')).toBe('a \\| b \\*c\\* \\<d\\> \\& \\`e\\` f\\_g \\[h\\](i) \\~j\\~');
  });

  it('escapes what would start a block only where the text starts a line', () => {
    expect(escapeMarkdown('1. not a list')).toBe('1. not a list');
    expect(escapeMarkdownLine('1. not a list')).toBe('1\\. not a list');
    expect(escapeMarkdownLine('# not a heading')).toBe('\\# not a heading');
    expect(escapeMarkdownLine('- not an item')).toBe('\\- not an item');
  });

  it('fences code with more backticks than it holds', () => {
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`a')).toBe('`` `a ``');
    expect(fencedBlock('x\n```\ny\n')).toBe('````text\nx\n```\ny\n````');
  });
});
