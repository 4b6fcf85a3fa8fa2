/**
 * What the formats for students and for CI share: a report's parts and their points, each status in
 * words, the checks that lost points grouped by what went wrong, and a numeric difference as rows a
 * person can read. Nothing here computes a score; it only regroups the report's own numbers.
 */
import path from 'node:path';
import { differenceOf, locationOf, type CheckResult, type CheckStatus, type NumericDifference, type Report } from '../report/types.js';

export interface PartSummary {
  part: string;
  checks: CheckResult[];
  score: number;
  maxScore: number;
  passed: number;
}

/** The report's parts in rubric order, each with the points its checks earned. */
export function groupByPart(checks: CheckResult[]): PartSummary[] {
  const parts = new Map<string, PartSummary>();
  for (const check of checks) {
    const summary = parts.get(check.part) ?? { part: check.part, checks: [], score: 0, maxScore: 0, passed: 0 };
    summary.checks.push(check);
    summary.score += check.score;
    summary.maxScore += check.maxScore;
    if (check.status === 'passed') summary.passed++;
    parts.set(check.part, summary);
  }
  return [...parts.values()];
}

export function formatPoints(score: number, max: number): string {
  return `${Number(score.toFixed(2))}/${Number(max.toFixed(2))}`;
}

/** A check's points as earned, or `–/points` for one that was not scored (the grader failed on it). */
export function formatCheckPoints(check: CheckResult): string {
  return check.status === 'internal-error' ? `–/${Number(check.points.toFixed(2))}` : formatPoints(check.score, check.maxScore);
}

/** For an incomplete report: which points are missing from it, and why; null for a complete one. */
export function describeIncomplete(report: Report): string | null {
  if (!report.incomplete) return null;
  const { checks, points } = report.incomplete;
  return `incomplete: ${checks.length} check${checks.length === 1 ? '' : 's'} (${Number(points.toFixed(2))} point${points === 1 ? '' : 's'}) not scored, because the grader failed on them; they are out of both the score and the maximum until graded again`;
}

/** Whole percent of the points: of a report, a part, or a check. */
export function percentOf(scored: { score: number; maxScore: number }): number {
  return scored.maxScore > 0 ? Math.round((100 * scored.score) / scored.maxScore) : 0;
}

/** Each status as a student reads it, after the check's name. */
export const STATUS_LABELS: Record<CheckStatus, string> = {
  passed: 'passed',
  failed: 'wrong result',
  error: 'your code threw or ended its process',
  timeout: 'took too long',
  memory: 'used too much memory',
  'output-limit': 'printed too much',
  'not-implemented': 'not implemented yet',
  skipped: 'skipped: a check it needs did not pass',
  'compile-error': 'the file does not compile',
  'internal-error': 'the grader failed (not a fault in your code)',
};

/** Checks that lost points for one reason, told once: thirteen TODOs need one explanation, not thirteen. */
export interface LostGroup {
  status: CheckStatus;
  message: string;
  checks: CheckResult[];
  difference?: NumericDifference;
}

/**
 * Every check that did not pass and was not merely skipped, grouped by status and shown message, in
 * rubric order. A compile error is told by its diagnostics (file, line, column) rather than once per
 * check, so those checks are left out when the report has an error diagnostic to show instead.
 */
export function groupLostChecks(report: Report): LostGroup[] {
  const hasCompileDiagnostics = report.diagnostics.some((d) => d.severity === 'error');
  const groups = new Map<string, LostGroup>();
  for (const check of report.checks) {
    if (check.status === 'passed' || check.status === 'skipped') continue;
    if (check.status === 'compile-error' && hasCompileDiagnostics) continue;
    const { message } = check;
    const difference = differenceOf(check);
    const key = JSON.stringify([check.status, message, difference ?? null]);
    const group = groups.get(key);
    if (group) group.checks.push(check);
    else groups.set(key, { status: check.status, message, checks: [check], difference });
  }
  return [...groups.values()];
}

function formatNumber(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(6))) : String(value);
}

function formatIndex(index: number[]): string {
  return `[${index.join(', ')}]`;
}

export interface DifferenceRow {
  label: string;
  expected: string | null;
  actual: string | null;
}

/** A numeric difference as rows (what was expected, what came back) and notes (NaN, the largest gap). */
export function describeDifference(difference: NumericDifference): { rows: DifferenceRow[]; notes: string[] } {
  const rows: DifferenceRow[] = [];
  if (difference.expectedShape || difference.actualShape) {
    rows.push({
      label: 'shape',
      expected: difference.expectedShape ? formatIndex(difference.expectedShape) : null,
      actual: difference.actualShape ? formatIndex(difference.actualShape) : null,
    });
  }
  if (difference.expectedValue !== undefined || difference.actualValue !== undefined) {
    rows.push({
      label: difference.at ? `value at ${formatIndex(difference.at)}` : 'value',
      expected: difference.expectedValue === undefined ? null : formatNumber(difference.expectedValue),
      actual: difference.actualValue === undefined ? null : formatNumber(difference.actualValue),
    });
  }
  const notes: string[] = [];
  if (difference.maxAbsDiff !== undefined) notes.push(`largest absolute difference: ${formatNumber(difference.maxAbsDiff)}`);
  if (difference.hasNaN) notes.push('the result contains NaN');
  if (difference.hasInfinity) notes.push('the result contains Infinity');
  return { rows, notes };
}

/** The same, as plain lines for formats without tables. */
export function differenceLines(difference: NumericDifference): string[] {
  const { rows, notes } = describeDifference(difference);
  const lines = rows.map(({ label, expected, actual }) => {
    if (expected === null) return `${label}: got ${actual}`;
    if (actual === null) return `${label}: expected ${expected}`;
    return `${label}: expected ${expected}, got ${actual}`;
  });
  return [...lines, ...notes];
}

// Colour codes and other control characters from a student's console: invisible in a browser, and
// most of them are not even allowed in an XML document.
const ANSI_SEQUENCE = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;
const NOT_PRINTABLE = /[^\t\n\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** Text from the student's code made safe to show anywhere: colours dropped, other control characters as U+FFFD. */
export function toPrintable(text: string): string {
  return text.replace(ANSI_SEQUENCE, '').replace(/\r\n?/g, '\n').replace(NOT_PRINTABLE, '\uFFFD');
}

/** Where a check failed in the submission: the line its message names (a stack frame), else the top. */
export function locateInSubmission(check: CheckResult, submission: string): { line: number; column?: number } {
  // Where the grader itself placed the check (the TODO that still throws, the line an error came from).
  const location = locationOf(check);
  if (location && location.file === submission) return { line: location.line, column: location.column };
  const name = path.basename(submission).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(?:^|[\\s(/\\\\])${name}:(\\d+):(\\d+)`).exec(check.message);
  return match ? { line: Number(match[1]), column: Number(match[2]) } : { line: 1 };
}
