import { describe, expect, it } from 'vitest';
import { readGradesCsv, toGradesCsv, toSummary, violationCount } from '../../../grader/batch/gradebook.js';
import { NO_IDENTITY } from '../../../grader/batch/lms-names.js';
import type { Report, SandboxViolation } from '../../../grader/report/types.js';
import { sampleCheck, sampleReport } from '../../support/sample-report.js';
import type { GradedStudent, UngradedRow } from '../../../grader/report/class-summary.js';

function student(id: string, isLate: boolean, score: number, isIncomplete = false): GradedStudent {
  const report = {
    score,
    maxScore: isIncomplete ? 2 : 3,
    status: isIncomplete ? 'internal-error' : score === 3 ? 'passed' : 'failed',
    sandbox: { layers: [], runs: [], restarts: 0, violations: [] },
    checks: [
      { id: 'a.one', part: 'a', score: Math.min(score, 2), maxScore: 2 },
      isIncomplete ? { id: 'b.one', part: 'b', score: 0, maxScore: 0, status: 'internal-error' } : { id: 'b.one', part: 'b', score: Math.max(0, score - 2), maxScore: 1 },
    ],
    ...(isIncomplete ? { incomplete: { checks: ['b.one'], points: 1 } } : {}),
  } as unknown as Report;
  return { student: id, isLate, identity: NO_IDENTITY, report, isResumed: false, durationMs: 1 };
}

const HEADER = 'student,score,max_score,percent,status,late,incomplete,violations,lms,user_id,email';

function ungraded(id: string, status: UngradedRow['status'], overrides: Partial<UngradedRow> = {}): UngradedRow {
  return { student: id, entry: id, status, reason: `${id} has no file`, isLate: false, identity: NO_IDENTITY, maxScore: 3, ...overrides };
}

function violation(overrides: Partial<SandboxViolation> = {}): SandboxViolation {
  return { checkId: 'a.one', kind: 'file', message: 'read /etc/passwd', source: 'reported', ...overrides };
}

describe('grades.csv', () => {
  it('has a row per student with the points of each part', () => {
    expect(toGradesCsv([student('ada', false, 3), student('alan', true, 1)])).toBe(
      `${HEADER},a,b\nada,3,3,100,passed,false,0,0,,,,2,1\nalan,1,3,33.3,failed,true,0,0,,,,1,0\n`,
    );
  });

  it('flags a grade the grader could not finish: the unscored checks counted, their points out of max_score', () => {
    expect(toGradesCsv([student('ada', false, 2, true)])).toBe(`${HEADER},a,b\nada,2,2,100,internal-error,false,1,0,,,,2,0\n`);
  });

  it('gives every student the class names a row: those with nothing to grade get their status and 0 of the maximum, in id order', () => {
    const csv = toGradesCsv([student('bob', false, 3)], [ungraded('ada', 'not-submitted'), ungraded('cy', 'empty', { isLate: true }), ungraded('eve', 'unreadable')]);
    expect(csv).toBe(
      `${HEADER},a,b\n` +
        'ada,0,3,0,not-submitted,false,0,0,,,,0,0\n' +
        'bob,3,3,100,passed,false,0,0,,,,2,1\n' +
        'cy,0,3,0,empty,true,0,0,,,,0,0\n' +
        'eve,0,3,0,unreadable,false,0,0,,,,0,0\n',
    );
  });

  it('carries the LMS and the ids it gives, for the import', () => {
    const canvas = { ...student('lovelaceada_12345', false, 3), identity: { lms: 'canvas' as const, userId: '12345', email: '' } };
    const group = ungraded('submission_7', 'not-submitted', { identity: { lms: 'gradescope', userId: 'S1;S2', email: 'a@x.edu;b@x.edu' } });
    expect(readGradesCsv(toGradesCsv([canvas], [group])).map(({ student: id, lms, user_id, email }) => ({ id, lms, user_id, email }))).toEqual([
      { id: 'lovelaceada_12345', lms: 'canvas', user_id: '12345', email: '' },
      { id: 'submission_7', lms: 'gradescope', user_id: 'S1;S2', email: 'a@x.edu;b@x.edu' },
    ]);
  });

  it('counts the sandbox violations, a line standing for those not listed as many as it says', () => {
    const graded = student('mallory', false, 1);
    graded.report.sandbox.violations.push(violation(), violation({ kind: 'process', message: 'spawn' }), violation({ checkId: null, message: 'and 5 more file violations, not listed', source: 'observed', count: 5 }));
    expect(violationCount(graded.report)).toBe(7);
    expect(readGradesCsv(toGradesCsv([graded, student('ada', false, 3)])).map((row) => [row.student, row.violations])).toEqual([['ada', '0'], ['mallory', '7']]);
  });

  it('reads back what it writes, quoted fields included', () => {
    const csv = toGradesCsv([student('o"brien,jr', true, 2), student('ada', false, 3)]);
    expect(csv).toContain('"o""brien,jr"');
    const fields = { incomplete: '0', violations: '0', lms: '', user_id: '', email: '' };
    expect(readGradesCsv(csv)).toEqual([
      { student: 'ada', score: '3', max_score: '3', percent: '100', status: 'passed', late: 'false', ...fields, a: '2', b: '1' },
      { student: 'o"brien,jr', score: '2', max_score: '3', percent: '66.7', status: 'failed', late: 'true', ...fields, a: '2', b: '0' },
    ]);
  });
});

describe('summary.json', () => {
  const INFO = { exercise: 'sample', backend: 'cpu', graderVersion: '9.9.9', wallMs: 1, graderCpuMs: 1, compileWorkerCpuMs: 1 };

  it('counts only students: those graded and those with nothing to grade, not the entries that are no one\'s', () => {
    const summary = toSummary([student('bob', false, 3)], [ungraded('ada', 'empty')], [{ entry: 'notes.txt', message: 'not counted' }], INFO);
    expect(summary).toMatchObject({ students: 2, graded: 1, ungraded: [expect.objectContaining({ student: 'ada', status: 'empty' })], problems: [{ entry: 'notes.txt' }] });
    expect(summary.statuses).toEqual({ passed: 1, empty: 1 });
  });

  it('names each student whose code the sandbox refused something: count, what was observed, kinds and the first messages', () => {
    const report = sampleReport({
      sandbox: {
        layers: [],
        runs: [],
        restarts: 0,
        violations: [
          violation({ message: 'read solutions/qkv-projection.ts' }),
          violation({ checkId: 'b.two', kind: 'network', message: 'connect 1.1.1.1' }),
          violation({ checkId: 'b.two', kind: 'channel', message: 'a forged frame', source: 'observed' }),
          violation({ message: 'read /etc/passwd' }),
        ],
      },
    });
    const mallory: GradedStudent = { student: 'mallory', isLate: false, identity: NO_IDENTITY, report, isResumed: false, durationMs: 1 };
    const summary = toSummary([mallory, student('ada', false, 3)], [], [], INFO);
    expect(summary.violations).toEqual([
      {
        student: 'mallory',
        count: 4,
        observed: 1,
        kinds: ['channel', 'file', 'network'],
        messages: ['a.one: read solutions/qkv-projection.ts', 'b.two: connect 1.1.1.1', 'b.two: a forged frame'],
      },
    ]);
  });

  it('says which shard it graded', () => {
    expect(toSummary([], [], [], { ...INFO, shard: { index: 2, count: 4 } }).shard).toEqual({ index: 2, count: 4 });
    expect(toSummary([], [], [], INFO).shard).toBeUndefined();
  });

  it('draws its per-check pass rate from the reports', () => {
    const checks = [sampleCheck({ id: 'a.one' }), sampleCheck({ id: 'a.two', status: 'failed', score: 0 })];
    const one: GradedStudent = { student: 'one', isLate: false, identity: NO_IDENTITY, report: sampleReport({ checks }), isResumed: false, durationMs: 1 };
    expect(toSummary([one], [], [], INFO).checks.map((c) => [c.id, c.passRate])).toEqual([['a.one', 1], ['a.two', 0]]);
  });
});
