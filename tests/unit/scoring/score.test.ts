import { describe, expect, it } from 'vitest';
import type { CheckOutcome, CheckStatus } from '../../../grader/report/types.js';
import { scoreCheck, scoreSubmission, type CheckPoints } from '../../../grader/scoring/score.js';

function outcome(id: string, status: CheckStatus, extra: object = {}): CheckOutcome {
  return { id, title: `the title of ${id}`, part: id.split('.')[0], status, message: `${status}.`, durationMs: 3, cpuMs: 2, ...extra } as CheckOutcome;
}

const visible = (points: number): CheckPoints => ({ points, visibility: 'visible' });

describe('scoring', () => {
  it('gives a check its points when it passes and none otherwise', () => {
    expect(scoreCheck(outcome('a.one', 'passed'), visible(2))).toMatchObject({ score: 2, maxScore: 2, points: 2 });
    for (const status of ['failed', 'error', 'timeout', 'memory', 'output-limit', 'not-implemented', 'skipped', 'compile-error'] as const) {
      expect(scoreCheck(outcome('a.one', status), visible(2))).toMatchObject({ status, score: 0, maxScore: 2, points: 2 });
    }
  });

  it("never charges the grader's fault to the student: an internal error is out of the score and the maximum", () => {
    expect(scoreCheck(outcome('a.one', 'internal-error'), visible(2))).toMatchObject({ score: 0, maxScore: 0, points: 2 });
    const points = new Map([['a.one', visible(2)], ['a.two', visible(1)], ['b.one', visible(3)]]);
    const scored = scoreSubmission([outcome('a.one', 'passed'), outcome('a.two', 'failed'), outcome('b.one', 'internal-error')], (id) => points.get(id)!, false);
    expect(scored).toMatchObject({ score: 2, maxScore: 3, status: 'internal-error', incomplete: { checks: ['b.one'], points: 3 } });
  });

  it('calls a report complete, and passed, only when every check passed', () => {
    const points = new Map([['a.one', visible(1)], ['a.two', visible(0.2)], ['a.three', visible(0.1)]]);
    const passed = scoreSubmission([outcome('a.one', 'passed'), outcome('a.two', 'passed'), outcome('a.three', 'passed')], (id) => points.get(id)!, false);
    expect(passed).toMatchObject({ score: 1.3, maxScore: 1.3, status: 'passed' });
    expect(passed.incomplete).toBeUndefined();
    expect(scoreSubmission([outcome('a.one', 'skipped')], () => visible(1), false).status).toBe('failed');
    expect(scoreSubmission([outcome('a.one', 'compile-error')], () => visible(1), true).status).toBe('compile-error');
  });

  it('keeps what each status carries and nothing a caller brought along', () => {
    const difference = { maxAbsDiff: 0.5 };
    const location = { file: 'f.ts', line: 3, column: 1 };
    expect(scoreCheck(outcome('a.one', 'failed', { difference }), visible(1))).toMatchObject({ difference });
    expect(scoreCheck(outcome('a.one', 'error', { location }), visible(1))).toMatchObject({ location });
    // A stale score on the way in (a regraded report) is replaced, and a field the status cannot
    // have (a difference on a timeout) is dropped.
    const stale = { ...outcome('a.one', 'timeout', { difference, location }), score: 5, maxScore: 5 };
    const scored = scoreCheck(stale, visible(1));
    expect(scored).toEqual({ id: 'a.one', title: 'the title of a.one', part: 'a', status: 'timeout', score: 0, maxScore: 1, points: 1, visibility: 'visible', message: 'timeout.', durationMs: 3, cpuMs: 2 });
  });

  it("writes a check's fields in the report's order", () => {
    const scored = scoreCheck(outcome('a.one', 'failed', { difference: { maxAbsDiff: 1 } }), { points: 1, visibility: 'hidden' });
    expect(Object.keys(scored)).toEqual(['id', 'title', 'part', 'status', 'score', 'maxScore', 'points', 'visibility', 'message', 'durationMs', 'cpuMs', 'difference']);
  });
});
