/** A small report made by hand, for testing what formats reports without grading anything. */
import type { CheckResult, Report } from '../../grader/report/types.js';

export function sampleCheck(overrides: Partial<CheckResult> & Pick<CheckResult, 'id'>): CheckResult {
  return {
    title: `The title of ${overrides.id}`,
    part: overrides.id.split('.')[0],
    status: 'passed',
    score: 1,
    maxScore: 1,
    visibility: 'visible',
    message: 'Passed.',
    durationMs: 3,
    cpuMs: 2,
    ...overrides,
    points: overrides.points ?? overrides.maxScore ?? 1,
  };
}

export function sampleReport(overrides: Partial<Report> = {}): Report {
  return {
    exercise: 'sample',
    submission: 'students/ada/sample.ts',
    status: 'failed',
    score: 2,
    maxScore: 4,
    backend: 'cpu',
    sandbox: { layers: [{ name: 'process', isActive: true, detail: 'a process per submission' }], runs: [], restarts: 0, violations: [] },
    durationMs: 1234,
    timings: { compileMs: 1, typecheckMs: 2, sandboxStartMs: 3, tfjsLoadMs: 4, sandboxWaitMs: 5, importMs: 6, checksMs: 7, referenceMs: 8 },
    graderVersion: '9.9.9',
    submissionHash: 'a'.repeat(64),
    rubricHash: 'b'.repeat(64),
    diagnostics: [],
    checks: [
      sampleCheck({ id: 'shape.ok', score: 1 }),
      sampleCheck({
        id: 'values.close',
        status: 'failed',
        score: 0,
        message: 'The largest absolute difference is 0.245 at index [0, 0] (expected 1, got 0.755).',
        difference: { expectedShape: [2, 2], actualShape: [2, 2], maxAbsDiff: 0.245, at: [0, 0], expectedValue: 1, actualValue: 0.755 },
      }),
      sampleCheck({ id: 'values.later', status: 'skipped', score: 0, message: "It needs 'values.close' to pass first." }),
      sampleCheck({ id: 'values.hidden', visibility: 'hidden', score: 1 }),
    ],
    output: '',
    ...overrides,
  };
}
