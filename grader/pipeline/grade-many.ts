/** `grade`: one or more submissions, one after another, reported in the order given. */
import type { SelectedBackend } from '../backend/select-backend.js';
import { GraderError } from '../errors.js';
import type { Report } from '../report/types.js';
import { openGradingSession, type GradingSessionOptions } from './grading-session.js';

export interface GradeManyOptions extends GradingSessionOptions {
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
  const session = await openGradingSession(options);
  const reports: Report[] = [];
  const skipped: GradeManyResult['skipped'] = [];
  try {
    session.plan(inputs);
    for (const [index, input] of inputs.entries()) {
      try {
        const report = await session.grade(input, index + 1 < inputs.length);
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
    session.close();
  }
  return { reports, skipped, backend: session.backend };
}
