/**
 * `autograde batch` on a small class made from the fixtures: grades, reports and summary, students
 * with nothing to grade, entries that are no student's, and resuming after the grader was killed
 * halfway.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../grader/paths.js';
import type { Report } from '../../grader/report/types.js';
import { runCli } from '../support/run-cli.js';
import { writeShortLimitsRubric } from '../support/short-limits-rubric.js';

const FIXTURES = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'qkv-projection');

/** Student folder name → fixture, with the score that fixture earns. */
const CLASS = {
  'ada-lovelace': { fixture: 'pass/alternative', score: 32, status: 'passed' },
  'alan-turing': { fixture: 'fail/shared-layer', score: 28, status: 'failed' },
  'grace-hopper': { fixture: 'fail/bias', score: 29, status: 'failed' },
  'edsger-dijkstra': { fixture: 'hostile/exit-in-function', score: 24, status: 'failed' },
  'barbara-liskov': { fixture: 'fail/syntax-error', score: 0, status: 'compile-error' },
  'john-backus': { fixture: 'fail/training-never-steps', score: 23, status: 'failed' },
} as const;

function makeClass(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-class-'));
  for (const [student, { fixture }] of Object.entries(CLASS)) {
    fs.mkdirSync(path.join(dir, student));
    fs.copyFileSync(path.join(FIXTURES, fixture, 'qkv-projection.ts'), path.join(dir, student, 'qkv-projection.ts'));
  }
  // Someone who handed in exactly what another student did.
  fs.mkdirSync(path.join(dir, 'maria-agnesi'));
  fs.copyFileSync(path.join(FIXTURES, CLASS['ada-lovelace'].fixture, 'qkv-projection.ts'), path.join(dir, 'maria-agnesi', 'qkv-projection.ts'));
  // A student who handed in a bare file, and entries that are not submissions.
  fs.copyFileSync(path.join(PROJECT_ROOT, 'solutions', 'qkv-projection', 'qkv-projection.ts'), path.join(dir, 'katherine-johnson.ts'));
  fs.writeFileSync(path.join(dir, 'empty-student.ts'), '');
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a submission');
  fs.mkdirSync(path.join(dir, 'no-file'));
  return dir;
}

function readCsv(file: string): Array<Record<string, string>> {
  const [header, ...rows] = fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => line.split(','));
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]])));
}

describe('autograde batch', () => {
  const classDir = makeClass();
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-batch-'));
  let result: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    result = await runCli(['batch', classDir, '--out', out, '--backend', 'cpu', '--jobs', '2']);
  });

  it('gives every student a row in grades.csv, graded several at a time, or with why there is nothing to grade', () => {
    expect(result.exitCode).toBe(0);
    const rows = readCsv(path.join(out, 'grades.csv'));
    const expected = {
      ...CLASS,
      'katherine-johnson': { score: 32, status: 'passed' },
      'maria-agnesi': { score: 32, status: 'passed' },
      'empty-student': { score: 0, status: 'empty' },
      'no-file': { score: 0, status: 'not-submitted' },
    };
    expect(rows.map((row) => row.student).sort()).toEqual(Object.keys(expected).sort());
    for (const row of rows) {
      const want = expected[row.student as keyof typeof expected];
      expect({ student: row.student, score: Number(row.score), status: row.status }).toEqual({ student: row.student, score: want.score, status: want.status });
      expect(row.max_score).toBe('32');
      const parts = ['projection', 'manual', 'module', 'similarity', 'training'].reduce((sum, part) => sum + Number(row[part]), 0);
      expect(parts).toBe(want.score);
    }
  });

  it('writes each student\'s report, the same as `grade --format json` gives', () => {
    const report = JSON.parse(fs.readFileSync(path.join(out, 'reports', 'alan-turing.json'), 'utf8')) as Report;
    expect(report).toMatchObject({ exercise: 'qkv-projection', score: 28, status: 'failed', backend: 'cpu' });
    expect(report.checks.find((check) => check.id === 'projection.distinct')?.status).toBe('failed');
    // Named as the class holds it, not by where the grader ran.
    expect(report.submission).toBe('alan-turing/qkv-projection.ts');
    const broken = JSON.parse(fs.readFileSync(path.join(out, 'reports', 'barbara-liskov.json'), 'utf8')) as Report;
    expect(broken.checks[0].message).toMatch(/^Your file does not compile: barbara-liskov\/qkv-projection\.ts:\d+:\d+ /);
    expect(fs.readdirSync(path.join(out, 'reports')).sort()).toEqual(
      [...Object.keys(CLASS), 'katherine-johnson', 'maria-agnesi'].map((student) => `${student}.json`).sort(),
    );
  });

  it('names every student it could not grade, and why, the entry that is no student\'s, and students who handed in the same file', () => {
    expect(result.stderr).toContain('autograde: empty-student: empty, 0 points: empty-student.ts is empty (0 bytes)\n');
    expect(result.stderr).toContain('autograde: no-file: not-submitted, 0 points: no-file/ holds no qkv-projection.ts (it is empty)\n');
    expect(result.stderr).toContain(`autograde: ${classDir}/notes.txt: not counted as a student`);
    expect(result.stderr).toContain('identical files handed in by ada-lovelace, maria-agnesi (all graded)');
    expect(result.stdout).toContain('Graded 8 of 10 students (0 from an earlier run, 2 with nothing to grade)');
    const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(summary.problems.map((p: { entry: string }) => p.entry)).toEqual(['notes.txt']);
    expect(summary.ungraded.map((u: { student: string; status: string }) => [u.student, u.status])).toEqual([['empty-student', 'empty'], ['no-file', 'not-submitted']]);
    expect(summary).toMatchObject({ students: 10, graded: 8, resumed: 0, backend: 'cpu', duplicates: [['ada-lovelace', 'maria-agnesi']] });
    expect(summary.scoreHistogram.reduce((a: number, b: number) => a + b, 0)).toBe(8);
    const distinct = summary.checks.find((check: { id: string }) => check.id === 'projection.distinct');
    // Passed by the six that compile and share no layer, out of eight.
    expect(distinct.passRate).toBeCloseTo(6 / 8, 3);
  });

  it('resumes after being killed halfway, with the same grades as an uninterrupted run', async () => {
    const interrupted = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-batch-killed-'));
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'autograde.js'), 'batch', classDir, '--out', interrupted, '--backend', 'cpu', '--jobs', '1', '--quiet'], {
      cwd: PROJECT_ROOT,
      stdio: 'ignore',
    });
    const reportsDir = path.join(interrupted, 'reports');
    const countReports = (): number => (fs.existsSync(reportsDir) ? fs.readdirSync(reportsDir).filter((f) => f.endsWith('.json')).length : 0);
    while (countReports() < 2) await new Promise((resolve) => setTimeout(resolve, 100));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    const beforeResume = countReports();
    expect(beforeResume).toBeLessThan(8);
    expect(fs.existsSync(path.join(interrupted, 'grades.csv'))).toBe(false);

    const resumed = await runCli(['batch', classDir, '--out', interrupted, '--backend', 'cpu', '--resume', '--quiet']);
    expect(resumed.exitCode).toBe(0);
    const summary = JSON.parse(fs.readFileSync(path.join(interrupted, 'summary.json'), 'utf8'));
    expect(summary.resumed).toBe(beforeResume);
    const grades = (file: string): string[] => readCsv(file).map((row) => `${row.student} ${row.score} ${row.status}`).sort();
    expect(grades(path.join(interrupted, 'grades.csv'))).toEqual(grades(path.join(out, 'grades.csv')));
  });

  it('grades again what changed since, and only that', async () => {
    const again = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-batch-again-'));
    fs.cpSync(out, again, { recursive: true });
    fs.appendFileSync(path.join(classDir, 'grace-hopper', 'qkv-projection.ts'), '\n// resubmitted\n');
    const resumed = await runCli(['batch', classDir, '--out', again, '--backend', 'cpu', '--resume', '--quiet']);
    expect(resumed.exitCode).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(again, 'summary.json'), 'utf8'))).toMatchObject({ students: 10, graded: 8, resumed: 7 });
  });
});

describe('autograde batch with a type-level bomb among the class', () => {
  // Type checks are grouped; the bomb makes its group run out of time or memory, and the worker is restarted while
  // other students' files wait in it. Each of them must still get its own grade and diagnostics.
  it('grades everyone else as if the bomb were not there', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-class-bomb-'));
    const students = { bomber: 'hostile/type-bomb', careful: 'pass/alternative', sloppy: 'pass/type-error-still-runs', biased: 'fail/bias' };
    for (const [student, fixture] of Object.entries(students)) fs.copyFileSync(path.join(FIXTURES, fixture, 'qkv-projection.ts'), path.join(dir, `${student}.ts`));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-batch-bomb-'));
    const result = await runCli(['batch', dir, '--out', out, '--backend', 'cpu', '--jobs', '2', '--quiet', '--rubric', writeShortLimitsRubric()]);
    expect(result.exitCode).toBe(0);
    const report = (student: string): Report => JSON.parse(fs.readFileSync(path.join(out, 'reports', `${student}.json`), 'utf8')) as Report;
    expect(report('bomber')).toMatchObject({ status: 'compile-error', score: 0 });
    // Out of time or of memory, whichever the checker reaches first on this machine.
    expect(report('bomber').diagnostics[0].message).toMatch(/^Type checking (did not finish within 8 s|ran out of memory)/);
    expect(report('careful')).toMatchObject({ status: 'passed', score: 32, diagnostics: [] });
    expect(report('biased')).toMatchObject({ status: 'failed', score: 29 });
    const sloppy = report('sloppy');
    expect(sloppy).toMatchObject({ status: 'passed', score: 32 });
    expect(sloppy.diagnostics.map((d) => d.severity)).toContain('warning');
    for (const student of ['careful', 'sloppy', 'biased']) expect(report(student).checks.map((c) => c.status)).not.toContain('internal-error');
  });
});
