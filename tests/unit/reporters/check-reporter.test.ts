import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { describeOutcome, describeWithheld, renderSelfCheck } from '../../../grader/reporters/check-reporter.js';
import { makeCheck, makeReport } from '../../support/make-report.js';

const plain = pc.createColors(false);
const withheld = { count: 6, points: 8, dependents: [] };

describe('describeWithheld', () => {
  it('says how many hidden checks and points are still to come', () => {
    expect(describeWithheld(withheld)).toBe('6 hidden checks (8 points) are run when you submit.');
    expect(describeWithheld({ count: 1, points: 1, dependents: [] })).toBe('1 hidden check (1 point) is run when you submit.');
    expect(describeWithheld({ count: 2, points: 1.5, dependents: [] })).toBe('2 hidden checks (1.5 points) are run when you submit.');
  });

  it('says nothing when nothing is hidden', () => {
    expect(describeWithheld({ count: 0, points: 0, dependents: [] })).toBe('');
    expect(describeWithheld(undefined)).toBe('');
  });
});

describe('describeOutcome', () => {
  const passing = Array.from({ length: 15 }, (_, index) => makeCheck(`part.check-${index}`));

  it('never calls the work done while hidden checks remain', () => {
    const text = describeOutcome(makeReport(passing, { withheld }));
    expect(text).toBe('All 15 visible checks pass. 6 hidden checks (8 points) are run when you submit.');
  });

  it('counts the visible checks that pass, and their points', () => {
    const checks = [...passing.slice(1), makeCheck('part.wrong', { status: 'failed', maxScore: 2 })];
    expect(describeOutcome(makeReport(checks, { withheld }))).toBe('14 of 15 visible checks pass (14/16 points). 6 hidden checks (8 points) are run when you submit.');
  });

  it('drops "visible" when there is nothing hidden', () => {
    expect(describeOutcome(makeReport(passing, { withheld: { count: 0, points: 0, dependents: [] } }))).toBe('All 15 checks pass.');
  });

  it('says that nothing ran when the file does not compile', () => {
    const checks = passing.map((check) => ({ ...check, status: 'compile-error' as const, score: 0 }));
    expect(describeOutcome(makeReport(checks, { status: 'compile-error', withheld }))).toBe('None of the 15 visible checks could run. 6 hidden checks (8 points) are run when you submit.');
  });
});

describe('renderSelfCheck', () => {
  it('shows each check once, the next step with its line, and what is still to come', () => {
    const todo = makeCheck('projection.shape', {
      title: 'forward() maps a batch',
      status: 'not-implemented',
      message: 'QKVProjection still throws its TODO error "TODO 1: create the layers": implement it to earn these points.',
      location: { file: 'qkv-projection.ts', line: 56, column: 5 },
    });
    const report = makeReport([todo, makeCheck('projection.distinct', { title: 'Q ≠ K', status: 'skipped', message: "It needs 'projection.shape' to pass first." })], { withheld });
    const text = renderSelfCheck(report, { kind: 'check', check: todo, todo: 'TODO 1', functions: ['QKVProjection'] }, plain);
    expect(text).toContain('  ○ forward() maps a batch  (next step, below)\n');
    expect(text).toContain('  - Q ≠ K  (waits for an earlier check)\n');
    expect(text).toContain('Next step: TODO 1 in QKVProjection (part projection)\n');
    expect(text).toContain('    at qkv-projection.ts:56:5\n');
    expect(text.trimEnd().split('\n').at(-1)).toBe('0 of 2 visible checks pass (0/2 points). 6 hidden checks (8 points) are run when you submit.');
    // The prerequisite's id is the grader's business; the student reads titles.
    expect(text).not.toContain("It needs 'projection.shape'");
  });

  it("gives a wrong answer's reason under it, and the line of an error only once", () => {
    const thrown = makeCheck('projection.shape', {
      status: 'error',
      message: 'Your code threw TypeError: x is undefined (at qkv-projection.ts:46:15).',
      location: { file: 'qkv-projection.ts', line: 46, column: 15 },
    });
    const wrong = makeCheck('projection.distinct', { status: 'failed', message: 'wQ and wK are the same layer object.' });
    const report = makeReport([thrown, wrong], { withheld });
    const text = renderSelfCheck(report, { kind: 'check', check: thrown, todo: 'TODO 1', functions: ['QKVProjection'] }, plain);
    expect(text).toContain('      wQ and wK are the same layer object.\n');
    expect(text.split('qkv-projection.ts:46:15')).toHaveLength(2);
  });

  it('shows the compile error first and lists no checks', () => {
    const report = makeReport([makeCheck('projection.shape', { status: 'compile-error', message: 'Your file does not compile' })], {
      status: 'compile-error',
      withheld,
      diagnostics: [{ file: 'qkv-projection.ts', line: 62, column: 45, severity: 'error', message: "')' expected." }],
    });
    const step = { kind: 'compile-error', message: "')' expected.", location: { file: 'qkv-projection.ts', line: 62, column: 45 }, otherErrors: 0 } as const;
    const text = renderSelfCheck(report, step, plain);
    expect(text).toContain('Your file does not compile yet, so no check could run.\n\nNext step: make the file compile\n  qkv-projection.ts:62:45  \')\' expected.\n');
    expect(text).not.toContain('the title of projection.shape');
  });

  it('warns where a check that ran also needs a hidden one when submitted', () => {
    const report = makeReport([makeCheck('projection.after', { title: 'After the hidden one' })], { withheld: { count: 1, points: 2, dependents: ['projection.after'] } });
    const text = renderSelfCheck(report, { kind: 'none' }, plain);
    expect(text).toContain('The one visible check passes. 1 hidden check (2 points) is run when you submit.\nWhen you submit, "After the hidden one" also needs a hidden check to pass.\n');
  });
});
