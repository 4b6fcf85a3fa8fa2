/**
 * `check`, the student's self-check of one file: the visible checks only (the session never runs,
 * judges or computes the reference of a hidden one), and the one next step decided from them.
 */
import type { Compiler } from '../compile/compiler.js';
import { CompileResultsCache } from '../compile/compile-results-cache.js';
import type { LoadedExercise } from '../exercise/load-exercise.js';
import type { NextStep, Report } from '../report/types.js';
import { openGradingSession, type GradingSessionOptions } from './grading-session.js';
import { chooseNextStep } from './next-step.js';
import { readSkeletonTodos } from './skeleton-todos.js';

export interface SelfCheckOptions extends Omit<GradingSessionOptions, 'exercise' | 'checks' | 'compiler'> {
  /** Loaded by the caller, which needs its file name to find the student's file before anything starts. */
  exercise: LoadedExercise;
  /** Grades the file, and reads the skeleton's TODOs when the next step needs them. */
  compiler: Compiler;
}

export interface SelfCheck {
  report: Report;
  step: NextStep;
}

export async function selfCheck(file: string, options: SelfCheckOptions): Promise<SelfCheck> {
  const { exercise, compiler } = options;
  // A student checks after every edit, and again without one: what the source says is read once.
  compiler.useResultsCache(CompileResultsCache.open(exercise.definition.id, compiler.typechecker));
  const session = await openGradingSession({ ...options, checks: 'visible' });
  try {
    const report = await session.grade(file, false);
    const step = await chooseNextStep(report, {
      usesOf: (id) => exercise.registry.get(id)?.uses ?? [],
      skeletonTodos: () => readSkeletonTodos(compiler, exercise),
    });
    return { report, step };
  } finally {
    session.close();
  }
}
