import type { Report } from '../report/types.js';

/** A reporter only formats: it gets finished reports and never computes a score. */
export interface Reporter {
  /** Called as soon as one submission is graded, so that long runs show progress. */
  onReport?(report: Report): void;
  /** Called once, after the last submission. */
  onFinish?(reports: Report[]): void;
}

export interface ReporterOptions {
  write(text: string): void;
  isColor: boolean;
  /** The environment, for reporters that speak to a CI (GitHub's job summary file). */
  env: NodeJS.ProcessEnv;
}

/** One `--format`: what it is for, and the file it writes under `--out` and per student in a batch. */
export interface ReporterDefinition {
  description: string;
  fileName: string;
  create(options: ReporterOptions): Reporter;
}
