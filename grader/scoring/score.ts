/** Points and the submission's overall status, from the checks' outcomes and nothing else. */
import type { CheckResult, SubmissionStatus } from '../report/types.js';

export interface Score {
  score: number;
  maxScore: number;
  status: SubmissionStatus;
}

export function scoreChecks(checks: CheckResult[], isCompileError: boolean): Score {
  const maxScore = checks.reduce((sum, check) => sum + check.maxScore, 0);
  const score = checks.reduce((sum, check) => sum + check.score, 0);
  let status: SubmissionStatus;
  if (isCompileError) status = 'compile-error';
  else if (checks.some((check) => check.status === 'internal-error')) status = 'internal-error';
  else status = checks.every((check) => check.status === 'passed') ? 'passed' : 'failed';
  // Rounded so that 0.1 + 0.2 point checks do not print as 0.30000000000000004.
  return { score: Math.round(score * 1000) / 1000, maxScore: Math.round(maxScore * 1000) / 1000, status };
}
