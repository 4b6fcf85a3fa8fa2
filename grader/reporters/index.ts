/** Every built-in reporter, by the name `--format` takes. Adding a format is a file and a line. */
import { UsageError } from '../errors.js';
import type { Report } from '../report/types.js';
import { githubReporter } from './github-reporter.js';
import { gradescopeReporter } from './gradescope-reporter.js';
import { htmlReporter } from './html-reporter.js';
import { jsonReporter } from './json-reporter.js';
import { junitReporter } from './junit-reporter.js';
import { markdownReporter } from './markdown-reporter.js';
import { textReporter } from './text-reporter.js';
import { isForStudents, reportForStudents } from './student-view.js';
import type { Reporter, ReporterDefinition, ReporterOptions } from './types.js';

export const REPORTERS = {
  text: textReporter,
  json: jsonReporter,
  gradescope: gradescopeReporter,
  junit: junitReporter,
  github: githubReporter,
  markdown: markdownReporter,
  html: htmlReporter,
} satisfies Record<string, ReporterDefinition>;

export type ReporterName = keyof typeof REPORTERS;

export function isReporterName(name: string): name is ReporterName {
  return Object.hasOwn(REPORTERS, name);
}

/** `--format a,b,…`: each name known, none twice. Throws a message that lists the choices. */
export function parseFormats(value: string): ReporterName[] {
  const names = value.split(',').map((name) => name.trim()).filter((name) => name !== '');
  const unknown = names.filter((name) => !isReporterName(name));
  if (names.length === 0 || unknown.length > 0) {
    throw new Error(`Expected one or more of ${Object.keys(REPORTERS).join(', ')} (comma-separated), got \`${value}\`.`);
  }
  return [...new Set(names)] as ReporterName[];
}

/**
 * The reporter for one format. Where students read it, it only ever sees reports with the hidden
 * verdicts withheld: the decision is made here, once, for every format.
 */
export async function createReporter(name: ReporterName, options: ReporterOptions): Promise<Reporter> {
  const definition: ReporterDefinition = REPORTERS[name];
  const reporter = await definition.create(options);
  if (!isForStudents(definition, options)) return reporter;
  return {
    onReport: reporter.onReport && ((report) => reporter.onReport!(reportForStudents(report))),
    onFinish: reporter.onFinish && ((reports) => reporter.onFinish!(reports.map(reportForStudents))),
  };
}

/**
 * `grade` with several paths and a format that describes one submission: refused before anything is
 * graded, naming the way to get one file per student.
 */
export function checkSubmissionCount(names: ReporterName[], count: number): void {
  const single = names.find((name) => REPORTERS[name].isSingleSubmission === true);
  if (single === undefined || count <= 1) return;
  const { fileName } = REPORTERS[single];
  throw new UsageError(
    `--format ${single} writes one submission's ${fileName}, got ${count} paths. Grade one submission per run, or use \`autograde batch --format ${single}\`, which writes feedback/<student>/${fileName} for each student.`,
  );
}

/** Everything one format writes for these reports, as one text: a file's contents. */
export async function renderReports(name: ReporterName, reports: Report[], options: Omit<ReporterOptions, 'write'>): Promise<string> {
  const chunks: string[] = [];
  const reporter = await createReporter(name, { ...options, write: (text) => chunks.push(text) });
  for (const report of reports) reporter.onReport?.(report);
  reporter.onFinish?.(reports);
  return chunks.join('');
}

export type { Reporter, ReporterDefinition, ReporterOptions } from './types.js';
