/**
 * The one thing a student should do next, chosen from a report: a compile error before anything
 * else (nothing runs until the file compiles), then the first check in the rubric's order that did
 * not pass. Skipped checks are never chosen: they wait on an earlier failure, which is the cause.
 */
import type { CheckResult, NextStep, Report } from '../report/types.js';

export interface NextStepHints {
  /** The exports of the student's file a check calls. */
  usesOf(checkId: string): readonly string[];
  /**
   * The skeleton's label for the TODO each export stands for ("TODO 1"). Asked for only when the
   * chosen check's message names no TODO (a wrong answer's does not), and at most once: reading the
   * skeleton costs a compile.
   */
  skeletonTodos(): Promise<ReadonlyMap<string, string>>;
}

const NUMBERED_TODO = /\bTODO\s+(\d+(?:\.\d+)*[a-z]?)(?!\w|\.\d)/;

/** "TODO 4.3" from "TODO 4.3: compute x · w …"; null when the text names no numbered TODO. */
export function todoLabelOf(text: string): string | null {
  const match = NUMBERED_TODO.exec(text);
  return match ? `TODO ${match[1]}` : null;
}

const NOT_A_CAUSE = new Set<CheckResult['status']>(['passed', 'skipped', 'internal-error']);

/** The TODO a check is about: the one its message names, else the skeleton's for the first function it calls that has one. */
async function todoOf(check: CheckResult, functions: readonly string[], hints: NextStepHints): Promise<string | null> {
  const named = todoLabelOf(check.message);
  if (named !== null || functions.length === 0) return named;
  const todos = await hints.skeletonTodos();
  return functions.map((name) => todos.get(name)).find((label) => label !== undefined) ?? null;
}

export async function chooseNextStep(report: Report, hints: NextStepHints): Promise<NextStep> {
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
    return { kind: 'check', check: failed, todo: await todoOf(failed, functions, hints), functions };
  }
  const broken = report.checks.find((check) => check.status === 'internal-error');
  if (broken) return { kind: 'grader-failed', check: broken };
  return { kind: 'none' };
}
