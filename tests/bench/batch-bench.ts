/**
 * `npm run bench -- batch`: a generated class graded at --jobs 2 (or --jobs N). Prints the
 * machine's limit (the cores' minutes over the student code's CPU per submission, both from this
 * run), the throughput and its ratio to the limit, and the harness's CPU per submission: all CPU
 * the grader and its children used, runners' start included, minus the student code's own.
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

export function runBatchBench(options: { size: number; backend: 'cpu' | 'wasm'; jobs: number }): void {
  const { size, backend, jobs } = options;
  const classDir = makeClass(size);
  const cores = os.availableParallelism();
  console.log(`autograde bench: a class of ${size} (a mix of correct, buggy and hostile) at --jobs ${jobs}`);
  console.log(`node ${process.version}, ${cores} cores, backend ${backend}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  const r = gradeClass(classDir, jobs, backend);
  fs.rmSync(classDir, { recursive: true, force: true });

  const per = (ms: number): string => `${Math.round(ms / size)} ms`;
  const harnessMs = r.cpuMs - r.studentMs;
  const throughput = (60_000 * size) / r.wallMs;
  // Nothing can grade faster than the student code runs on every core.
  const usable = Math.min(jobs, cores);
  const limit = (usable * 60_000) / (r.studentMs / size);
  console.log(`${(r.wallMs / 1000).toFixed(1)} s, ${(r.cpuMs / r.wallMs).toFixed(2)} cores busy`);
  console.log(`  student code CPU per submission (its module's evaluation and the checks' calls): ${per(r.studentMs)}`);
  console.log(`  limit: ${usable} cores x 60 s / ${per(r.studentMs)} = ${limit.toFixed(1)} submissions/min`);
  console.log(`  throughput: ${throughput.toFixed(1)} submissions/min, ${((100 * throughput) / limit).toFixed(1)}% of the limit (target >= 85%)`);
  console.log(`  harness CPU per submission, the runner's start included: ${per(harnessMs)} (target <= 60 ms)`);
  console.log(`    grader process ${per(r.mainMs)}, compile worker (compiling, type checking) ${per(r.compileWorkerMs)}, sandboxed runners beyond the student code ${per(r.runnersMs - r.studentMs)}`);
}
