import type { BatchSummary, GradedStudent } from '../report/class-summary.js';
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
  /**
   * One student's feedback file in a batch: formats that also speak to a CI (GitHub's annotations and
   * job summary) keep to the file, since a whole class of them would bury the run.
   */
  isBatchFeedback?: boolean;
}

/** One `--format`: what it is for, and the file it writes under `--out` and per student in a batch. */
export interface ReporterDefinition {
  description: string;
  fileName: string;
  /**
   * Who reads it. A format for students gets every report with its hidden verdicts withheld
   * (student-view.ts); one for staff gets them whole, except when it is written as a student's
   * feedback file.
   */
  audience: 'students' | 'staff';
  /** The format describes exactly one submission (Gradescope's results.json): `grade` refuses several paths with it. */
  isSingleSubmission?: boolean;
  /** May be async, so that a format's heavy dependency loads only when that format is asked for. */
  create(options: ReporterOptions): Reporter | Promise<Reporter>;
  /** The page of a whole class this format draws, which every batch writes beside summary.json. */
  classSummary?: ClassSummaryDefinition;
}

/** A graded student as a class page shows them: with their own feedback page, where one was written. */
export interface ClassStudent extends GradedStudent {
  /** Their feedback page, as a path relative to the class page; null when none was written. */
  feedbackPath: string[] | null;
}

export interface ClassSummaryDefinition {
  fileName: string;
  render(summary: BatchSummary, students: readonly ClassStudent[]): string;
}
