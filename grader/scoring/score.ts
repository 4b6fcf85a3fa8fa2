/**
 * Points, from the checks' outcomes and the rubric, and nothing else. The one rule beyond "a
 * passed check earns its points": a check the grader failed to judge (`internal-error`) is not
 * scored at all. Its points leave the score and the maximum both, so the grader's fault never
 * costs the student, and the report says it is incomplete, so it never passes for a full grade.
 */
import type { CheckResult, CheckStatus, IncompleteReport, SubmissionStatus } from '../report/types.js';

export interface CheckPoints {
  score: number;
  maxScore: number;
}

export function scoreCheck(status: CheckStatus, points: number): CheckPoints {
  if (status === 'internal-error') return { score: 0, maxScore: 0 };
  return { score: status === 'passed' ? points : 0, maxScore: points };
}

export interface Score {
  score: number;
  maxScore: number;
  status: SubmissionStatus;
  /** Present when some checks could not be scored. */
  incomplete?: IncompleteReport;
}

// Rounded so that 0.1 + 0.2 point checks do not print as 0.30000000000000004.
const round = (value: number): number => Math.round(value * 1000) / 1000;

export function scoreChecks(checks: CheckResult[], isCompileError: boolean): Score {
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
  };
}
