/**
 * Strings a student controls (what their code printed, the messages of the errors it threw, the
 * keys of what it returned, the names of their folders) reach terminals, files and pages. Before
 * they enter a report they are cut to a bound and made printable: every control character (the
 * escape that starts a terminal sequence, a bell, a carriage return that overwrites a line), and
 * every invisible character that reorders or hides text (bidirectional overrides, zero-width
 * marks), is written as a visible escape such as `\x1b` or `\u202e`. Only the grader colours.
 */

/**
 * Every control (C0, C1, DEL), format character (bidirectional overrides and isolates, zero-width
 * marks, Unicode tags that spell invisible text), private-use, unassigned or lone surrogate code
 * point, the line and paragraph separators, and the Hangul fillers that render as blank space.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\u2028\u2029\u115f\u1160\u3164\uffa0]/gu;
/** The same, but newlines and tabs pass: for text that may span lines. */
const UNSAFE_BUT_LINES = /(?![\n\t])[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\u2028\u2029\u115f\u1160\u3164\uffa0]/gu;

function escapeCharacter(character: string): string {
  const code = character.codePointAt(0)!;
  if (character === '\r') return '\\r';
  if (character === '\n') return '\\n';
  if (character === '\t') return '\\t';
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  return code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\u{${code.toString(16)}}`;
}

export interface SafeTextOptions {
  /** Characters kept, counted before escaping; what is cut is marked with `…`. */
  limit: number;
  /** Keep newlines and tabs (output, messages); otherwise they are escaped too (names, paths). */
  isMultiline?: boolean;
}

export function toSafeText(text: string, { limit, isMultiline = false }: SafeTextOptions): string {
  const bounded = text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
  return bounded.replace(isMultiline ? UNSAFE_BUT_LINES : UNSAFE, escapeCharacter);
}
