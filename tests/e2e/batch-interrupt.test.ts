/**
 * A batch stopped by a real signal sent to the CLI mid-class, with a student's code looping in a
 * runner: it says how many reports are saved and the command that resumes, leaves no unpacked
 * class, no scratch folder and no runner behind, exits as a shell reports the signal, and the
 * command it printed finishes the class. The looping student costs a check's time limit of CPU
 * each time it is graded, so each run here is as short as what it shows allows.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readGradesCsv } from '../../grader/batch/gradebook.js';
import { PROJECT_ROOT, RUNNER_PATH } from '../../grader/paths.js';
import { runCli } from '../support/run-cli.js';
import { writeShortLimitsRubric } from '../support/short-limits-rubric.js';
import type { BatchSummary } from '../../grader/report/class-summary.js';

const FIXTURES = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'qkv-projection');
const source = (fixture: string): Buffer => fs.readFileSync(path.join(FIXTURES, fixture, 'qkv-projection.ts'));
const tmp = (prefix: string): string => fs.mkdtempSync(path.join(os.tmpdir(), prefix));
/** The looping student is in its runner for a check's whole time limit: 10 s here, as the other tests'. */
const RUBRIC = writeShortLimitsRubric('qkv-projection');
/** Past the progress line's ten seconds, so that it names the looping student while the loop lasts. */
const LONG_RUBRIC = writeShortLimitsRubric('qkv-projection', { importTimeMs: 8000, checkTimeMs: 25_000, typecheckMs: 8000 });

/** Graded in this order with --jobs 1: one quick, then one whose training never returns, then one more. */
const CLASS = { 'a-ada': 'pass/alternative', 'b-loops': 'hostile/infinite-loop-in-training', 'c-grace': 'fail/bias' };

/** Every process below `pid`, from /proc. */
function descendantsOf(pid: number): number[] {
  let children: number[] = [];
  try {
    children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
  return children.flatMap((child) => [child, ...descendantsOf(child)]);
}

/** Whether a process is still running (a zombie waiting to be reaped has ended). */
function isRunning(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

const commandLineOf = (pid: number): string => {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
};

async function until(condition: () => boolean, what: string, limitMs = 60_000): Promise<void> {
  const startedAt = Date.now();
  while (!condition()) {
    if (Date.now() - startedAt > limitMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Stopped {
  exitCode: number | null;
  stderr: string;
  /** Processes below the CLI when the signal was sent, and those of them still running after it exited. */
  before: number[];
  survivors: number[];
  /** What is left in the TMPDIR the CLI had to itself. */
  leftInTemp: string[];
}

/**
 * Starts `batch` with a TMPDIR of its own, waits until `isReady` says (given what it printed and the
 * reports saved) that it is mid-class with the looping student in a runner, then sends `signal`.
 */
async function stopMidClass(args: string[], signal: NodeJS.Signals, isReady: (stderr: string, saved: number) => boolean): Promise<Stopped> {
  const tmpdir = tmp('autograde-stopped-tmp-');
  const out = args[args.indexOf('--out') + 1];
  const child: ChildProcess = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'autograde.js'), ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NO_COLOR: '1', TMPDIR: tmpdir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdout!.resume();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const saved = (): number => (fs.existsSync(path.join(out, 'reports')) ? fs.readdirSync(path.join(out, 'reports')).filter((f) => f.endsWith('.json')).length : 0);
  const runners = (): number[] => descendantsOf(child.pid!).filter((pid) => commandLineOf(pid).includes(RUNNER_PATH));
  await until(() => isReady(stderr, saved()) && runners().length > 0, 'the batch to be mid-class');
  // The looping student's runner is the one in flight: give it time to enter the loop.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const before = descendantsOf(child.pid!);
  expect(before.filter((pid) => commandLineOf(pid).includes(RUNNER_PATH)).length).toBeGreaterThan(0);
  child.kill(signal);
  const exitCode = await exited;
  // A process killed just now may take a moment to be reaped.
  await until(() => before.every((pid) => !isRunning(pid)), 'the runners to end', 5_000).catch(() => undefined);
  return { exitCode, stderr, before, survivors: before.filter(isRunning), leftInTemp: fs.readdirSync(tmpdir) };
}

/** The command the batch said resumes it, run as printed (its words hold no quotes here). */
async function runResumeCommand(stderr: string): Promise<Awaited<ReturnType<typeof runCli>>> {
  const line = stderr.split('\n').find((l) => l.startsWith('  npx autograde batch '));
  expect(line, stderr).toBeDefined();
  const words = line!.trim().split(' ');
  expect(words.slice(0, 2)).toEqual(['npx', 'autograde']);
  return runCli(words.slice(2));
}

describe('a batch stopped mid-class', () => {
  it('on Ctrl-C (SIGINT): exits 130, says what is saved and how to resume, removes the unpacked zip and every runner', async () => {
    const zip = path.join(tmp('autograde-stopped-zip-'), 'class.zip');
    fs.writeFileSync(zip, zipSync(Object.fromEntries(Object.entries(CLASS).map(([student, fixture]) => [`${student}/qkv-projection.ts`, source(fixture)]))));
    const out = tmp('autograde-stopped-zip-out-');
    const args = ['batch', zip, '--out', out, '--backend', 'cpu', '--jobs', '1', '--rubric', RUBRIC, '--quiet'];
    const stopped = await stopMidClass(args, 'SIGINT', (_stderr, saved) => saved >= 1);

    expect(stopped.exitCode).toBe(130);
    expect(stopped.stderr).toContain(`autograde: stopped by SIGINT: the reports of 1 of 3 students are saved in ${out}/reports/`);
    expect(stopped.stderr).toContain(`\n  npx autograde ${args.join(' ')} --resume\n`);
    expect(stopped.survivors).toEqual([]);
    // Neither the class unpacked from the zip, nor any runner's scratch folder.
    expect(stopped.leftInTemp).toEqual([]);
    expect(fs.existsSync(path.join(out, 'grades.csv'))).toBe(false);

    const resumed = await runResumeCommand(stopped.stderr);
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as BatchSummary;
    expect(summary).toMatchObject({ students: 3, graded: 3, resumed: 1 });
    const rows = readGradesCsv(fs.readFileSync(path.join(out, 'grades.csv'), 'utf8'));
    expect(rows.map((row) => [row.student, row.status])).toEqual([['a-ada', 'passed'], ['b-loops', 'failed'], ['c-grace', 'failed']]);
  });

  it('on SIGTERM: exits 143, after its progress named the student grading longest', async () => {
    const dir = tmp('autograde-stopped-class-');
    for (const [student, fixture] of Object.entries(CLASS)) fs.writeFileSync(path.join(dir, `${student}.ts`), source(fixture));
    const out = tmp('autograde-stopped-out-');
    const args = ['batch', dir, '--out', out, '--backend', 'cpu', '--jobs', '1', '--rubric', LONG_RUBRIC];
    const stopped = await stopMidClass(args, 'SIGTERM', (stderr) => stderr.includes('slowest in flight: b-loops'));

    expect(stopped.exitCode).toBe(143);
    const lines = stopped.stderr.split('\n');
    expect(lines[0]).toBe('Grading 3 students, 1 at a time.');
    expect(lines.find((line) => line.includes('slowest in flight'))).toMatch(/^\[1\/3\] [\d.]+\/min, ETA \S+, 0 not passed, slowest in flight: b-loops \((\d+m)?\d+s\)$/);
    expect(stopped.stderr).toContain(`autograde: stopped by SIGTERM: the reports of 1 of 3 students are saved in ${out}/reports/`);
    expect(stopped.stderr).toContain(`\n  npx autograde ${args.join(' ')} --resume\n`);
    expect(stopped.survivors).toEqual([]);
    expect(stopped.leftInTemp).toEqual([]);
    expect(fs.readdirSync(path.join(out, 'reports'))).toEqual(['a-ada.json']);
  });
});
