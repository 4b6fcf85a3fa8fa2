import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readGradesCsv, toGradesCsv, toSummary } from '../../../grader/batch/gradebook.js';
import { NO_IDENTITY } from '../../../grader/batch/lms-names.js';
import { mergeBatches } from '../../../grader/batch/merge.js';
import { sampleReport } from '../../support/sample-report.js';
import type { GradedStudent, Shard, UngradedRow } from '../../../grader/report/class-summary.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'merge-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const INFO = { exercise: 'sample', backend: 'cpu', graderVersion: '9.9.9', wallMs: 10, graderCpuMs: 1, compileWorkerCpuMs: 1 };

/** A batch's --out folder as a shard run writes it: its students' reports, grades.csv and summary.json. */
function writeOutput(name: string, students: string[], shard?: Shard, ungraded: UngradedRow[] = []): string {
  const dir = path.join(root, name);
  const graded: GradedStudent[] = students.map((student) => ({
    student,
    isLate: false,
    identity: { lms: 'canvas', userId: student.length.toString(), email: '' },
    report: sampleReport({ submission: `${student}.ts` }),
    isResumed: false,
    durationMs: 1,
  }));
  fs.mkdirSync(path.join(dir, 'reports'), { recursive: true });
  for (const { student, report } of graded) fs.writeFileSync(path.join(dir, 'reports', `${student}.json`), JSON.stringify(report));
  fs.writeFileSync(path.join(dir, 'grades.csv'), toGradesCsv(graded, ungraded));
  fs.writeFileSync(path.join(dir, 'summary.json'), JSON.stringify(toSummary(graded, ungraded, [], { ...INFO, shard })));
  return dir;
}

const of4 = (index: number): Shard => ({ index, count: 4 });
const shards = [writeOutput('s1', ['ada'], of4(1)), writeOutput('s2', ['bob'], of4(2)), writeOutput('s3', ['cy'], of4(3), [{ student: 'dee', entry: 'dee', status: 'empty', reason: 'dee.ts is empty (0 bytes)', isLate: false, identity: NO_IDENTITY, maxScore: 4 }]), writeOutput('s4', ['eve'], of4(4))];
const out = (name: string): string => path.join(root, 'out', name);

describe('merge', () => {
  it('joins every shard into one gradebook, the students with nothing to grade among them', () => {
    const summary = mergeBatches(shards, out('whole'));
    expect(summary).toMatchObject({ students: 5, graded: 4 });
    expect(summary.shard).toBeUndefined();
    expect(summary.partial).toBeUndefined();
    const rows = readGradesCsv(fs.readFileSync(path.join(out('whole'), 'grades.csv'), 'utf8'));
    expect(rows.map((row) => [row.student, row.status, row.lms, row.user_id])).toEqual([['ada', 'failed', 'canvas', '3'], ['bob', 'failed', 'canvas', '3'], ['cy', 'failed', 'canvas', '2'], ['dee', 'empty', '', ''], ['eve', 'failed', 'canvas', '3']]);
  });

  it('refuses, naming them, shards that are missing', () => {
    expect(() => mergeBatches([shards[0], shards[1], shards[3]], out('missing'))).toThrow(
      'Shard 3/4 is missing (given: 1/4, 2/4, 4/4): the gradebook would lack their students. Add their --out folders, or merge with --allow-partial to join what there is.',
    );
    expect(fs.existsSync(out('missing'))).toBe(false);
  });

  it('joins what there is when told to, and says in the summary which shards are missing', () => {
    const summary = mergeBatches([shards[0], shards[3]], out('partial'), { isPartialAllowed: true });
    expect(summary.partial).toEqual({ count: 4, merged: [1, 4], missing: [2, 3] });
    // The partial gradebook can be completed later, by merging it with the shards it lacks.
    expect(mergeBatches([out('partial'), shards[1], shards[2]], out('completed'))).toMatchObject({ students: 5, graded: 4 });
  });

  it('refuses a shard given twice, whether the same folder or two runs of one shard', () => {
    expect(() => mergeBatches([shards[0], shards[0], shards[1]], out('twice'))).toThrow(`${shards[0]} is given twice`);
    const again = writeOutput('s2-again', ['bob'], of4(2));
    expect(() => mergeBatches([...shards, again], out('twice'))).toThrow(`Shard 2/4 is given twice: in ${shards[1]} and in ${again}. Keep one of them.`);
  });

  it('refuses shards of different counts, and a whole class among shards', () => {
    const ofTwo = writeOutput('half', ['ada', 'bob'], { index: 1, count: 2 });
    expect(() => mergeBatches([shards[0], ofTwo], out('counts'))).toThrow(`${ofTwo} is a shard of 2 parts, ${shards[0]} of 4`);
    const whole = writeOutput('whole-class', ['ada', 'bob', 'cy', 'eve']);
    expect(() => mergeBatches([whole, shards[1]], out('mixed'))).toThrow(`${whole} graded a whole class (no --shard)`);
  });
});
