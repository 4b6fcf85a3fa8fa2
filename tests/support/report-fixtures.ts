/**
 * Real reports for the reporters' tests: student fixtures graded once through the CLI and saved as
 * JSON under tests/fixtures/reports/ (the command is in tests/e2e/report-formats.test.ts), so that
 * the unit tests format real outcomes without starting a sandbox.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../grader/paths.js';
import type { CheckOutcome, Report } from '../../grader/report/types.js';
import { scoreSubmission } from '../../grader/scoring/score.js';

export const REPORT_FIXTURES_DIR = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'reports');
export const EXPECTED_DIR = path.join(REPORT_FIXTURES_DIR, 'expected');

/** Fixtures of student code whose reports are saved: every status the grader gives but internal-error. */
export const REPORT_CASES = [
  'pass/alternative',
  'pass/type-error-still-runs',
  'fail/bias',
  'fail/shared-layer',
  'fail/cosine-unnormalised',
  'fail/partial',
  'fail/throws-in-forward',
  'fail/syntax-error',
  'fail/swapped-dimensions',
  'hostile/prints-fake-results',
  'hostile/atomics-wait-forever',
  'hostile/exit-in-function',
] as const;

export type ReportCase = (typeof REPORT_CASES)[number];

/** The cases whose every format is compared with saved expected files, one folder each. */
export const EXPECTED_CASES: ReportCase[] = ['fail/bias', 'fail/shared-layer', 'fail/cosine-unnormalised', 'fail/partial', 'fail/throws-in-forward', 'fail/syntax-error'];

/** `fail/bias` → `fail-bias`: the saved report's name, and its folder of expected files. */
export function caseName(fixture: string): string {
  return fixture.replace('/', '-');
}

export function reportFile(fixture: string): string {
  return path.join(REPORT_FIXTURES_DIR, `${caseName(fixture)}.json`);
}

export function loadReport(fixture: ReportCase): Report {
  return JSON.parse(fs.readFileSync(reportFile(fixture), 'utf8')) as Report;
}

export function loadAllReports(): Array<{ name: string; report: Report }> {
  return REPORT_CASES.map((fixture) => ({ name: caseName(fixture), report: loadReport(fixture) }));
}

/**
 * No fixture makes the grader fail, so the internal-error report is a real one changed the way the
 * pipeline would have written it had the reference failed for `training.losses`: that check an
 * internal error, the checks that need it skipped, and the score recomputed by the grader's own rule.
 */
export function withInternalError(report: Report): Report {
  const outcomes: CheckOutcome[] = report.checks.map((check) => {
    if (check.id === 'training.losses') return { ...check, status: 'internal-error', message: 'The reference could not be computed: ENOSPC: no space left on device, write' };
    if (check.part === 'training') return { ...check, status: 'skipped', message: "It needs 'training.losses' to pass first." };
    return check;
  });
  const rubric = new Map(report.checks.map((check) => [check.id, check]));
  return { ...report, ...scoreSubmission(outcomes, (id) => rubric.get(id)!, false) };
}

/** A format's file with its durations set to zero: what differs between two gradings of one file. */
export function normaliseTimes(fileName: string, text: string): string {
  if (fileName === 'junit.xml') return text.replace(/ time="[\d.]+"/g, ' time="0"');
  if (fileName === 'results.json') return text.replace(/"execution_time": [\d.]+/, '"execution_time": 0');
  return text;
}
