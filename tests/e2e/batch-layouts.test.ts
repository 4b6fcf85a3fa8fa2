/**
 * `autograde batch` on exports as an LMS hands them out (Canvas and Moodle zips, Gradescope's
 * folder), on a crafted archive, and split into shards joined again with `merge`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../grader/paths.js';
import { runCli } from '../support/run-cli.js';

const FIXTURES = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'qkv-projection');
const source = (fixture: string): Uint8Array => fs.readFileSync(path.join(FIXTURES, fixture, 'qkv-projection.ts'));
const tmp = (prefix: string): string => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

function writeZip(files: Record<string, Uint8Array>): string {
  const file = path.join(tmp('autograde-zip-test-'), 'submissions.zip');
  fs.writeFileSync(file, zipSync(files));
  return file;
}

function grades(out: string): string[] {
  const [, ...rows] = fs.readFileSync(path.join(out, 'grades.csv'), 'utf8').trim().split('\n');
  return rows.map((row) => row.split(',').slice(0, 6).join(',')).sort();
}

describe('batch inputs as LMSs export them', () => {
  it('reads a Canvas zip: student ids from the file names, late submissions marked', async () => {
    const zip = writeZip({
      'lovelaceada_12345_67890_qkv-projection.ts': source('pass/alternative'),
      'turingalan_late_23456_78901_qkv-projection-1.ts': source('fail/shared-layer'),
    });
    const out = tmp('autograde-canvas-');
    const { exitCode } = await runCli(['batch', zip, '--out', out, '--backend', 'cpu', '--quiet']);
    expect(exitCode).toBe(0);
    expect(grades(out)).toEqual(['lovelaceada_12345,32,32,100,passed,false', 'turingalan_23456,28,32,87.5,failed,true']);
  });

  it('reads a Moodle zip of per-student folders', async () => {
    const zip = writeZip({
      'Ada Lovelace_12345_assignsubmission_file_/qkv-projection.ts': source('pass/alternative'),
      'Grace Hopper_34567_assignsubmission_file_/qkv-projection.ts': source('fail/bias'),
    });
    const out = tmp('autograde-moodle-');
    expect((await runCli(['batch', zip, '--out', out, '--backend', 'cpu', '--quiet'])).exitCode).toBe(0);
    expect(grades(out)).toEqual(['Ada_Lovelace_12345,32,32,100,passed,false', 'Grace_Hopper_34567,29,32,90.6,failed,false']);
  });

  it('reads a Gradescope export folder, with its metadata beside the submissions', async () => {
    const dir = tmp('autograde-gradescope-');
    const root = path.join(dir, 'assignment_4242_export');
    for (const [id, fixture] of [['111', 'pass/alternative'], ['222', 'fail/partial']] as const) {
      fs.mkdirSync(path.join(root, `submission_${id}`), { recursive: true });
      fs.writeFileSync(path.join(root, `submission_${id}`, 'qkv-projection.ts'), source(fixture));
    }
    fs.writeFileSync(path.join(root, 'submission_metadata.yml'), 'submission_111: {}\n');
    const out = tmp('autograde-gradescope-out-');
    const { exitCode, stderr } = await runCli(['batch', dir, '--out', out, '--backend', 'cpu', '--quiet']);
    expect(exitCode).toBe(0);
    expect(stderr).toBe('');
    expect(grades(out)).toEqual(['submission_111,32,32,100,passed,false', 'submission_222,12,32,37.5,failed,false']);
  });

  it('refuses an archive whose entries point outside it, and writes nothing there', async () => {
    const zip = writeZip({ '../escaped.ts': source('pass/alternative') });
    const { exitCode, stderr } = await runCli(['batch', zip, '--out', tmp('autograde-slip-'), '--backend', 'cpu', '--quiet']);
    expect(exitCode).toBe(2);
    expect(stderr).toContain('holds an entry outside the archive (../escaped.ts)');
    expect(fs.existsSync(path.join(path.dirname(zip), '..', 'escaped.ts'))).toBe(false);
  });

  it('reports an unreadable zip by name', async () => {
    const file = path.join(tmp('autograde-badzip-'), 'broken.zip');
    fs.writeFileSync(file, 'not a zip at all');
    const { exitCode, stderr } = await runCli(['batch', file, '--out', tmp('autograde-badzip-out-'), '--quiet']);
    expect(exitCode).toBe(2);
    expect(stderr).toContain(`${file} cannot be read as a zip archive`);
  });
});

describe('which exercise a class did', () => {
  it("is told by the names of the class's files when --exercise is not given", async () => {
    const dir = tmp('autograde-attention-class-');
    const fixtures = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'scaled-attention');
    for (const [student, fixture] of [['ada', 'pass/alternative'], ['alan', 'fail/no-scaling']] as const) {
      fs.mkdirSync(path.join(dir, student));
      fs.copyFileSync(path.join(fixtures, fixture, 'scaled-attention.ts'), path.join(dir, student, 'scaled-attention.ts'));
    }
    const out = tmp('autograde-attention-out-');
    const { exitCode, stderr } = await runCli(['batch', dir, '--out', out, '--backend', 'cpu', '--quiet']);
    expect(exitCode).toBe(0);
    expect(stderr).toBe('');
    expect(JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8'))).toMatchObject({ exercise: 'scaled-attention', graded: 2 });
    expect(grades(out)).toEqual(['ada,30,30,100,passed,false', 'alan,22,30,73.3,failed,false']);
  });

  it('asks for --exercise when nothing in the class folder names one', async () => {
    const dir = tmp('autograde-unnamed-class-');
    fs.writeFileSync(path.join(dir, 'ada.ts'), source('pass/alternative'));
    const { exitCode, stderr } = await runCli(['batch', dir, '--out', tmp('autograde-unnamed-out-'), '--backend', 'cpu', '--quiet']);
    expect(exitCode).toBe(2);
    expect(stderr).toContain("none of its files is named like an exercise's file. Say which exercise with --exercise <id>: qkv-projection (qkv-projection.ts), scaled-attention (scaled-attention.ts).");
  });
});

describe('shards', () => {
  it('gives, merged, the same gradebook as the whole class at once', async () => {
    const dir = tmp('autograde-shards-');
    const students = { ada: 'pass/alternative', alan: 'fail/shared-layer', grace: 'fail/bias', john: 'fail/partial', kate: 'pass/alternative' };
    for (const [student, fixture] of Object.entries(students)) {
      fs.mkdirSync(path.join(dir, student));
      fs.writeFileSync(path.join(dir, student, 'qkv-projection.ts'), source(fixture));
    }
    const whole = tmp('autograde-whole-');
    const parts = [tmp('autograde-part1-'), tmp('autograde-part2-')];
    const runs = await Promise.all([
      runCli(['batch', dir, '--out', whole, '--backend', 'cpu', '--quiet', '--jobs', '1']),
      runCli(['batch', dir, '--out', parts[0], '--backend', 'cpu', '--quiet', '--jobs', '1', '--shard', '1/2']),
      runCli(['batch', dir, '--out', parts[1], '--backend', 'cpu', '--quiet', '--jobs', '1', '--shard', '2/2']),
    ]);
    expect(runs.map((run) => run.exitCode)).toEqual([0, 0, 0]);
    expect(grades(parts[0]).length + grades(parts[1]).length).toBe(5);
    expect(grades(parts[0]).filter((row) => grades(parts[1]).includes(row))).toEqual([]);
    const merged = tmp('autograde-merged-');
    const merge = await runCli(['merge', ...parts, '--out', merged]);
    expect(merge.exitCode).toBe(0);
    expect(grades(merged)).toEqual(grades(whole));
    expect(fs.readdirSync(path.join(merged, 'reports')).sort()).toEqual(fs.readdirSync(path.join(whole, 'reports')).sort());
    expect(JSON.parse(fs.readFileSync(path.join(merged, 'summary.json'), 'utf8'))).toMatchObject({ graded: 5, students: 5 });

    // Each shard says which it graded, on stdout and in its summary, which is what merge checks.
    expect(runs[1].stdout).toMatch(/^Graded shard 1\/2: \d of \d students/);
    expect(runs[2].stdout).toMatch(/^Graded shard 2\/2: \d of \d students/);
    expect(runs[0].stdout).toMatch(/^Graded 5 of 5 students/);
    expect(JSON.parse(fs.readFileSync(path.join(parts[1], 'summary.json'), 'utf8')).shard).toEqual({ index: 2, count: 2 });
    const missing = await runCli(['merge', parts[0], '--out', tmp('autograde-merged-missing-')]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('Shard 2/2 is missing (given: 1/2): the gradebook would lack their students. Add their --out folders, or merge with --allow-partial');
    const twice = await runCli(['merge', parts[0], parts[1], parts[0], '--out', tmp('autograde-merged-twice-')]);
    expect(twice.exitCode).toBe(2);
    expect(twice.stderr).toContain(`${parts[0]} is given twice`);
    const partial = tmp('autograde-merged-partial-');
    const allowed = await runCli(['merge', parts[0], '--out', partial, '--allow-partial']);
    expect(allowed.exitCode).toBe(0);
    expect(allowed.stdout).toContain('(partial: shard 2/2 missing)');
    expect(JSON.parse(fs.readFileSync(path.join(partial, 'summary.json'), 'utf8')).partial).toEqual({ count: 2, merged: [1], missing: [2] });
  });

  it('names a bad --shard', async () => {
    const { exitCode, stderr } = await runCli(['batch', tmp('autograde-x-'), '--out', tmp('autograde-y-'), '--shard', '3/2']);
    expect(exitCode).toBe(2);
    expect(stderr).toContain('Expected --shard as i/n with 1 <= i <= n, e.g. 2/4, got `3/2`');
  });
});
