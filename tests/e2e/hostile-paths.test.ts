/**
 * What a submission may not be: a link (to the reference, to any file the grader can read), or a
 * FIFO; and what a class archive may not be: a zip bomb, an archive whose sizes lie, or one holding
 * a link. Each layout is made here, in a temp folder: links cannot be kept in the repository's
 * fixtures on every system.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../grader/paths.js';
import type { Report } from '../../grader/report/types.js';
import { runCli, type CliResult } from '../support/run-cli.js';
import { declareSizes, SYMLINK_ATTRIBUTES, UNIX_HOST } from '../support/zip-archives.js';

const FIXTURES = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'qkv-projection');
const SOLUTION = path.join(PROJECT_ROOT, 'solutions', 'qkv-projection', 'qkv-projection.ts');
const source = (fixture: string): Buffer => fs.readFileSync(path.join(FIXTURES, fixture, 'qkv-projection.ts'));
const MB = 1024 * 1024;

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-hostile-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));
const folder = (name: string): string => fs.mkdtempSync(path.join(temp, `${name}-`));

/** The lines of /etc/passwd, none of which may ever be quoted back. */
const PASSWD_LINES = fs.existsSync('/etc/passwd') ? fs.readFileSync('/etc/passwd', 'utf8').split('\n').filter((line) => line.includes(':')) : [];

/** Every file under `dir`, as text. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? filesUnder(full) : [fs.readFileSync(full, 'utf8')];
  });
}

function expectNoPasswd(texts: string[]): void {
  expect(PASSWD_LINES.length).toBeGreaterThan(0);
  for (const text of texts) {
    expect(text).not.toContain('root:x:0:0');
    for (const line of PASSWD_LINES) expect(text).not.toContain(line);
  }
}

function linkMessage(shown: string, target: string, kind = 'file'): string {
  return `${shown} is a symbolic link (to ${JSON.stringify(target)}); the grader reads no links. Submit the ${kind} itself, not a link.`;
}

describe('grade refuses a submission that is a link', () => {
  it('does not score a link to the reference, as a directory or as the file, and grades the rest (exit 2)', async () => {
    const dir = folder('grade');
    fs.mkdirSync(path.join(dir, 'mallory'));
    fs.symlinkSync(SOLUTION, path.join(dir, 'mallory', 'qkv-projection.ts'));
    fs.mkdirSync(path.join(dir, 'grace'));
    fs.writeFileSync(path.join(dir, 'grace', 'qkv-projection.ts'), source('fail/bias'));
    const { exitCode, stdout, stderr } = await runCli(['grade', path.join(dir, 'mallory'), path.join(dir, 'grace'), path.join(dir, 'mallory', 'qkv-projection.ts'), '--backend', 'cpu', '--format', 'json']);
    expect(exitCode).toBe(2);
    const report = JSON.parse(stdout) as Report;
    expect(report).toMatchObject({ submission: path.relative(PROJECT_ROOT, path.join(dir, 'grace', 'qkv-projection.ts')), score: 29 });
    expect(stderr.trim().split('\n')).toEqual([
      `autograde: ${linkMessage(path.join(dir, 'mallory', 'qkv-projection.ts'), SOLUTION)}`,
      `autograde: ${linkMessage(path.join(dir, 'mallory', 'qkv-projection.ts'), SOLUTION)}`,
    ]);
  });

  it('never reads a file it links to, nor quotes it, in any format', async () => {
    const dir = folder('passwd');
    fs.mkdirSync(path.join(dir, 'eve'));
    fs.symlinkSync('/etc/passwd', path.join(dir, 'eve', 'qkv-projection.ts'));
    const out = folder('passwd-out');
    const written = await runCli(['grade', path.join(dir, 'eve'), '--exercise', 'qkv-projection', '--backend', 'cpu', '--format', 'json,text,gradescope,markdown', '--out', out]);
    const printed = await runCli(['grade', path.join(dir, 'eve', 'qkv-projection.ts'), '--exercise', 'qkv-projection', '--backend', 'cpu', '--format', 'text,github']);
    for (const run of [written, printed]) {
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toContain(linkMessage(path.join(dir, 'eve', 'qkv-projection.ts'), '/etc/passwd'));
    }
    expectNoPasswd([written.stdout, written.stderr, printed.stdout, printed.stderr, ...filesUnder(out)]);
  });

  it.runIf(process.platform !== 'win32')('refuses a FIFO at once instead of waiting for a writer', async () => {
    const dir = folder('fifo');
    execFileSync('mkfifo', [path.join(dir, 'qkv-projection.ts')]);
    const { exitCode, stderr } = await runCli(['grade', dir, '--exercise', 'qkv-projection', '--backend', 'cpu']);
    expect(exitCode).toBe(2);
    expect(stderr).toContain(`${path.relative(PROJECT_ROOT, path.join(dir, 'qkv-projection.ts'))} is not a regular file. Submit the file itself.`);
  });
});

describe('check refuses a link', () => {
  const check = (args: string[], cwd?: string): Promise<CliResult> => runCli(['check', ...args, '--exercise', 'qkv-projection', '--backend', 'cpu'], { cwd });

  it('given its path, or a folder holding it', async () => {
    const dir = folder('check');
    fs.symlinkSync(SOLUTION, path.join(dir, 'qkv-projection.ts'));
    for (const input of [path.join(dir, 'qkv-projection.ts'), dir]) {
      const { exitCode, stdout, stderr } = await check([input]);
      expect(exitCode).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe(`autograde: ${linkMessage(path.join(dir, 'qkv-projection.ts'), SOLUTION)}\n`);
    }
  });

  it('found in the current folder, rather than checking another file', async () => {
    const dir = folder('check-here');
    fs.symlinkSync('/etc/passwd', path.join(dir, 'qkv-projection.ts'));
    fs.mkdirSync(path.join(dir, 'exercises', 'qkv-projection'), { recursive: true });
    fs.copyFileSync(path.join(FIXTURES, 'pass', 'alternative', 'qkv-projection.ts'), path.join(dir, 'exercises', 'qkv-projection', 'qkv-projection.ts'));
    const { exitCode, stdout, stderr } = await check([], dir);
    expect(exitCode).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`autograde: ${linkMessage('./qkv-projection.ts', '/etc/passwd')}\n`);
    expectNoPasswd([stdout, stderr]);
  });
});

describe('batch reports a student who handed in a link, and grades everyone else', () => {
  it('a linked folder, a linked file and a folder whose file is a link: each student a row as unreadable, with the link named', async () => {
    const outside = folder('outside');
    fs.copyFileSync(SOLUTION, path.join(outside, 'qkv-projection.ts'));
    const dir = folder('class');
    fs.mkdirSync(path.join(dir, 'ada'));
    fs.writeFileSync(path.join(dir, 'ada', 'qkv-projection.ts'), source('pass/alternative'));
    fs.writeFileSync(path.join(dir, 'alan.ts'), source('fail/shared-layer'));
    fs.symlinkSync(outside, path.join(dir, 'mallory'));
    fs.symlinkSync(SOLUTION, path.join(dir, 'eve.ts'));
    fs.mkdirSync(path.join(dir, 'oscar'));
    fs.symlinkSync('/etc/passwd', path.join(dir, 'oscar', 'qkv-projection.ts'));
    const out = folder('class-out');

    const { exitCode, stderr } = await runCli(['batch', dir, '--out', out, '--backend', 'cpu', '--quiet', '--format', 'markdown']);
    expect(exitCode).toBe(0);
    const [, ...rows] = fs.readFileSync(path.join(out, 'grades.csv'), 'utf8').trim().split('\n');
    expect(rows.map((row) => row.split(',').slice(0, 5).join(','))).toEqual(['ada,32,32,100,passed', 'alan,28,32,87.5,failed', 'eve,0,32,0,unreadable', 'mallory,0,32,0,unreadable', 'oscar,0,32,0,unreadable']);
    const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as { problems: unknown[]; ungraded: Array<{ student: string; entry: string; reason: string }> };
    expect(summary.problems).toEqual([]);
    expect(summary.ungraded.map(({ student, entry, reason }) => ({ student, entry, reason }))).toEqual([
      { student: 'eve', entry: 'eve.ts', reason: linkMessage('eve.ts', SOLUTION, 'folder or file') },
      { student: 'mallory', entry: 'mallory', reason: linkMessage('mallory', outside, 'folder or file') },
      { student: 'oscar', entry: 'oscar', reason: linkMessage('oscar/qkv-projection.ts', '/etc/passwd') },
    ]);
    for (const { student, reason } of summary.ungraded) expect(stderr).toContain(`autograde: ${student}: unreadable, 0 points: ${reason}\n`);
    expect(fs.readdirSync(path.join(out, 'reports')).sort()).toEqual(['ada.json', 'alan.json']);
    expectNoPasswd([stderr, ...filesUnder(out)]);
  });
});

describe('batch refuses a hostile archive before unpacking it, and leaves nothing behind', () => {
  /** Runs `batch` on `zip` with a temp dir of its own, and says what was left in it. */
  async function batchZip(files: Uint8Array): Promise<CliResult & { zip: string; leftInTemp: string[] }> {
    const zip = path.join(folder('zip'), 'submissions.zip');
    fs.writeFileSync(zip, files);
    const tmpdir = folder('tmpdir');
    const result = await runCli(['batch', zip, '--out', folder('zip-out'), '--backend', 'cpu', '--quiet'], { env: { TMPDIR: tmpdir } });
    return { ...result, zip, leftInTemp: fs.readdirSync(tmpdir) };
  }

  it('a bomb: three entries declaring 700 MB each, in a 1 kB archive', async () => {
    const honest = zipSync({ 'ada/qkv-projection.ts': source('pass/alternative'), 'bomb/a.bin': strToU8('a'), 'bomb/b.bin': strToU8('b'), 'bomb/c.bin': strToU8('c') });
    const { exitCode, stdout, stderr, zip, leftInTemp } = await batchZip(declareSizes(honest, { 'bomb/a.bin': 700 * MB, 'bomb/b.bin': 700 * MB, 'bomb/c.bin': 700 * MB }));
    expect(exitCode).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `autograde: ${zip} declares bomb/a.bin as 700 MB unpacked, more than the 64 MB one entry may have: nothing was unpacked. No submission is that large: take that entry out of the archive and run again.\n`,
    );
    expect(leftInTemp).toEqual([]);
  });

  it('entries each under the cap that together declare more than a class may unpack to', async () => {
    const files = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`s${i}/data.bin`, strToU8('x')]));
    const sizes = Object.fromEntries(Object.keys(files).map((name) => [name, 50 * MB]));
    const { exitCode, stderr, leftInTemp } = await batchZip(declareSizes(zipSync(files), sizes));
    expect(exitCode).toBe(2);
    expect(stderr).toContain('declares 600 MB unpacked in all (the largest entry, s0/data.bin, 50 MB), more than the 512 MB a class may unpack to: nothing was unpacked. Split the class');
    expect(leftInTemp).toEqual([]);
  });

  it('an entry that unpacks to more than it declares is stopped there, and what came before it is removed', async () => {
    // 16 MB of zeros deflate to 16 kB; the directory says 1 kB.
    const zip = zipSync({ 'ada/qkv-projection.ts': source('pass/alternative'), 'zeros/qkv-projection.ts': new Uint8Array(16 * MB) });
    const { exitCode, stderr, zip: file, leftInTemp } = await batchZip(declareSizes(zip, { 'zeros/qkv-projection.ts': 1024 }));
    expect(exitCode).toBe(2);
    expect(stderr).toBe(
      `autograde: ${file} is damaged or crafted: zeros/qkv-projection.ts unpacks to more than the 1024 bytes the archive declares for it. What was unpacked of it has been removed. Download the submissions again.\n`,
    );
    expect(leftInTemp).toEqual([]);
  });

  it('an archive holding a symbolic link', async () => {
    const zip = zipSync({
      'ada/qkv-projection.ts': source('pass/alternative'),
      'mallory/qkv-projection.ts': [strToU8(SOLUTION), { os: UNIX_HOST, attrs: SYMLINK_ATTRIBUTES }],
    });
    const { exitCode, stderr, zip: file, leftInTemp } = await batchZip(zip);
    expect(exitCode).toBe(2);
    expect(stderr).toBe(`autograde: ${file} holds a symbolic link (mallory/qkv-projection.ts): nothing was unpacked. The grader unpacks no links: put the file itself in the archive, not a link.\n`);
    expect(leftInTemp).toEqual([]);
  });
});
