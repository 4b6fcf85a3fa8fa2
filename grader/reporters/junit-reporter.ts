/**
 * `--format junit`: JUnit XML for CI dashboards (Jenkins, GitLab, GitHub test-report actions), in
 * the shape of the junit-10.xsd schema that Jenkins' xUnit plugin validates against. One
 * <testsuite> per part, one <testcase> per check; totals on <testsuites>.
 */
import { differenceOf, type CheckResult, type CheckStatus, type Report } from '../report/types.js';
import { differenceLines, formatCheckPoints, formatPoints, groupByPart, STATUS_LABELS, toPrintable } from './report-summary.js';
import type { Reporter, ReporterDefinition, ReporterOptions } from './types.js';

type JunitOutcome = 'passed' | 'failure' | 'error' | 'skipped';

/**
 * JUnit tells an assertion that failed (<failure>) from a test that could not finish (<error>) and
 * one that did not run (<skipped>); `type` keeps our exact status on each.
 */
const OUTCOMES: Record<CheckStatus, JunitOutcome> = {
  passed: 'passed',
  // The code returned, and the answer was wrong.
  failed: 'failure',
  // The code did not return an answer: it threw, ended its process, hit a limit, or never compiled.
  error: 'error',
  timeout: 'error',
  memory: 'error',
  'output-limit': 'error',
  'compile-error': 'error',
  // The grader's fault, not the code's: an error whose type says so, so that CI goes red and staff look.
  'internal-error': 'error',
  // Still the skeleton's TODO: not attempted yet, like a test marked todo.
  'not-implemented': 'skipped',
  // A prerequisite did not pass; its own failure is reported where it happened.
  skipped: 'skipped',
};

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** An attribute holds one line: XML folds newlines in attributes into spaces anyway. */
function oneLine(text: string): string {
  return toPrintable(text).replace(/\s*\n\s*/g, ' ').trim();
}

function details(check: CheckResult): string {
  const lines = [check.message];
  const difference = differenceOf(check);
  if (difference) lines.push('', ...differenceLines(difference));
  lines.push('', `${check.status}: ${STATUS_LABELS[check.status]}; ${formatCheckPoints(check)} points`);
  return toPrintable(lines.join('\n'));
}

function toTestcase(check: CheckResult, classname: string): Record<string, unknown> {
  const testcase: Record<string, unknown> = {
    '@_classname': classname,
    '@_name': `${check.id}: ${oneLine(check.title)}`,
    '@_time': seconds(check.durationMs),
  };
  const outcome = OUTCOMES[check.status];
  if (outcome !== 'passed') testcase[outcome] = { '@_type': check.status, '@_message': oneLine(check.message), '#text': outcome === 'skipped' ? undefined : details(check) };
  return testcase;
}

function toTestsuites(report: Report, hasSeveral: boolean): Record<string, unknown>[] {
  return groupByPart(report.checks).map(({ part, checks, score, maxScore }, index) => {
    // Several submissions in one file: each one's parts apart, so that dashboards do not merge them.
    const name = hasSeveral ? `${report.submission} ${part}` : part;
    const count = (outcome: JunitOutcome): number => checks.filter((check) => OUTCOMES[check.status] === outcome).length;
    const printed = toPrintable(report.output).trimEnd();
    return {
      '@_name': name,
      '@_tests': checks.length,
      '@_failures': count('failure'),
      '@_errors': count('error'),
      '@_skipped': count('skipped'),
      '@_time': seconds(checks.reduce((sum, check) => sum + check.durationMs, 0)),
      '@_file': report.submission,
      properties: {
        property: [
          { '@_name': 'exercise', '@_value': report.exercise },
          { '@_name': 'submission', '@_value': report.submission },
          { '@_name': 'backend', '@_value': report.backend },
          { '@_name': 'score', '@_value': String(Number(score.toFixed(3))) },
          { '@_name': 'max_score', '@_value': String(Number(maxScore.toFixed(3))) },
        ],
      },
      testcase: checks.map((check) => toTestcase(check, name)),
      // What the code printed belongs to the whole run and cannot be told apart by check: it is
      // written once, with the first part.
      'system-out': index === 0 && printed !== '' ? printed : undefined,
    };
  });
}

function createJunitReporter(options: ReporterOptions, XMLBuilder: typeof import('fast-xml-parser').XMLBuilder): Reporter {
  return {
    onFinish(reports: Report[]) {
      const suites = reports.flatMap((report) => toTestsuites(report, reports.length > 1));
      const checks = reports.flatMap((report) => report.checks);
      const count = (outcome: JunitOutcome): number => checks.filter((check) => OUTCOMES[check.status] === outcome).length;
      const document = {
        '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
        testsuites: {
          '@_name': reports.length === 1 ? `autograde ${reports[0].exercise}` : 'autograde',
          '@_tests': checks.length,
          '@_failures': count('failure'),
          '@_errors': count('error'),
          '@_time': seconds(reports.reduce((sum, report) => sum + report.durationMs, 0)),
          testsuite: suites,
        },
      };
      const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', textNodeName: '#text', format: true, indentBy: '  ', suppressEmptyNode: true });
      options.write(`${builder.build(document).trimEnd()}\n`);
    },
  };
}

export const junitReporter: ReporterDefinition = {
  description: 'JUnit XML: one testsuite per part, one testcase per check, for CI dashboards',
  fileName: 'junit.xml',
  audience: 'students',
  // Loaded only when asked for: the XML builder costs every other command nothing.
  create: async (options) => createJunitReporter(options, (await import('fast-xml-parser')).XMLBuilder),
};
