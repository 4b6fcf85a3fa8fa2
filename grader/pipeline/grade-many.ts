/**
 * Grading one or more submissions in one grader run: the exercise, the backend, the reference
 * outputs and the type-check worker are set up once and shared.
 */
import { selectBackend, type BackendChoice, type SelectedBackend } from '../backend/select-backend.js';
import { Compiler } from '../compile/compiler.js';
import { GraderError } from '../errors.js';
import { loadExercise } from '../exercise/load-exercise.js';
import { getReferenceOutputs } from '../reference/reference-outputs.js';
import type { Report } from '../report/types.js';
import { missingForStrict } from '../sandbox/layers.js';
import { RunnerPool } from '../sandbox/runner-pool.js';
import { gradeSubmission, sandboxLimits } from './grade-submission.js';

export interface GradeManyOptions {
  exercise: string;
  /** A compile worker already warming up (the CLI starts it before loading anything heavy). */
  compiler?: Compiler;
  backend: BackendChoice;
  rubricPath?: string;
  /** Type errors as diagnostics (the default); off saves the type check's time. */
  isTypecheckEnabled?: boolean;
  /** `strict` refuses to grade unless every sandbox layer is available. */
  sandbox?: 'auto' | 'strict';
  onReport?: (report: Report) => void;
  /** A submission that could not be graded at all (unreadable path); the others still are. */
  onSkip?: (input: string, error: GraderError) => void;
}

export interface GradeManyResult {
  reports: Report[];
  skipped: Array<{ input: string; error: GraderError }>;
  backend: SelectedBackend;
}

export async function gradeMany(inputs: string[], options: GradeManyOptions): Promise<GradeManyResult> {
  if (options.sandbox === 'strict') {
    const missing = missingForStrict();
    if (missing.length > 0) {
      throw new GraderError('SANDBOX_UNAVAILABLE', `--sandbox strict refuses to grade without every layer. Missing: ${missing.join('; ')}. Or run with --sandbox auto, which reports the layers it had.`);
    }
  }
  const compiler = options.compiler ?? new Compiler();
  compiler.warmUp();
  const exercise = await loadExercise(options.exercise, options.rubricPath);
  compiler.setTypecheckLimit(exercise.rubric.limits.typecheckMs);
  const backend = selectBackend(options.backend);
  const pool = new RunnerPool({ backend: backend.request, limits: sandboxLimits(exercise) });
  // The first runner loads tfjs while the first submission compiles.
  pool.prepare();
  // Started now, awaited by the first check that needs it: it overlaps with compiling and starting
  // the student's sandbox.
  const reference = getReferenceOutputs(exercise, backend, compiler);
  reference.catch(() => undefined);
  const reports: Report[] = [];
  const skipped: GradeManyResult['skipped'] = [];
  try {
    for (const [index, input] of inputs.entries()) {
      try {
        const report = await gradeSubmission(input, { exercise, backend, compiler, reference, pool, isTypecheckEnabled: options.isTypecheckEnabled ?? true });
        // The next submission's runner starts while this one's report is written.
        if (index + 1 < inputs.length) pool.prepare();
        reports.push(report);
        options.onReport?.(report);
      } catch (error) {
        if (error instanceof GraderError && error.code === 'SUBMISSION_UNREADABLE') {
          skipped.push({ input, error });
          options.onSkip?.(input, error);
          continue;
        }
        throw error;
      }
    }
  } finally {
    pool.dispose();
    compiler.close();
  }
  return { reports, skipped, backend };
}
