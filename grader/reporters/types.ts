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
}
