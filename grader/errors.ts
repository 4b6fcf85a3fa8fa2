/**
 * The grader's own errors, with stable codes. Anything a student's code does is an outcome, not
 * one of these; these are for bad input from a person (exit 2) and for the grader's faults (exit 3).
 */
export type GraderErrorCode =
  | 'USAGE'
  | 'RUBRIC_INVALID'
  | 'EXERCISE_INVALID'
  | 'SUBMISSION_UNREADABLE'
  | 'BACKEND_UNAVAILABLE'
  | 'SANDBOX_UNAVAILABLE'
  | 'INTERNAL';

export class GraderError extends Error {
  constructor(
    readonly code: GraderErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'GraderError';
  }

  /** Exit status the CLI uses: 2 for what the caller can fix, 3 for the grader's own faults. */
  get exitCode(): 2 | 3 {
    return this.code === 'INTERNAL' ? 3 : 2;
  }
}

export class UsageError extends GraderError {
  constructor(message: string) {
    super('USAGE', message);
    this.name = 'UsageError';
  }
}

export interface RubricProblem {
  file: string;
  line: number | null;
  column: number | null;
  /** Dotted path of the field, e.g. `checks.training.converges.points`. */
  field: string;
  message: string;
  fix: string;
}

export class RubricError extends GraderError {
  constructor(readonly problems: RubricProblem[]) {
    super('RUBRIC_INVALID', RubricError.format(problems));
    this.name = 'RubricError';
  }

  static format(problems: RubricProblem[]): string {
    const lines = problems.map((p) => {
      const where = p.line === null ? p.file : `${p.file}:${p.line}:${p.column}`;
      return `  ${where}  ${p.field || '(top level)'}: ${p.message}. Fix: ${p.fix}.`;
    });
    return `The rubric is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`;
  }
}
