import { describe, expect, it } from 'vitest';
import { describeKillRate } from '../../../grader/authoring/render-validation.js';
import { compareRuns, judgeSurvivors, type MutantOutcome, type MutantResult, type RunSummary } from '../../../grader/authoring/validate-exercise.js';

function result(id: string, outcome: MutantOutcome): MutantResult {
  return { mutant: { id, operator: 'change-constant', functionName: 'f', description: 'd', line: 1, diff: '' }, outcome, checksCallingFunction: [] };
}

const survived = (reason: string | null): MutantOutcome => ({ kind: 'survived', score: 3, passedChecks: ['a'], acknowledgement: reason === null ? null : { mutant: '', reason } });
const killed: MutantOutcome = { kind: 'killed', score: 1, maxScore: 3, failedChecks: [{ id: 'a', status: 'failed' }] };

describe('judgeSurvivors', () => {
  it('is a problem for every survivor not acknowledged, and for a mutant the grader failed on', () => {
    const { problems, notes } = judgeSurvivors(
      [result('x@f:000001', survived(null)), result('x@f:000002', survived('equivalent')), result('x@f:000003', killed), result('x@f:000004', { kind: 'grader-error', message: 'a: boom' })],
      new Map([['x@f:000002', { mutant: 'x@f:000002', reason: 'equivalent' }]]),
      new Set(['x@f:000001', 'x@f:000002', 'x@f:000003', 'x@f:000004']),
      'solutions/e/mutants.yaml',
    );
    expect(problems).toEqual([
      '1 surviving mutant is not acknowledged: x@f:000001. For each, add a check that catches it, or acknowledge it with a reason in solutions/e/mutants.yaml.',
      'The grader failed on mutant x@f:000004 (a: boom): a judge must handle any answer.',
    ]);
    expect(notes).toEqual([]);
  });

  it('is a problem to acknowledge no mutant at all, and a note to acknowledge one now caught', () => {
    const acknowledged = new Map([
      ['x@f:aaaaaa', { mutant: 'x@f:aaaaaa', reason: 'gone' }],
      ['x@f:000003', { mutant: 'x@f:000003', reason: 'was equivalent' }],
    ]);
    const { problems, notes } = judgeSurvivors([result('x@f:000003', killed)], acknowledged, new Set(['x@f:000003']), 'm.yaml');
    expect(problems).toEqual(["m.yaml acknowledges x@f:aaaaaa, which is no mutant of the current solution (its code changed?). Remove the entry, or acknowledge the mutant's new id."]);
    expect(notes).toEqual(['x@f:000003 is acknowledged but now caught: its entry in m.yaml can go.']);
  });
});

describe('compareRuns', () => {
  const run = (status: 'passed' | 'failed', message: string): RunSummary => ({ status, score: status === 'passed' ? 1 : 0, maxScore: 1, checks: [{ id: 'a', status, message, durationMs: 1 }], diagnostics: [] });

  it('finds a changed score, status or message between two runs of the same file', () => {
    expect(compareRuns(run('passed', 'ok'), run('passed', 'ok'))).toEqual([]);
    expect(compareRuns(run('passed', 'ok'), run('failed', 'no'))).toEqual(['the score was 1, then 0', 'a was passed, then failed']);
    expect(compareRuns(run('passed', 'loss 0.5'), run('passed', 'loss 0.6'))).toEqual(['a said "loss 0.5", then "loss 0.6"']);
  });
});

describe('describeKillRate', () => {
  it('keeps mutants the compiler caught out of the kill rate, and gives both', () => {
    expect(describeKillRate({ killed: 9, survived: 1, compileErrors: 0, graderErrors: 0 })).toBe('Kill rate: 9 of 10 mutants that compiled (90.0%); none failed to compile');
    expect(describeKillRate({ killed: 9, survived: 1, compileErrors: 2, graderErrors: 0 })).toBe(
      'Kill rate: 9 of 10 mutants that compiled (90.0%); the compiler caught 2 more: 11 of 12 caught (91.7%)',
    );
  });
});
