/**
 * What a student may read of a report: the one policy every format a student reads goes through.
 *
 * The rubric's `hidden` checks are graded, but their verdicts are not for students: a verdict names
 * the inputs and the expected values (or is the error the code threw on those inputs), which would
 * let a submission be fitted to the check. So in every student-facing format a hidden check keeps
 * its title, status and points, and its message becomes WITHHELD_MESSAGE; its expected and actual
 * values and their difference are gone. What the grader says without judging (skipped because…, not
 * implemented yet, the time limit, its own failure) is shown as for any check.
 *
 * A format is student-facing when its definition says so (`audience: 'students'`), and any format
 * is when it is written as one student's feedback file in a batch. Staff read the rest (`grade`'s
 * text and json, and a batch's reports/ and summaries), which keep everything.
 */
import type { CheckResult, CheckStatus, Report } from '../report/types.js';
import type { ReporterDefinition, ReporterOptions } from './types.js';

export const WITHHELD_MESSAGE = 'This check is hidden: what it expected and what came back are not shown.';

/** Statuses whose message is a verdict on what the code returned or threw. */
const VERDICT_STATUSES: ReadonlySet<CheckStatus> = new Set(['passed', 'failed', 'error']);

export function isWithheld(check: CheckResult): boolean {
  return check.visibility === 'hidden' && VERDICT_STATUSES.has(check.status);
}

/** The check as a student may read it. */
export function checkForStudents(check: CheckResult): CheckResult {
  if (!isWithheld(check)) return check;
  // Rebuilt from what may be shown, so that a field added to CheckResult later is left out until
  // someone decides it may be shown.
  // The location is a line of the student's own file, the one a thrown error came from.
  const { id, title, part, score, maxScore, points, visibility, durationMs, cpuMs } = check;
  if (check.status === 'error' || check.status === 'not-implemented') {
    const { status, location } = check;
    return { id, title, part, status, score, maxScore, points, visibility, durationMs, cpuMs, message: WITHHELD_MESSAGE, ...(location ? { location } : {}) };
  }
  return { id, title, part, status: check.status, score, maxScore, points, visibility, durationMs, cpuMs, message: WITHHELD_MESSAGE };
}

/** The report as a student may read it: every hidden verdict withheld. */
export function reportForStudents(report: Report): Report {
  return { ...report, checks: report.checks.map(checkForStudents) };
}

/** Whether this format, written with these options, is read by students. */
export function isForStudents(definition: ReporterDefinition, options: Pick<ReporterOptions, 'isBatchFeedback'>): boolean {
  return definition.audience === 'students' || options.isBatchFeedback === true;
}
