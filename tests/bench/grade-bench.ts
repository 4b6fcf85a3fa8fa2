/**
 * `npm run bench` (or `npm run bench -- grade`): grading the reference once from a cold CLI start,
 * phase by phase, against a bare in-process run of the same functions; and the same grading with
 * the JS type checker and with none. Runs alternate, so that all see the same machine load;
 * medians are reported.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RuntimeCheck } from '../../grader/checks/types.js';
import { probeCallKey } from '../../grader/runtime/protocol.js';
import { transpileSubmission } from '../../grader/compile/transpile.js';
import { chooseTypechecker, describeTypechecker, TYPECHECKER_VARIABLE } from '../../grader/compile/typechecker.js';
import { loadExercise } from '../../grader/exercise/load-exercise.js';
import { DIST_DIR, PROJECT_ROOT } from '../../grader/paths.js';
import type { PhaseTimings, Report } from '../../grader/report/types.js';
import { formatMs, median } from './stats.js';

const CLI = path.join(PROJECT_ROOT, 'bin', 'autograde.js');
const BARE = path.join(DIST_DIR, 'tests', 'bench', 'bare-run.js');

function timeCommand(args: string[], env: NodeJS.ProcessEnv): { wallMs: number; stdout: string } {
  const startedAt = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: PROJECT_ROOT, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const wallMs = performance.now() - startedAt;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return { wallMs, stdout: result.stdout };
}

/** The calls a command makes: every runtime check's for `grade`, the visible ones' for `check`. */
async function writeBarePlan(backend: 'cpu' | 'wasm', checks: 'all' | 'visible', dir: string): Promise<string> {
  const exercise = await loadExercise('qkv-projection');
  const { code } = transpileSubmission(fs.readFileSync(exercise.solutionPath, 'utf8'), exercise.definition.fileName, exercise.solutionPath);
  // The same probes the grader runs, each distinct call once (the grader shares repeated calls too).
  const seen = new Set<string>();
  const probes: Array<{ source: string; input: unknown }> = [];
  for (const [id, check] of exercise.registry) {
    if (check.kind !== 'runtime') continue;
    if (checks === 'visible' && exercise.rubric.checks.get(id)?.visibility !== 'visible') continue;
    const { probe, input } = check as RuntimeCheck;
    const key = probeCallKey(probe.toString(), input);
    if (seen.has(key)) continue;
    seen.add(key);
    probes.push({ source: probe.toString(), input });
  }
  const file = path.join(dir, `bare-plan-${backend}-${checks}.json`);
  fs.writeFileSync(file, JSON.stringify({ code, backend, probes }));
  return file;
}

/**
 * The student's file, edited: the reference with a comment that changes at every run, so that
 * nothing about this text can have been cached, as after a student's edit.
 */
function edit(file: string, source: string, run: string): void {
  fs.writeFileSync(file, `${source}\n// edit ${run}\n`);
}

const ratio = (ms: number, bareMs: number): string => (ms / bareMs).toFixed(2);

export async function runGradeBench(options: { runs: number; backends: Array<'cpu' | 'wasm'> }): Promise<void> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-bench-'));
  const env: NodeJS.ProcessEnv = { ...process.env, AUTOGRADE_CACHE_DIR: path.join(scratch, 'cache'), NO_COLOR: '1' };
  const jsEnv = { ...env, [TYPECHECKER_VARIABLE]: 'js' };
  const typechecker = describeTypechecker(chooseTypechecker(env[TYPECHECKER_VARIABLE]));
  const exercise = await loadExercise('qkv-projection');
  const reference = fs.readFileSync(exercise.solutionPath, 'utf8');
  // A student's folder, holding the file as the student names it.
  const folder = path.join(scratch, 'student');
  fs.mkdirSync(folder);
  const file = path.join(folder, exercise.definition.fileName);
  console.log(`autograde bench: grading and checking the reference from a cold CLI start vs a bare in-process run`);
  console.log(`node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, ${options.runs} runs each, medians, ${typechecker}`);
  console.log(`cold: a new CLI process on a file just edited; warm: the same file checked again. Both after a first`);
  console.log(`run has built what does not depend on the file (the runner's snapshot, the reference's answers).\n`);
  for (const backend of options.backends) {
    const plans = { all: await writeBarePlan(backend, 'all', scratch), visible: await writeBarePlan(backend, 'visible', scratch) };
    const gradeArgs = [CLI, 'grade', file, '--exercise', exercise.definition.id, '--backend', backend, '--format', 'json'];
    const checkArgs = [CLI, 'check', file, '--backend', backend];
    // The first run fills the caches (the reference's answers, the runner's snapshot); it is reported on its own.
    edit(file, reference, 'first');
    const first = timeCommand(gradeArgs, env);
    const firstReport = JSON.parse(first.stdout) as Report;
    if (firstReport.status !== 'passed') throw new Error(`the reference did not pass on ${backend}: ${firstReport.status}`);

    const cli: Array<{ wallMs: number; timings: PhaseTimings; durationMs: number }> = [];
    const coldCheck: number[] = [];
    const warmCheck: number[] = [];
    const jsTyped: Array<{ wallMs: number; typecheckMs: number }> = [];
    const untyped: number[] = [];
    const bare: Array<{ wallMs: number; tfjsLoadMs: number; checksMs: number }> = [];
    const bareVisible: number[] = [];
    // Every kind of run once per round, so that all of them see the same machine.
    for (let run = 0; run < options.runs; run++) {
      edit(file, reference, `grade ${run}`);
      const graded = timeCommand(gradeArgs, env);
      const report = JSON.parse(graded.stdout) as Report;
      if (report.status !== 'passed') throw new Error(`the reference did not pass on ${backend}: ${report.status}`);
      cli.push({ wallMs: graded.wallMs, timings: report.timings, durationMs: report.durationMs });
      edit(file, reference, `check ${run}`);
      coldCheck.push(timeCommand(checkArgs, env).wallMs);
      warmCheck.push(timeCommand(checkArgs, env).wallMs);
      edit(file, reference, `js ${run}`);
      const withJs = timeCommand(gradeArgs, jsEnv);
      jsTyped.push({ wallMs: withJs.wallMs, typecheckMs: (JSON.parse(withJs.stdout) as Report).timings.typecheckMs });
      edit(file, reference, `untyped ${run}`);
      untyped.push(timeCommand([...gradeArgs, '--no-typecheck'], env).wallMs);
      const baseline = timeCommand([BARE, plans.all], env);
      bare.push({ wallMs: baseline.wallMs, ...(JSON.parse(baseline.stdout) as { tfjsLoadMs: number; checksMs: number }) });
      bareVisible.push(timeCommand([BARE, plans.visible], env).wallMs);
    }
    const phase = (key: keyof PhaseTimings): number => median(cli.map((c) => c.timings[key]));
    const cliWall = median(cli.map((c) => c.wallMs));
    const bareWall = median(bare.map((b) => b.wallMs));
    const bareVisibleWall = median(bareVisible);
    const startupMs = median(cli.map((c) => c.wallMs - c.durationMs));
    console.log(`backend ${backend}`);
    console.log(`  grade, cold CLI start (median of ${options.runs})`);
    console.log(`    process start + module load ${formatMs(startupMs)}   node, the CLI's modules, the exercise`);
    console.log(`    compile                     ${formatMs(phase('compileMs'))}   in the compile worker, including its start`);
    console.log(`    sandbox start               ${formatMs(phase('sandboxStartMs'))}   spawn, namespaces, permission model (overlaps compile)`);
    console.log(`    tfjs load                   ${formatMs(phase('tfjsLoadMs'))}   inside the sandbox (overlaps compile)`);
    console.log(`    sandbox wait                ${formatMs(phase('sandboxWaitMs'))}   what was left to wait for after compiling`);
    console.log(`    import                      ${formatMs(phase('importMs'))}   the student's module`);
    console.log(`    checks                      ${formatMs(phase('checksMs'))}   probes + judging`);
    console.log(`    reference (cached)          ${formatMs(phase('referenceMs'))}   first run, caches empty: ${Math.round(firstReport.timings.referenceMs)} ms waited, ${Math.round(first.wallMs)} ms wall with the snapshot built`);
    console.log(`    type check (overlapped)     ${formatMs(phase('typecheckMs'))}   ${typechecker}, in the compile worker, alongside the checks`);
    console.log(`    total wall                  ${formatMs(cliWall)}`);
    console.log(`  bare run: node + tfjs + the same calls in-process`);
    console.log(`    tfjs load                   ${formatMs(median(bare.map((b) => b.tfjsLoadMs)))}`);
    console.log(`    the same calls              ${formatMs(median(bare.map((b) => b.checksMs)))}`);
    console.log(`    total wall                  ${formatMs(bareWall)}   (the visible checks' calls only: ${formatMs(bareVisibleWall).trim()})`);
    const coldCheckWall = median(coldCheck);
    const warmCheckWall = median(warmCheck);
    console.log(`  ratios to the bare run of the same calls`);
    console.log(`    cold grade   ${formatMs(cliWall)}  ${ratio(cliWall, bareWall)}   (target <= 1.30, goal 1.10)`);
    console.log(`    cold check   ${formatMs(coldCheckWall)}  ${ratio(coldCheckWall, bareVisibleWall)}   (target <= 1.30)`);
    console.log(`    warm check   ${formatMs(warmCheckWall)}  ${ratio(warmCheckWall, bareVisibleWall)}   (target <= 1.15)`);
    const jsWall = median(jsTyped.map((r) => r.wallMs));
    console.log(`  grade with ${describeTypechecker({ kind: 'js' })}: ${formatMs(jsWall).trim()} wall, type check ${formatMs(median(jsTyped.map((r) => r.typecheckMs))).trim()}, ratio ${ratio(jsWall, bareWall)}`);
    const untypedWall = median(untyped);
    console.log(`  grade with --no-typecheck: ${formatMs(untypedWall).trim()} wall, ratio ${ratio(untypedWall, bareWall)}\n`);
  }
  fs.rmSync(scratch, { recursive: true, force: true });
}
