/**
 * Grading one or more submissions in one grader run: the exercise, the backend, the reference
 * outputs and the type-check worker are set up once and shared.
 */
import { selectBackend, type BackendChoice, type SelectedBackend } from '../backend/select-backend.js';
import { TypeChecker } from '../compile/typecheck.js';
import { GraderError } from '../errors.js';
import { loadExercise } from '../exercise/load-exercise.js';
import { getReferenceOutputs } from '../reference/reference-outputs.js';
import type { Report } from '../report/types.js';
import { gradeSubmission } from './grade-submission.js';

export interface GradeManyOptions {
  exercise: string;
  backend: BackendChoice;
  rubricPath?: string;
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
  const exercise = await loadExercise(options.exercise, options.rubricPath);
  const backend = selectBackend(options.backend);
  const typeChecker = new TypeChecker(exercise.rubric.limits.typecheckMs);
  typeChecker.warmUp();
  // Started now, awaited by the first check that needs it: it overlaps with compiling and starting
  // the student's sandbox.
  const reference = getReferenceOutputs(exercise, backend);
  reference.catch(() => undefined);
  const reports: Report[] = [];
  const skipped: GradeManyResult['skipped'] = [];
  try {
    for (const input of inputs) {
      try {
        const report = await gradeSubmission(input, { exercise, backend, typeChecker, reference });
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
    typeChecker.close();
  }
  return { reports, skipped, backend };
}
