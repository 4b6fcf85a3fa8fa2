/**
 * Strings a student controls (what their code printed, the messages of the errors it threw, the
 * keys of what it returned, the names of their folders) reach terminals, files and pages. Before
 * they enter a report they are cut to a bound and made printable: every control character (the
 * escape that starts a terminal sequence, a bell, a carriage return that overwrites a line), and
 * every invisible character that reorders or hides text (bidirectional overrides, zero-width
 * marks), is written as a visible escape such as `\x1b` or `\u202e`. Only the grader colours.
 */

/** C0 and C1 controls, DEL, and the format characters that reorder or hide text. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
/** The same, newlines and tabs included: for text that must stay on one line. */
const UNSAFE_ON_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

function escapeCharacter(character: string): string {
  const code = character.charCodeAt(0);
  if (character === '\r') return '\\r';
  if (character === '\n') return '\\n';
  if (character === '\t') return '\\t';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

export interface SafeTextOptions {
  /** Characters kept, counted before escaping; what is cut is marked with `…`. */
  limit: number;
  /** Keep newlines and tabs (output, messages); otherwise they are escaped too (names, paths). */
  isMultiline?: boolean;
}

export function toSafeText(text: string, { limit, isMultiline = false }: SafeTextOptions): string {
  const bounded = text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
  return bounded.replace(isMultiline ? UNSAFE : UNSAFE_ON_ONE_LINE, escapeCharacter);
}
