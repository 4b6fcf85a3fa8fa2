import { describe, expect, it } from 'vitest';
import { scoreCheck, scoreChecks } from '../../../grader/scoring/score.js';
import { makeCheck } from '../../support/make-report.js';

describe('scoring', () => {
  it('gives a check its points when it passes and none otherwise', () => {
    expect(scoreCheck('passed', 2)).toEqual({ score: 2, maxScore: 2 });
    for (const status of ['failed', 'error', 'timeout', 'memory', 'output-limit', 'not-implemented', 'skipped', 'compile-error'] as const) {
      expect(scoreCheck(status, 2)).toEqual({ score: 0, maxScore: 2 });
    }
  });

  it('never charges the grader\'s fault to the student: an internal error is out of the score and the maximum', () => {
    expect(scoreCheck('internal-error', 2)).toEqual({ score: 0, maxScore: 0 });
    const checks = [
      makeCheck('a.one', { status: 'passed', score: 2, maxScore: 2, points: 2 }),
      makeCheck('a.two', { status: 'failed', score: 0, maxScore: 1, points: 1 }),
      makeCheck('b.one', { status: 'internal-error', score: 0, maxScore: 0, points: 3 }),
    ];
    expect(scoreChecks(checks, false)).toEqual({ score: 2, maxScore: 3, status: 'internal-error', incomplete: { checks: ['b.one'], points: 3 } });
  });

  it('calls a report complete, and passed, only when every check passed', () => {
    const passed = [makeCheck('a.one', { points: 1 }), makeCheck('a.two', { points: 0.2, maxScore: 0.2, score: 0.2 }), makeCheck('a.three', { points: 0.1, maxScore: 0.1, score: 0.1 })];
    expect(scoreChecks(passed, false)).toEqual({ score: 1.3, maxScore: 1.3, status: 'passed' });
    expect(scoreChecks([makeCheck('a.one', { status: 'skipped', score: 0 })], false).status).toBe('failed');
    expect(scoreChecks([makeCheck('a.one', { status: 'compile-error', score: 0 })], true).status).toBe('compile-error');
  });
});
