import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../grader/report/types.js';
import { differenceLines, groupLostChecks, locateInSubmission, toPrintable } from '../../../grader/reporters/report-summary.js';
import { makeCheck } from '../../support/make-report.js';
import { loadReport } from '../../support/report-fixtures.js';

function check(overrides: Parameters<typeof makeCheck>[1]): CheckResult {
  return makeCheck('a.b', { title: 'T', status: 'failed', score: 0, message: 'm', ...overrides });
}

describe('report summary', () => {
  it('tells a difference as expected against actual, leaving out what is unknown', () => {
    expect(differenceLines({ expectedShape: [2, 5, 3], actualShape: [2, 5, 4], at: [0, 2, 0], expectedValue: 2.4242539405822754, actualValue: -1.6038479804992676, maxAbsDiff: 4.028101921081543, hasNaN: false })).toEqual([
      'shape: expected [2, 5, 3], got [2, 5, 4]',
      'value at [0, 2, 0]: expected 2.42425, got -1.60385',
      'largest absolute difference: 4.0281',
    ]);
    expect(differenceLines({ at: [4, 4], actualValue: Number.NaN, hasNaN: true })).toEqual(['value at [4, 4]: got NaN', 'the result contains NaN']);
  });

  it('groups the checks that lost points by what went wrong, and tells a compile error by its diagnostics', () => {
    const partial = groupLostChecks(loadReport('fail/partial'));
    expect(partial.map((group) => group.checks.length)).toEqual([2, 6, 1, 6]);
    expect(groupLostChecks(loadReport('fail/syntax-error'))).toEqual([]);
    expect(groupLostChecks(loadReport('pass/alternative'))).toEqual([]);
  });

  it("finds the line a check's stack trace names in the submission, else the first", () => {
    const file = 'tests/fixtures/x/qkv-projection.ts';
    expect(locateInSubmission(check({ message: `Your code threw TypeError: x (at ${file}:46:15).` }), file)).toEqual({ line: 46, column: 15 });
    expect(locateInSubmission(check({ message: 'Your code threw TypeError: x (at other.ts:46:15).' }), file)).toEqual({ line: 1 });
  });

  it('prefers the location the grader gave the check, when it is in the submission', () => {
    const file = 'tests/fixtures/x/qkv-projection.ts';
    const located = check({ status: 'not-implemented', message: `still throws its TODO error (at ${file}:46:15).`, location: { file, line: 56, column: 5 } });
    expect(locateInSubmission(located, file)).toEqual({ line: 56, column: 5 });
    expect(locateInSubmission(check({ status: 'not-implemented', message: located.message, location: { file: 'elsewhere.ts', line: 9, column: 1 } }), file)).toEqual({ line: 46, column: 15 });
  });

  it('makes printed text safe to show: colours dropped, control characters replaced', () => {
    expect(toPrintable('\x1b[32mok\x1b[0m\r\nnext\x07\ttab')).toBe('ok\nnext\uFFFD\ttab');
  });
});
