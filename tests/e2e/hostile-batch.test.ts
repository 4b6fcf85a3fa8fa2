/**
 * A class holding one submission of each kind of attack, beside two correct ones: the batch ends
 * within its limits, the correct students get full marks as if the others were not there, every
 * attack is graded as the student's own failure (never as the grader's), and no report grows
 * past its bound.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readGradesCsv, violationCount } from '../../grader/batch/gradebook.js';
import { MAX_REPORT_BYTES } from '../../grader/report/bound-report.js';
import type { Report } from '../../grader/report/types.js';
import { PROJECT_ROOT, SOLUTIONS_DIR } from '../../grader/paths.js';
import { runCli } from '../support/run-cli.js';
import { writeShortLimitsRubric } from '../support/short-limits-rubric.js';
import type { BatchSummary } from '../../grader/report/class-summary.js';

const FIXTURES = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'qkv-projection');

/** Student → fixture: one of each class of attack, and two correct submissions. */
const ATTACKS: Record<string, string> = {
  'forges-frames': 'hostile/forged-channel',
  'sparse-frame': 'hostile/sparse-frame',
  'huge-values': 'hostile/huge-values',
  'terminal-escapes': 'hostile/terminal-escapes',
  'imitates-tensors': 'hostile/imitates-tensors',
  'fakes-tensor-count': 'hostile/fakes-tensor-count',
  'prints-oom-text': 'hostile/prints-oom-text',
  'patches-globals': 'hostile/patches-globals',
  'hides-tf': 'hostile/hides-tf-in-an-object',
  'reads-solution': 'hostile/reads-solution',
  'infinite-loop': 'hostile/infinite-loop-in-training',
  'heap-growth': 'hostile/heap-growth',
  'output-flood': 'hostile/output-flood',
  'type-bomb': 'hostile/type-bomb',
  'steals-nonce': 'hostile/steals-nonce-floods-grader',
  'hides-violations': 'hostile/hides-violations',
  'hides-leak': 'hostile/hides-leak-from-counts',
  'hides-tensors': 'hostile/hides-tensors-from-counts',
  'parser-stack-overflow': 'hostile/parser-stack-overflow',
  'invisible-text': 'hostile/invisible-text',
  'hard-coded-training': 'hostile/hard-coded-training',
};
const CORRECT: Record<string, string> = { 'ada-lovelace': 'pass/alternative', 'grace-hopper': 'pass/type-error-still-runs' };

describe('a class of attacks and two honest students', () => {
  const classDir = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-hostile-class-'));
  const out = path.join(classDir, 'out');
  let result: Awaited<ReturnType<typeof runCli>>;
  let wallMs = 0;

  beforeAll(async () => {
    for (const [student, fixture] of Object.entries({ ...ATTACKS, ...CORRECT })) {
      fs.mkdirSync(path.join(classDir, student));
      fs.copyFileSync(path.join(FIXTURES, fixture, 'qkv-projection.ts'), path.join(classDir, student, 'qkv-projection.ts'));
    }
    // One who hands in a file of 3 MB, far past what the grader reads (and what the runner could load).
    fs.mkdirSync(path.join(classDir, 'too-large'));
    fs.writeFileSync(path.join(classDir, 'too-large', 'qkv-projection.ts'), `${fs.readFileSync(path.join(FIXTURES, 'pass/alternative', 'qkv-projection.ts'), 'utf8')}\n// ${'\u0001'.repeat(3 * 1024 * 1024)}\n`);
    // And one who hands in a link to the reference solution.
    fs.mkdirSync(path.join(classDir, 'links-the-solution'));
    fs.symlinkSync(path.join(SOLUTIONS_DIR, 'qkv-projection', 'qkv-projection.ts'), path.join(classDir, 'links-the-solution', 'qkv-projection.ts'));
    const startedAt = performance.now();
    result = await runCli(['batch', classDir, '--out', out, '--backend', 'cpu', '--jobs', '2', '--rubric', writeShortLimitsRubric('qkv-projection'), '--quiet']);
    wallMs = performance.now() - startedAt;
  });

  it('finishes, with no fault of the grader', () => {
    expect(result.exitCode, result.stderr).toBe(0);
    // Limits of the short rubric: 8 s import, 10 s a check, 8 s type check; per student with
    // two at a time, plus the slack the fixture test allows.
    const students = Object.keys(ATTACKS).length + Object.keys(CORRECT).length + 1;
    expect(wallMs).toBeLessThan(((8_000 + 8_000 + 2 * 10_000) * students) / 2 + 60_000);
  });

  it('gives the honest students full marks', () => {
    const rows = readGradesCsv(fs.readFileSync(path.join(out, 'grades.csv'), 'utf8'));
    for (const student of Object.keys(CORRECT)) expect(rows.find((row) => row.student === student)).toMatchObject({ score: '32', max_score: '32', status: 'passed' });
  });

  it('grades every attack as the student\'s own failure, within bounds', () => {
    const rows = readGradesCsv(fs.readFileSync(path.join(out, 'grades.csv'), 'utf8'));
    const students = [...Object.keys(ATTACKS), 'too-large'];
    const reports = new Map<string, Report>();
    for (const student of students) {
      const row = rows.find((candidate) => candidate.student === student);
      expect(row, student).toBeDefined();
      expect(row!.status, student).not.toBe('internal-error');
      expect(row!.max_score, student).toBe('32');
      const file = path.join(out, 'reports', `${student}.json`);
      expect(fs.statSync(file).size, student).toBeLessThan(MAX_REPORT_BYTES);
      const report = JSON.parse(fs.readFileSync(file, 'utf8')) as Report;
      expect(report.incomplete, student).toBeUndefined();
      reports.set(student, report);
    }
    // Each attack costs points, but for the steals-nonce and hides-violations files: they are correct
    // but for the attack, which is refused and flagged instead.
    const flaggedInstead = ['steals-nonce', 'hides-violations'];
    for (const student of students.filter((name) => !flaggedInstead.includes(name))) {
      expect(Number(rows.find((row) => row.student === student)!.score), student).toBeLessThan(32);
    }
    for (const student of flaggedInstead) expect(reports.get(student)!.sandbox.violations.length, student).toBeGreaterThan(0);
  });

  it('refuses the link, by name, and grades nothing through it: a row as unreadable, no report', () => {
    expect(result.stderr).toContain('autograde: links-the-solution: unreadable, 0 points: links-the-solution/qkv-projection.ts is a symbolic link');
    const rows = readGradesCsv(fs.readFileSync(path.join(out, 'grades.csv'), 'utf8'));
    expect(rows.find((row) => row.student === 'links-the-solution')).toMatchObject({ score: '0', max_score: '32', status: 'unreadable' });
    expect(fs.existsSync(path.join(out, 'reports', 'links-the-solution.json'))).toBe(false);
  });

  it('puts what the sandbox refused where staff look: a count in grades.csv, and each such student in the summary', () => {
    const rows = readGradesCsv(fs.readFileSync(path.join(out, 'grades.csv'), 'utf8'));
    const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as BatchSummary;
    for (const student of ['reads-solution', 'steals-nonce', 'hides-violations']) {
      const report = JSON.parse(fs.readFileSync(path.join(out, 'reports', `${student}.json`), 'utf8')) as Report;
      expect(Number(rows.find((row) => row.student === student)!.violations), student).toBe(violationCount(report));
      expect(violationCount(report), student).toBeGreaterThan(0);
      expect(summary.violations.find((v) => v.student === student), student).toMatchObject({ count: violationCount(report) });
    }
    expect(rows.find((row) => row.student === 'ada-lovelace')?.violations).toBe('0');
    expect(summary.violations.map((v) => v.student)).not.toContain('ada-lovelace');
    expect(summary.violations.find((v) => v.student === 'reads-solution')?.kinds).toContain('file');
    // The messages kept are as the reports hold them: printable, bounded.
    for (const { messages } of summary.violations) for (const message of messages) expect(message).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(fs.readFileSync(path.join(out, 'summary.html'), 'utf8')).toContain('<section id="violations">');
  });
});
