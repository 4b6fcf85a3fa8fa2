/**
 * `autograde batch` graded as a TA would, on LMS exports as they are downloaded: the gradebook
 * holds each student and only students, with the ids the LMS imports by; what each student sees
 * names their file as they handed it in; what the sandbox refused is where staff look; and the
 * progress says what it is doing when it is not on a terminal.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { readGradesCsv } from '../../grader/batch/gradebook.js';
import { PROJECT_ROOT } from '../../grader/paths.js';
import type { Report } from '../../grader/report/types.js';
import { runCli, type CliResult } from '../support/run-cli.js';
import type { BatchSummary } from '../../grader/report/class-summary.js';

const FIXTURES = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'qkv-projection');
const source = (fixture: string): Uint8Array => fs.readFileSync(path.join(FIXTURES, fixture, 'qkv-projection.ts'));
const tmp = (prefix: string): string => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

function writeZip(files: Record<string, Uint8Array>): string {
  const file = path.join(tmp('autograde-lms-zip-'), 'submissions.zip');
  fs.writeFileSync(file, zipSync(files));
  return file;
}

/** Every file under `dir`, as text. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? filesUnder(full) : [fs.readFileSync(full, 'utf8')];
  });
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

describe('a Canvas export as downloaded, macOS leftovers and the LMS\'s own files in it', () => {
  const zip = writeZip({
    '__MACOSX/._lovelaceada_12345_111_qkv-projection.ts': strToU8('\u0000\u0005\u0016\u0007 resource fork'),
    '.DS_Store': strToU8('\u0000\u0000\u0000\u0001Bud1'),
    'index.html': strToU8('<html><body>submissions</body></html>'),
    'grades.csv': strToU8('Student,ID,SIS User ID\n'),
    'lovelaceada_12345_111_qkv-projection.ts': source('fail/syntax-error'),
    'lovelaceada_12345_112_notes.pdf': strToU8('%PDF-1.4'),
    'turingalan_late_23456_222_qkv-projection.ts': source('pass/alternative'),
    'hoppergrace_34567_333_qkv-projection.ts': source('fail/bias'),
    'backusjohn_45678_444_qkv-projection.ts': source('fail/bias'),
    'liskovbarbara_56789_555_answers.pdf': strToU8('%PDF-1.4'),
    'mallory_67890_666_qkv-projection.ts': source('hostile/reads-solution'),
  });
  const out = tmp('autograde-canvas-gradebook-');
  let result: CliResult;

  beforeAll(async () => {
    result = await runCli(['batch', zip, '--out', out, '--backend', 'cpu', '--jobs', '2', '--format', 'html,markdown,text']);
  });

  it('counts only students, with a row each: those graded, and one who handed in only a PDF', () => {
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain('Graded 5 of 6 students (0 from an earlier run, 1 with nothing to grade)');
    const rows = readGradesCsv(fs.readFileSync(path.join(out, 'grades.csv'), 'utf8'));
    expect(rows.map(({ student, score, max_score, status, late }) => [student, score, max_score, status, late])).toEqual([
      ['backusjohn_45678', '29', '32', 'failed', 'false'],
      ['hoppergrace_34567', '29', '32', 'failed', 'false'],
      ['liskovbarbara_56789', '0', '32', 'not-submitted', 'false'],
      ['lovelaceada_12345', '0', '32', 'compile-error', 'false'],
      ['mallory_67890', expect.any(String), '32', 'failed', 'false'],
      ['turingalan_23456', '32', '32', 'passed', 'true'],
    ]);
    const summary = readJson<BatchSummary>(path.join(out, 'summary.json'));
    expect(summary.problems).toEqual([]);
    expect(summary.ungraded).toEqual([expect.objectContaining({ student: 'liskovbarbara_56789', status: 'not-submitted', reason: 'handed in no qkv-projection.ts, only liskovbarbara_56789_555_answers.pdf' })]);
    expect(result.stderr).toContain('autograde: liskovbarbara_56789: not-submitted, 0 points: handed in no qkv-projection.ts, only liskovbarbara_56789_555_answers.pdf\n');
    for (const name of ['__MACOSX', '.DS_Store', 'index.html', 'grades.csv', 'notes.pdf']) expect(result.stderr).not.toContain(name);
  });

  it('carries the ids Canvas imports by: the user id from each file name', () => {
    const rows = readGradesCsv(fs.readFileSync(path.join(out, 'grades.csv'), 'utf8'));
    expect(rows.map(({ student, lms, user_id, email }) => [student, lms, user_id, email])).toEqual([
      ['backusjohn_45678', 'canvas', '45678', ''],
      ['hoppergrace_34567', 'canvas', '34567', ''],
      ['liskovbarbara_56789', 'canvas', '56789', ''],
      ['lovelaceada_12345', 'canvas', '12345', ''],
      ['mallory_67890', 'canvas', '67890', ''],
      ['turingalan_23456', 'canvas', '23456', ''],
    ]);
  });

  it('names each student\'s file as it was handed in, in the report and in every feedback, never the folder the zip went to', () => {
    const report = readJson<Report>(path.join(out, 'reports', 'lovelaceada_12345.json'));
    expect(report.submission).toBe('lovelaceada_12345_111_qkv-projection.ts');
    expect(report.checks[0].message).toMatch(/^Your file does not compile: lovelaceada_12345_111_qkv-projection\.ts:62:45 /);
    expect(report.diagnostics[0].file).toBe('lovelaceada_12345_111_qkv-projection.ts');
    const feedback = fs.readdirSync(path.join(out, 'feedback', 'lovelaceada_12345')).map((name) => fs.readFileSync(path.join(out, 'feedback', 'lovelaceada_12345', name), 'utf8'));
    expect(feedback).toHaveLength(3);
    for (const text of feedback) expect(text).toContain('lovelaceada_12345_111_qkv-projection.ts:62');
    for (const text of [...filesUnder(out), result.stdout, result.stderr]) expect(text).not.toContain('autograde-zip-');
  });

  it('shows the check\'s own most common mistake in summary.html, not the compile error that fails every check', () => {
    const html = fs.readFileSync(path.join(out, 'summary.html'), 'utf8');
    const checks = html.slice(html.indexOf('id="checks"'), html.indexOf('id="students"'));
    expect(checks).not.toContain('does not compile');
    // The two biased projections share one message.
    expect(checks).toMatch(/bias[^<]*<span class="check-note">\(2 students\)<\/span>/i);
  });

  it('puts what the sandbox refused where staff look: grades.csv, summary.json and summary.html', () => {
    const rows = readGradesCsv(fs.readFileSync(path.join(out, 'grades.csv'), 'utf8'));
    const report = readJson<Report>(path.join(out, 'reports', 'mallory_67890.json'));
    expect(report.sandbox.violations.length).toBeGreaterThan(0);
    expect(rows.find((row) => row.student === 'mallory_67890')?.violations).toBe(String(report.sandbox.violations.length));
    expect(rows.filter((row) => row.violations !== '0').map((row) => row.student)).toEqual(['mallory_67890']);
    const summary = readJson<BatchSummary>(path.join(out, 'summary.json'));
    expect(summary.violations).toEqual([
      { student: 'mallory_67890', count: report.sandbox.violations.length, observed: 0, kinds: ['file'], messages: report.sandbox.violations.slice(0, 3).map((v) => `${v.checkId}: ${v.message}`) },
    ]);
    expect(result.stderr).toContain(`autograde: mallory_67890: ${report.sandbox.violations.length} sandbox violation`);
    const html = fs.readFileSync(path.join(out, 'summary.html'), 'utf8');
    const section = html.slice(html.indexOf('<section id="violations">'), html.indexOf('<section id="students">'));
    expect(section).toContain('Sandbox violations (1 student)');
    expect(section).toContain('mallory_67890');
    expect(html.indexOf('<section id="violations">')).toBeLessThan(html.indexOf('<section id="students">'));
  });

  it('says on stderr, not a terminal here, what it is about to do before any student is done', () => {
    const lines = result.stderr.split('\n');
    expect(lines[0]).toBe('Grading 5 students (and 1 student with nothing to grade), 2 at a time.');
    expect(lines.find((line) => line.startsWith('[5/5] '))).toMatch(/^\[5\/5\] [\d.]+\/min, ETA 0s, 4 not passed$/);
  });
});

describe('a Moodle export: a folder per plugin and student', () => {
  it('names the file inside the student\'s folder, carries the participant id, and gives online text alone a row', async () => {
    const zip = writeZip({
      'Ada Lovelace_12_assignsubmission_file_/qkv-projection.ts': source('fail/syntax-error'),
      'Ada Lovelace_12_assignsubmission_onlinetext_/onlinetext.html': strToU8('<p>see file</p>'),
      'Alan Turing_34_assignsubmission_onlinetext_/onlinetext.html': strToU8('<p>I could not get it to run</p>'),
    });
    const out = tmp('autograde-moodle-gradebook-');
    const { exitCode, stdout } = await runCli(['batch', zip, '--out', out, '--backend', 'cpu', '--quiet']);
    expect(exitCode).toBe(0);
    expect(stdout).toContain('Graded 1 of 2 students');
    const rows = readGradesCsv(fs.readFileSync(path.join(out, 'grades.csv'), 'utf8'));
    expect(rows.map(({ student, status, lms, user_id }) => [student, status, lms, user_id])).toEqual([
      ['Ada_Lovelace_12', 'compile-error', 'moodle', '12'],
      ['Alan_Turing_34', 'not-submitted', 'moodle', '34'],
    ]);
    const report = readJson<Report>(path.join(out, 'reports', 'Ada_Lovelace_12.json'));
    expect(report.submission).toBe('Ada Lovelace_12_assignsubmission_file_/qkv-projection.ts');
    expect(report.checks[0].message).toContain('Your file does not compile: Ada Lovelace_12_assignsubmission_file_/qkv-projection.ts:62:45');
  });
});

describe('a Gradescope export', () => {
  it('carries the student ids and emails of submission_metadata.yml', async () => {
    const dir = tmp('autograde-gradescope-ids-');
    const root = path.join(dir, 'assignment_4242_export');
    fs.mkdirSync(path.join(root, 'submission_111'), { recursive: true });
    fs.writeFileSync(path.join(root, 'submission_111', 'qkv-projection.ts'), source('pass/alternative'));
    fs.mkdirSync(path.join(root, 'submission_222'));
    fs.writeFileSync(
      path.join(root, 'submission_metadata.yml'),
      "submission_111:\n  :submitters:\n  - :name: Ada Lovelace\n    :sid: 'A001'\n    :email: ada@example.edu\nsubmission_222:\n  :submitters:\n  - :name: Alan Turing\n    :sid: 'A002'\n    :email: alan@example.edu\n",
    );
    const out = tmp('autograde-gradescope-ids-out-');
    expect((await runCli(['batch', dir, '--out', out, '--backend', 'cpu', '--quiet'])).exitCode).toBe(0);
    const rows = readGradesCsv(fs.readFileSync(path.join(out, 'grades.csv'), 'utf8'));
    expect(rows.map(({ student, status, lms, user_id, email }) => [student, status, lms, user_id, email])).toEqual([
      ['submission_111', 'passed', 'gradescope', 'A001', 'ada@example.edu'],
      ['submission_222', 'not-submitted', 'gradescope', 'A002', 'alan@example.edu'],
    ]);
  });
});
