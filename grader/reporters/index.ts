/** Every built-in reporter, by the name `--format` takes. Adding a format is a file and a line. */
import type { Report } from '../report/types.js';
import { htmlReporter } from './html-reporter.js';
import { jsonReporter } from './json-reporter.js';
import { textReporter } from './text-reporter.js';
import type { ReporterDefinition, ReporterOptions } from './types.js';

export const REPORTERS = {
  text: textReporter,
  json: jsonReporter,
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

/** Everything one format writes for these reports, as one text: a file's contents. */
export function renderReports(name: ReporterName, reports: Report[], options: Omit<ReporterOptions, 'write'>): string {
  const chunks: string[] = [];
  const reporter = REPORTERS[name].create({ ...options, write: (text) => chunks.push(text) });
  for (const report of reports) reporter.onReport?.(report);
  reporter.onFinish?.(reports);
  return chunks.join('');
}

export type { Reporter, ReporterDefinition, ReporterOptions } from './types.js';
