/**
 * `npm run bench -- batch`: a generated class graded with --jobs 1 and --jobs 2 in one run.
 * Prints submissions per minute, the speed-up, and the harness's CPU per submission beyond the
 * student code's own run time (all CPU the grader and its children used, minus the time the
 * checks' calls took in the sandbox).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../grader/paths.js';
import type { Report } from '../../grader/report/types.js';
import { median } from './stats.js';

/** A realistic mix: mostly correct or ordinarily wrong, a few hostile. Weights out of 20. */
const MIX: Array<{ fixture: string; weight: number }> = [
  { fixture: 'pass/alternative', weight: 6 },
  { fixture: 'fail/shared-layer', weight: 2 },
  { fixture: 'fail/bias', weight: 2 },
  { fixture: 'fail/cosine-unnormalised', weight: 2 },
  { fixture: 'fail/training-never-steps', weight: 2 },
  { fixture: 'fail/partial', weight: 2 },
  { fixture: 'fail/syntax-error', weight: 1 },
  { fixture: 'hostile/exit-in-function', weight: 1 },
  { fixture: 'hostile/reads-solution', weight: 1 },
  { fixture: 'hostile/output-flood', weight: 1 },
];


/** The class's files, each student's name and source, in the mix above. */
export function makeClassSources(size: number): Array<{ student: string; source: string }> {
  const pool = MIX.flatMap(({ fixture, weight }) => new Array<string>(weight).fill(fixture));
  return Array.from({ length: size }, (_, i) => {
    const source = fs.readFileSync(path.join(PROJECT_ROOT, 'tests', 'fixtures', 'qkv-projection', pool[i % pool.length], 'qkv-projection.ts'), 'utf8');
    // A comment makes every file distinct, as real submissions are.
    return { student: `student-${String(i).padStart(4, '0')}`, source: `${source}\n// submission ${i}\n` };
  });
}

function makeClass(size: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-bench-class-'));
  for (const { student, source } of makeClassSources(size)) {
    fs.mkdirSync(path.join(dir, student));
    fs.writeFileSync(path.join(dir, student, 'qkv-projection.ts'), source);
  }
  return dir;
}

/** CPU of a bare node process that loads tfjs on the backend and nothing else: what running any
 * student's code costs before its first line, with or without a grader. */
function measureBareStart(backend: 'cpu' | 'wasm', runs: number): number {
  const script = [
    "const tf = require('@tensorflow/tfjs');",
    backend === 'wasm' ? "require('@tensorflow/tfjs-backend-wasm');" : '',
    `tf.setBackend('${backend}').then(() => tf.ready()).then(() => { const u = process.cpuUsage(); console.log((u.user + u.system) / 1000); });`,
  ].join('\n');
  const samples = Array.from({ length: runs }, () => {
    const run = spawnSync(process.execPath, ['-e', script], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`the bare start failed: ${run.stderr}`);
    return Number(run.stdout.trim());
  });
  return median(samples);
}

interface JobsResult {
  jobs: number;
  wallMs: number;
  /** Every process: the grader, its compile worker and each sandboxed runner. */
  cpuMs: number;
  compileWorkerMs: number;
  mainMs: number;
  runnersMs: number;
  /** The student's code itself: its module's evaluation and the checks' calls, timed in the sandbox. */
  studentMs: number;
}

function gradeClass(classDir: string, jobs: number, backend: 'cpu' | 'wasm'): JobsResult {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), `autograde-bench-out-${jobs}-`));
  const startedAt = performance.now();
  const run = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'autograde.js'), 'batch', classDir, '--out', out, '--backend', backend, '--jobs', String(jobs), '--quiet'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
  });
  const wallMs = performance.now() - startedAt;
  if (run.status !== 0) throw new Error(`batch --jobs ${jobs} exited ${run.status}: ${run.stderr}`);
  const reports = fs.readdirSync(path.join(out, 'reports')).map((f) => JSON.parse(fs.readFileSync(path.join(out, 'reports', f), 'utf8')) as Report);
  const { timings } = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as { timings: { graderCpuMs: number; compileWorkerCpuMs: number } };
  fs.rmSync(out, { recursive: true, force: true });
  const runnersMs = reports.reduce((sum, r) => sum + r.sandbox.runs.reduce((s, run) => s + run.cpuMs, 0), 0);
  const studentMs = reports.reduce((sum, r) => sum + r.checks.reduce((s, c) => s + c.cpuMs, 0) + r.timings.importMs, 0);
  return {
    jobs,
    wallMs,
    cpuMs: timings.graderCpuMs + runnersMs,
    compileWorkerMs: timings.compileWorkerCpuMs,
    mainMs: timings.graderCpuMs - timings.compileWorkerCpuMs,
    runnersMs,
    studentMs,
  };
}

export function runBatchBench(options: { size: number; backend: 'cpu' | 'wasm' }): void {
  const { size, backend } = options;
  const classDir = makeClass(size);
  const cores = os.availableParallelism();
  console.log(`autograde bench: a class of ${size} (a mix of correct, buggy and hostile), --jobs 1 and --jobs 2`);
  console.log(`node ${process.version}, ${cores} cores, backend ${backend}\n`);
  const bareStartMs = measureBareStart(backend, 9);
  const results = [1, 2].map((jobs) => gradeClass(classDir, jobs, backend));
  fs.rmSync(classDir, { recursive: true, force: true });

  const per = (ms: number): string => `${Math.round(ms / size)} ms`;
  for (const r of results) {
    const harnessMs = r.cpuMs - r.studentMs;
    console.log(`--jobs ${r.jobs}: ${(r.wallMs / 1000).toFixed(1)} s, ${((60_000 * size) / r.wallMs).toFixed(1)} submissions/min, ${(r.cpuMs / r.wallMs).toFixed(2)} cores busy`);
    console.log(`  CPU per submission: ${per(r.cpuMs)} in all; the student code ${per(r.studentMs)}; the harness ${per(harnessMs)}, or ${per(harnessMs - bareStartMs * size)} beyond a bare run (node and tfjs starting: ${Math.round(bareStartMs)} ms)`);
    console.log(`  where the harness's time goes, per submission: grader process ${per(r.mainMs)}, compile worker (compiling, type checking, loading TypeScript) ${per(r.compileWorkerMs)}, sandboxed runners beyond the student code ${per(r.runnersMs - r.studentMs)}`);
  }
  const [one, two] = results;
  const busyAtOne = one.cpuMs / one.wallMs;
  console.log(`\nspeed-up from 1 to 2 jobs: ${(one.wallMs / two.wallMs).toFixed(2)}x (target >= 1.8)`);
  // One job already keeps more than one core busy (V8 compiles and collects on helper threads), so
  // two jobs can gain at most what the cores left over allow.
  console.log(`  ceiling on this machine: ${(Math.min(2, cores) / busyAtOne).toFixed(2)}x (${Math.min(2, cores)} cores / ${busyAtOne.toFixed(2)} busy at --jobs 1)`);
  console.log('harness CPU per submission target: <= 150 ms beyond the student code');
}
