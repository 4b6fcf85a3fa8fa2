/**
 * The one thing a student should do next, chosen from a report: a compile error before anything
 * else (nothing runs until the file compiles), then the first check in the rubric's order that did
 * not pass. Skipped checks are never chosen: they wait on an earlier failure, which is the cause.
 */
import type { CheckResult, Report, SourceLocation } from '../report/types.js';

export interface NextStepHints {
  /** The exports of the student's file a check calls. */
  usesOf(checkId: string): readonly string[];
  /** The skeleton's label for the TODO an export stands for ("TODO 1"), when known. */
  todoOf(exportName: string): string | undefined;
}

export type NextStep =
  | { kind: 'compile-error'; message: string; location: SourceLocation | null; otherErrors: number }
  | {
      kind: 'check';
      check: CheckResult;
      /** The numbered TODO to work on, from the check's message or the skeleton; null when neither says. */
      todo: string | null;
      /** The functions (exports) the check calls. */
      functions: readonly string[];
    }
  /** Nothing the student did: the grader failed on a check. */
  | { kind: 'grader-failed'; check: CheckResult }
  /** Every check that ran passed. */
  | { kind: 'none' };

const NUMBERED_TODO = /\bTODO\s+(\d+(?:\.\d+)*[a-z]?)(?!\w|\.\d)/;

/** "TODO 4.3" from "TODO 4.3: compute x · w …"; null when the text names no numbered TODO. */
export function todoLabelOf(text: string): string | null {
  const match = NUMBERED_TODO.exec(text);
  return match ? `TODO ${match[1]}` : null;
}

const NOT_A_CAUSE = new Set<CheckResult['status']>(['passed', 'skipped', 'internal-error']);

export function chooseNextStep(report: Report, hints: NextStepHints): NextStep {
  if (report.status === 'compile-error') {
    const errors = report.diagnostics.filter((d) => d.severity === 'error');
    const [first] = errors;
    if (first) {
      return { kind: 'compile-error', message: first.message, location: { file: first.file, line: first.line, column: first.column }, otherErrors: errors.length - 1 };
    }
    return { kind: 'compile-error', message: report.checks[0]?.message ?? 'Your file does not compile.', location: null, otherErrors: 0 };
  }
  const failed = report.checks.find((check) => !NOT_A_CAUSE.has(check.status));
  if (failed) {
    const functions = hints.usesOf(failed.id);
    const fromSkeleton = functions.map((name) => hints.todoOf(name)).find((label) => label !== undefined);
    return { kind: 'check', check: failed, todo: todoLabelOf(failed.message) ?? fromSkeleton ?? null, functions };
  }
  const broken = report.checks.find((check) => check.status === 'internal-error');
  if (broken) return { kind: 'grader-failed', check: broken };
  return { kind: 'none' };
}
