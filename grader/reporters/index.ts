/** Every built-in reporter, by the name `--format` takes. Adding a format is a file and a line. */
import { createJsonReporter } from './json-reporter.js';
import { createTextReporter } from './text-reporter.js';
import type { Reporter, ReporterOptions } from './types.js';

export const REPORTERS = {
  text: createTextReporter,
  json: createJsonReporter,
} satisfies Record<string, (options: ReporterOptions) => Reporter>;

export type ReporterName = keyof typeof REPORTERS;

export function isReporterName(name: string): name is ReporterName {
  return Object.hasOwn(REPORTERS, name);
}

export type { Reporter, ReporterOptions } from './types.js';
