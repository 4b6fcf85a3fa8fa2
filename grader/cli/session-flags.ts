/** The options `grade`, `check` and `batch` share, as commander hands them over. */
import type { BackendChoice } from '../backend/select-backend.js';
import type { Compiler } from '../compile/compiler.js';
import type { GradingSessionOptions } from '../pipeline/grading-session.js';

/** Options every grading command takes. */
export interface SessionFlags {
  /** Absent: the rubric's, else inferred from the submissions' file names (see infer-exercise). */
  exercise?: string;
  backend: BackendChoice;
  rubric?: string;
  typecheck: boolean;
  sandbox: 'auto' | 'strict';
}

/** Everything a grading session needs from the flags but the exercise, which may have to be inferred first. */
export function sessionOptions(flags: SessionFlags, compiler: Compiler): Omit<GradingSessionOptions, 'exercise'> {
  return { compiler, backend: flags.backend, rubricPath: flags.rubric, isTypecheckEnabled: flags.typecheck, sandbox: flags.sandbox };
}

/** --color / --no-color when given; else colour on a terminal, unless NO_COLOR is set. */
export function isColorWanted(flag: boolean | undefined): boolean {
  return flag ?? (process.stdout.isTTY === true && !('NO_COLOR' in process.env));
}
