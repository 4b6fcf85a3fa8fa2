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


function makeClass(size: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-bench-class-'));
  const pool = MIX.flatMap(({ fixture, weight }) => new Array<string>(weight).fill(fixture));
  for (let i = 0; i < size; i++) {
    const fixture = pool[i % pool.length];
    const student = path.join(dir, `student-${String(i).padStart(4, '0')}`);
    fs.mkdirSync(student);
    // A comment makes every file distinct, as real submissions are.
    const source = fs.readFileSync(path.join(PROJECT_ROOT, 'tests', 'fixtures', 'qkv-projection', fixture, 'qkv-projection.ts'), 'utf8');
    fs.writeFileSync(path.join(student, 'qkv-projection.ts'), `${source}\n// submission ${i}\n`);
  }
  return dir;
}

export function runBatchBench(options: { size: number; backend: 'cpu' | 'wasm' }): void {
  const classDir = makeClass(options.size);
  console.log(`autograde bench: a class of ${options.size} (a mix of correct, buggy and hostile), --jobs 1 and --jobs 2`);
  console.log(`node ${process.version}, ${os.cpus().length} cores, backend ${options.backend}\n`);
  const results: Array<{ jobs: number; wallMs: number; cpuMs: number; studentMs: number }> = [];
  for (const jobs of [1, 2]) {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), `autograde-bench-out-${jobs}-`));
    const startedAt = performance.now();
    const run = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'autograde.js'), 'batch', classDir, '--out', out, '--backend', options.backend, '--jobs', String(jobs), '--quiet'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    });
    const wallMs = performance.now() - startedAt;
    if (run.status !== 0) throw new Error(`batch --jobs ${jobs} exited ${run.status}: ${run.stderr}`);
    const reports = fs.readdirSync(path.join(out, 'reports')).map((f) => JSON.parse(fs.readFileSync(path.join(out, 'reports', f), 'utf8')) as Report);
    const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as { timings: { graderCpuMs: number } };
    // All CPU: the grader and its compile worker, plus every sandboxed process (sampled from /proc).
    const cpuMs = summary.timings.graderCpuMs + reports.reduce((sum, r) => sum + r.sandbox.runs.reduce((s, run) => s + run.cpuMs, 0), 0);
    // The student code's own time: the CPU each check's call used, measured around it in the sandbox.
    const studentMs = reports.reduce((sum, r) => sum + r.checks.reduce((s, c) => s + c.cpuMs, 0) + r.timings.importMs, 0);
    results.push({ jobs, wallMs, cpuMs, studentMs });
    fs.rmSync(out, { recursive: true, force: true });
  }
  for (const { jobs, wallMs, cpuMs, studentMs } of results) {
    const perMinute = (60_000 * options.size) / wallMs;
    const harnessMs = (cpuMs - studentMs) / options.size;
    console.log(`--jobs ${jobs}: ${(wallMs / 1000).toFixed(1)} s, ${perMinute.toFixed(1)} submissions/min; CPU ${(cpuMs / 1000).toFixed(1)} s, of which the student code ${(studentMs / 1000).toFixed(1)} s; harness ${Math.round(harnessMs)} ms of CPU per submission`);
  }
  console.log(`speed-up from 1 to 2 jobs: ${(results[0].wallMs / results[1].wallMs).toFixed(2)}x (target >= 1.8)`);
  console.log('harness CPU per submission target: <= 150 ms');
  fs.rmSync(classDir, { recursive: true, force: true });
}
