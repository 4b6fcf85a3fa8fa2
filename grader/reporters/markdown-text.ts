/**
 * Writing GitHub-flavoured Markdown from text we do not control: check messages quote the student's
 * errors, and the output is whatever their code printed. Every piece of such text goes through one
 * of these, so that it reads as the same text once rendered and never as markup.
 */
import { toPrintable } from './report-summary.js';

// CommonMark lets a backslash escape any ASCII punctuation; these are the ones that could start
// markup inline (emphasis, code, links, HTML, entities, strikethrough) or end a table cell.
const INLINE_SPECIALS = /[\\`*_[\]<>|~&]/g;
// At the start of a line these make a heading, a list, a quote or a thematic break.
const LINE_START_SPECIALS = /^(\s*)([#+\-=>]|\d+[.)])/;

/** Text on one line, escaped for a table cell, a heading, or after other text in a line. */
export function escapeMarkdown(text: string): string {
  return toPrintable(text).replace(/\s*\n\s*/g, ' ').trim().replace(INLINE_SPECIALS, '\\$&');
}

/** The same for text that starts a line (a paragraph, a list item), where `1.` or `-` would start a list. */
export function escapeMarkdownLine(text: string): string {
  return escapeMarkdown(text).replace(LINE_START_SPECIALS, (_, space: string, mark: string) => `${space}${mark.replace(/[#+\-=>.)]/, '\\$&')}`);
}

/**
 * A code span for identifiers and short values (check ids, paths, shapes). Not for table cells with
 * pipes in them: GFM splits cells before it reads code spans.
 */
export function codeSpan(text: string): string {
  const printable = toPrintable(text).replace(/\n/g, ' ');
  const longestRun = Math.max(0, ...(printable.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longestRun + 1);
  const pad = printable.startsWith('`') || printable.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${printable}${pad}${ticks}`;
}

/** A fenced block that no backtick run in the text can close early. */
export function fencedBlock(text: string, info = 'text'): string {
  const printable = toPrintable(text).replace(/^\n+|\n+$/g, '');
  const longestRun = Math.max(0, ...(printable.match(/`{3,}/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${info}\n${printable}\n${fence}`;
}

export type Alignment = 'left' | 'right';

/** A table whose cells are already escaped: one line per row, the same number of cells in each. */
export function markdownTable(header: string[], alignments: Alignment[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  const delimiter = alignments.map((alignment) => (alignment === 'right' ? '---:' : '---'));
  return [line(header), line(delimiter), ...rows.map(line)].join('\n');
}
