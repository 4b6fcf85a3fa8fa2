/**
 * Points, from the checks' outcomes and the rubric, and nothing else: the one place a score is
 * decided. The one rule beyond "a passed check earns its points": a check the grader failed to
 * judge (`internal-error`) is not scored at all. Its points leave the score and the maximum both,
 * so the grader's fault never costs the student, and the report says it is incomplete, so it
 * never passes for a full grade.
 */
import type { CheckOutcome, CheckResult, IncompleteReport, SubmissionStatus, Visibility } from '../report/types.js';

/** What the rubric says of one check, as far as its score goes. */
export interface CheckPoints {
  points: number;
  visibility: Visibility;
}

export interface Score {
  score: number;
  maxScore: number;
  status: SubmissionStatus;
  /** Present when some checks could not be scored. */
  incomplete?: IncompleteReport;
}

export interface ScoredSubmission extends Score {
  checks: CheckResult[];
}

// Rounded so that 0.1 + 0.2 point checks do not print as 0.30000000000000004.
const round = (value: number): number => Math.round(value * 1000) / 1000;

/** One check's outcome with its points: all of them for a pass, none otherwise, out of the maximum for a grader fault. */
export function scoreCheck(outcome: CheckOutcome, { points, visibility }: CheckPoints): CheckResult {
  const isUnscored = outcome.status === 'internal-error';
  // Built field by field, in the report's order, so that nothing a caller carried along (an
  // earlier score) survives into the result.
  const scored = {
    id: outcome.id,
    title: outcome.title,
    part: outcome.part,
    status: outcome.status,
    score: outcome.status === 'passed' ? points : 0,
    maxScore: isUnscored ? 0 : points,
    points,
    visibility,
    message: outcome.message,
    durationMs: outcome.durationMs,
    cpuMs: outcome.cpuMs,
    ...(outcome.status === 'failed' && outcome.difference ? { difference: outcome.difference } : {}),
    ...((outcome.status === 'error' || outcome.status === 'not-implemented') && outcome.location ? { location: outcome.location } : {}),
  };
  return scored as CheckResult;
}

/**
 * The submission's score and status from its checks' outcomes. `isCompileError`: the file was
 * refused before anything ran (it does not compile, or its types could not be checked).
 */
export function scoreSubmission(outcomes: readonly CheckOutcome[], pointsOf: (checkId: string) => CheckPoints, isCompileError: boolean): ScoredSubmission {
  const checks = outcomes.map((outcome) => scoreCheck(outcome, pointsOf(outcome.id)));
  const maxScore = checks.reduce((sum, check) => sum + check.maxScore, 0);
  const score = checks.reduce((sum, check) => sum + check.score, 0);
  const unscored = checks.filter((check) => check.status === 'internal-error');
  let status: SubmissionStatus;
  if (isCompileError) status = 'compile-error';
  else if (unscored.length > 0) status = 'internal-error';
  else status = checks.every((check) => check.status === 'passed') ? 'passed' : 'failed';
  return {
    score: round(score),
    maxScore: round(maxScore),
    status,
    ...(unscored.length > 0 ? { incomplete: { checks: unscored.map((check) => check.id), points: round(unscored.reduce((sum, check) => sum + check.points, 0)) } } : {}),
    checks,
  };
}
