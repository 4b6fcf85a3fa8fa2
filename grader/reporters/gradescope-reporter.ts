/**
 * `--format gradescope`: the results.json a Gradescope autograder leaves in /autograder/results/,
 * as specified at https://gradescope-autograders.readthedocs.io/en/latest/specs/ ("Output format").
 * One test per check, numbered part.check, with Gradescope's own score, status and visibility.
 */
import { UsageError } from '../errors.js';
import { differenceOf, type CheckResult, type CheckStatus, type Report, type Visibility } from '../report/types.js';
import { differenceLines, groupByPart, STATUS_LABELS, toPrintable } from './report-summary.js';
import type { Reporter, ReporterDefinition, ReporterOptions } from './types.js';

/** When a student may see a test; course staff always see every test. */
export type GradescopeVisibility = 'visible' | 'hidden' | 'after_due_date' | 'after_published';

/**
 * A hidden check's test reaches this reporter with its verdict already withheld (student-view.ts),
 * as in every format a student reads: an extension or a reopened assignment lets some students
 * resubmit after others have seen it. Gradescope's `hidden` means never shown, and is meant for tests
 * worth no points: a student would never learn even that they lost them. `after_due_date` shows the
 * test's title, status and points once resubmitting is over (after the late due date where late work
 * is allowed), without a member of staff having to publish anything. Until then Gradescope also hides
 * the total score.
 */
const VISIBILITY: Record<Visibility, GradescopeVisibility> = {
  visible: 'visible',
  hidden: 'after_due_date',
};

/** Gradescope knows only passed and failed; the test's output says which of our statuses it was. */
const STATUS: Record<CheckStatus, 'passed' | 'failed'> = {
  passed: 'passed',
  failed: 'failed',
  error: 'failed',
  timeout: 'failed',
  memory: 'failed',
  'output-limit': 'failed',
  'not-implemented': 'failed',
  skipped: 'failed',
  'compile-error': 'failed',
  // The grader's fault, and worth no points here either: the top-level output says so, and staff
  // regrade once it is fixed.
  'internal-error': 'failed',
};

export interface GradescopeTest {
  name: string;
  name_format: 'text';
  number: string;
  score: number;
  max_score: number;
  status: 'passed' | 'failed';
  output: string;
  output_format: 'text';
  tags: string[];
  visibility: GradescopeVisibility;
  extra_data: { id: string; status: CheckStatus };
}

export interface GradescopeResults {
  score: number;
  /** Seconds. */
  execution_time: number;
  output: string;
  // "text" everywhere: messages quote the student's own errors and output, which must never be
  // rendered as HTML or Markdown (Gradescope's default for the top-level output is simple_format, HTML).
  output_format: 'text';
  test_output_format: 'text';
  test_name_format: 'text';
  visibility: GradescopeVisibility;
  /** The autograder's stdout is the grader's log, for staff. */
  stdout_visibility: GradescopeVisibility;
  extra_data: Record<string, unknown>;
  tests: GradescopeTest[];
}

/** How Gradescope shows the submission, the same whatever happened to it. */
const SUBMISSION_SETTINGS = {
  output_format: 'text',
  test_output_format: 'text',
  test_name_format: 'text',
  // Each test sets its own visibility; the submission itself is always shown.
  visibility: 'visible',
  stdout_visibility: 'hidden',
} as const;

/** The status in words, the message, and where numbers disagree, expected against actual. */
function testOutput(check: CheckResult): string {
  if (check.status === 'passed') return check.message === 'Passed.' ? '' : check.message;
  const label = STATUS_LABELS[check.status];
  const lines = [`${label[0].toUpperCase()}${label.slice(1)}.`, check.message];
  const difference = differenceOf(check);
  if (difference) lines.push('', ...differenceLines(difference));
  return lines.join('\n');
}

function toTests(report: Report): GradescopeTest[] {
  return groupByPart(report.checks).flatMap(({ checks }, partIndex) =>
    checks.map((check, checkIndex) => ({
      name: `${check.title} (${check.id})`,
      name_format: 'text',
      number: `${partIndex + 1}.${checkIndex + 1}`,
      score: check.score,
      max_score: check.maxScore,
      status: STATUS[check.status],
      output: testOutput(check),
      output_format: 'text',
      tags: [check.part],
      visibility: VISIBILITY[check.visibility],
      extra_data: { id: check.id, status: check.status },
    })),
  );
}

function headline(report: Report): string {
  switch (report.status) {
    case 'passed':
      return 'Every check passed.';
    case 'failed':
      return 'Some checks did not pass. Each test below says what was expected and what your code returned; a skipped test needs an earlier one to pass first.';
    case 'compile-error': {
      const errors = report.diagnostics.filter((d) => d.severity === 'error');
      const where = errors.map((d) => `  ${d.file}:${d.line}:${d.column} ${d.message}`);
      return ['Your file does not compile, so none of its code could run. Fix these errors and submit again:', ...where].join('\n');
    }
    case 'internal-error': {
      const count = report.checks.filter((check) => check.status === 'internal-error').length;
      return `The grader itself failed on ${count} check${count === 1 ? '' : 's'}: this is not a fault in your code, and those tests say what went wrong. Their ${report.incomplete?.points ?? 0} points are left out of this score until the submission is graded again: submit again, and tell your course staff if it happens again.`;
    }
  }
}

/** Text relevant to the whole submission: what happened, the type warnings, and what the code printed. */
function topLevelOutput(report: Report): string {
  const sections = [`${report.exercise}, graded by autograde ${report.graderVersion} on the ${report.backend} backend.`, headline(report)];
  const hasHidden = report.checks.some((check) => check.visibility === 'hidden');
  if (hasHidden) sections.push('Some tests are hidden until the due date; until then the total score is hidden too.');
  const warnings = report.diagnostics.filter((d) => d.severity === 'warning');
  if (warnings.length > 0) {
    const lines = warnings.map((d) => `  ${d.file}:${d.line}:${d.column} ${d.message.replace(/\s*\n\s*/g, ' ')}`);
    sections.push([`Type checking found ${warnings.length} warning${warnings.length === 1 ? '' : 's'} (they cost no points, but often point at a real mistake):`, ...lines].join('\n'));
  }
  const printed = toPrintable(report.output).trimEnd();
  // Like Gradescope's own stdout, which students do not see by default: what the code printed can
  // include the arguments the hidden checks passed to it.
  if (printed !== '' && hasHidden) sections.push('What your code printed is not shown, because it could include what the hidden tests passed to it.');
  else if (printed !== '') sections.push(`What your code printed:\n${printed}`);
  return sections.join('\n\n');
}

export function toGradescopeResults(report: Report): GradescopeResults {
  return {
    score: report.score,
    execution_time: Number((report.durationMs / 1000).toFixed(2)),
    output: topLevelOutput(report),
    ...SUBMISSION_SETTINGS,
    extra_data: { exercise: report.exercise, status: report.status, max_score: report.maxScore, backend: report.backend, grader_version: report.graderVersion, submission_hash: report.submissionHash },
    tests: toTests(report),
  };
}

/**
 * Nothing was graded (the path held no submission, or it could not be read): Gradescope still needs
 * a results.json, or the student sees only that the autograder failed. `message` says why, in words
 * the student can act on; without one, the reason is on stderr, in the autograder's log for staff.
 */
export function nothingGraded(message = 'No submission was graded: the file the exercise expects was not found or could not be read. Check that you uploaded it under its original name, and submit again.'): GradescopeResults {
  return {
    score: 0,
    execution_time: 0,
    output: message,
    ...SUBMISSION_SETTINGS,
    extra_data: { status: 'not-graded' },
    tests: [],
  };
}

function tooManySubmissions(count: number): UsageError {
  return new UsageError(
    `--format gradescope writes one submission's results.json, got ${count}. Grade one path per run (Gradescope runs the autograder once per submission), or use \`autograde batch --format gradescope\`, which writes feedback/<student>/results.json for each student.`,
  );
}

function createGradescopeReporter(options: ReporterOptions): Reporter {
  return {
    onFinish(reports) {
      if (reports.length > 1) throw tooManySubmissions(reports.length);
      const results = reports.length === 1 ? toGradescopeResults(reports[0]) : nothingGraded();
      options.write(`${JSON.stringify(results, null, 2)}\n`);
    },
  };
}

export const gradescopeReporter: ReporterDefinition = {
  description: "Gradescope's results.json, for one submission",
  fileName: 'results.json',
  audience: 'students',
  isSingleSubmission: true,
  create: createGradescopeReporter,
};
