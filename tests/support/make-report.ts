/** Small hand-made reports for reporter tests: only the fields a test cares about need saying. */
import type { CheckResult, NumericDifference, Report, SourceLocation } from '../../grader/report/types.js';

/** Any field of any status, so that a test can also make a check no grading would (a difference on a timeout). */
type CheckFields = Partial<Omit<CheckResult, 'status'>> & { status?: CheckResult['status']; difference?: NumericDifference; location?: SourceLocation };

export function makeCheck(id: string, fields: CheckFields = {}): CheckResult {
  return {
    id,
    title: `the title of ${id}`,
    part: id.split('.')[0],
    status: 'passed',
    score: fields.status === undefined || fields.status === 'passed' ? (fields.maxScore ?? 1) : 0,
    maxScore: 1,
    visibility: 'visible',
    message: 'Passed.',
    durationMs: 0,
    cpuMs: 0,
    ...fields,
    points: fields.points ?? fields.maxScore ?? 1,
  } as CheckResult;
}

export function makeReport(checks: CheckResult[], fields: Partial<Report> = {}): Report {
  const isPassed = checks.every((check) => check.status === 'passed');
  return {
    exercise: 'qkv-projection',
    submission: 'qkv-projection.ts',
    status: isPassed ? 'passed' : 'failed',
    score: checks.reduce((sum, check) => sum + check.score, 0),
    maxScore: checks.reduce((sum, check) => sum + check.maxScore, 0),
    backend: 'cpu',
    sandbox: { layers: [], runs: [], restarts: 0, violations: [] },
    durationMs: 1000,
    timings: { compileMs: 0, typecheckMs: 0, sandboxStartMs: 0, tfjsLoadMs: 0, sandboxWaitMs: 0, importMs: 0, checksMs: 0, referenceMs: 0 },
    graderVersion: '0.0.0',
    submissionHash: '',
    rubricHash: '',
    diagnostics: [],
    checks,
    output: '',
    ...fields,
  };
}
