/**
 * `npm run bench -- layers`: what the sandbox's layers cost per submission, and what starting the
 * runner from its snapshot saves. The reference runs every probe in a runner with all layers
 * (started from the snapshot, and plainly), with the permission model and rlimits but no OS
 * isolation, and in a plain child process; configurations alternate run by run.
 */
import fs from 'node:fs';
import type { RuntimeCheck } from '../../grader/checks/types.js';
import { transpileSubmission } from '../../grader/compile/transpile.js';
import { loadExercise } from '../../grader/exercise/load-exercise.js';
import { probeCallKey, type Wire } from '../../grader/runtime/protocol.js';
import { prepareRunnerSnapshot } from '../../grader/sandbox/build-runner-snapshot.js';
import { detectIsolation } from '../../grader/sandbox/layers.js';
import { DEFAULT_LIMITS } from '../../grader/sandbox/limits.js';
import { SandboxProcess, type SandboxProcessOptions } from '../../grader/sandbox/sandbox-process.js';
import { formatMs, median } from './stats.js';

type Configuration = { name: string } & Pick<SandboxProcessOptions, 'layers' | 'start'>;

const ALL = { isIsolated: true, hasPermissionModel: true, hasRlimits: true };
const CONFIGURATIONS: Configuration[] = [
  { name: 'all layers, from the snapshot', layers: ALL, start: 'auto' },
  { name: 'all layers, plain start', layers: ALL, start: 'plain' },
  { name: 'permission model + rlimits, no OS isolation', layers: { isIsolated: false, hasPermissionModel: true, hasRlimits: true }, start: 'plain' },
  { name: 'a plain child process', layers: { isIsolated: false, hasPermissionModel: false, hasRlimits: false }, start: 'plain' },
];

export async function runLayersBench(options: { runs: number; backends: Array<'cpu' | 'wasm'> }): Promise<void> {
  const exercise = await loadExercise('qkv-projection');
  const { code } = transpileSubmission(fs.readFileSync(exercise.solutionPath, 'utf8'), exercise.definition.fileName, exercise.solutionPath);
  const probes = [...exercise.registry.values()].filter((check): check is RuntimeCheck => check.kind === 'runtime');
  console.log('autograde bench: what the sandbox layers cost, grading the reference (every probe once)');
  console.log(`node ${process.version}; OS isolation here: ${detectIsolation().kind}; ${options.runs} runs each, medians\n`);
  for (const backend of options.backends) {
    await prepareRunnerSnapshot({ backend: { name: backend }, memoryMb: DEFAULT_LIMITS.memoryMb });
    const results = new Map(CONFIGURATIONS.map((c) => [c.name, { startMs: [] as number[], startCpuMs: [] as number[], checksMs: [] as number[], fromSnapshot: 0 }]));
    for (let run = 0; run < options.runs; run++) {
      for (const configuration of CONFIGURATIONS) {
        const startedAt = performance.now();
        const runner = SandboxProcess.spawn({ backend: { name: backend }, limits: DEFAULT_LIMITS, layers: configuration.layers, start: configuration.start });
        try {
          const { outcome } = await runner.load(code, exercise.solutionPath);
          if (outcome.kind !== 'ready') throw new Error(`${configuration.name}: the reference did not load (${outcome.kind})`);
          const readyAt = performance.now();
          // Every process of the runner's tree, up to the module being loaded: the start's CPU.
          const startCpuMs = runner.stats.cpuMs;
          const seen = new Set<string>();
          for (const check of probes) {
            const key = probeCallKey(check.probe.toString(), check.input);
            if (seen.has(key)) continue;
            seen.add(key);
            const result = await runner.runProbe(check.id, check.probe.toString(), check.input as Wire, 60_000);
            if (result.kind !== 'value') throw new Error(`${configuration.name}: ${check.id} ended in ${result.kind}`);
          }
          const record = results.get(configuration.name)!;
          record.startMs.push(readyAt - startedAt);
          record.startCpuMs.push(startCpuMs);
          record.checksMs.push(performance.now() - readyAt);
          if (runner.snapshotBlob !== null) record.fromSnapshot++;
        } finally {
          runner.dispose();
        }
      }
    }
    console.log(`backend ${backend}                               start to ready  start CPU    checks      total   vs plain`);
    const plain = results.get('a plain child process')!;
    const plainTotal = median(plain.startMs) + median(plain.checksMs);
    for (const configuration of CONFIGURATIONS) {
      const { startMs, startCpuMs, checksMs, fromSnapshot } = results.get(configuration.name)!;
      const total = median(startMs) + median(checksMs);
      // `auto` starts plainly where no snapshot could be built: the line says so rather than mislead.
      const name = configuration.start === 'auto' && fromSnapshot < options.runs ? `${configuration.name} (${fromSnapshot}/${options.runs} from it)` : configuration.name;
      console.log(`  ${name.padEnd(46)} ${formatMs(median(startMs))}    ${formatMs(median(startCpuMs))} ${formatMs(median(checksMs))} ${formatMs(total)}   ${total - plainTotal >= 0 ? '+' : ''}${Math.round(total - plainTotal)} ms`);
    }
    console.log('');
  }
}
