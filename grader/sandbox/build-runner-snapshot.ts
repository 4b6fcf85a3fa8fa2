/**
 * Builds the runner's startup snapshot for a backend, once per key (runner-snapshot.ts): the
 * runner's start (grader/runtime/start-from-snapshot.ts), tfjs and the backend's packages are
 * bundled into one script with esbuild, and node runs it with `--build-snapshot`.
 *
 * The grader builds it itself, in a node process that runs nothing but that script, in a scratch
 * folder and a scrubbed environment like a runner's, so nothing of the grader's environment and
 * no student's code is ever in it. The blob is written under a name of its own and renamed into
 * place only once a runner started from it has answered a probe, so two graders building at once
 * never read half a blob, and a blob that cannot start a runner is never used. A snapshot that
 * cannot be built leaves the runners on their plain start.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT, SNAPSHOT_START_PATH } from '../paths.js';
import { BACKEND_SETUPS } from '../runtime/backend-setup.js';
import { heapFlags } from './launch.js';
import { nodeExecutable } from './layers.js';
import { DEFAULT_LIMITS } from './limits.js';
import {
  blobPath,
  buildId,
  bundlePath,
  hashFile,
  isWorthBuilding,
  recordRunnerSnapshot,
  recordSnapshotFailure,
  snapshotDir,
  snapshotKey,
  writeAtomically,
  type SnapshotTarget,
} from './runner-snapshot.js';
import { SandboxProcess } from './sandbox-process.js';

/** What a build may take: a few seconds on two busy cores. */
const BUILD_LIMIT_MS = 120_000;

/** A probe the runner answers only if tfjs, the backend and the channel all work after deserialisation. */
const CHECK_MODULE = 'exports.one = 1;';
const CHECK_PROBE = '({ mod, tf }) => tf.add(tf.scalar(mod.one), tf.scalar(1)).dataSync()[0]';

const requireFromHere = createRequire(import.meta.url);

/** The generated entry's name in the bundle: it is made from the key's other parts, so it is not hashed as a file. */
const ENTRY_NAME = 'runner-snapshot-entry.cjs';

interface Esbuild {
  version: string;
  build(options: Record<string, unknown>): Promise<{ outputFiles: Array<{ contents: Uint8Array }>; metafile: { inputs: Record<string, unknown> } }>;
}

function loadEsbuild(): Esbuild | null {
  try {
    return requireFromHere('esbuild') as Esbuild;
  } catch {
    return null;
  }
}

/** The packages of the bundle, by the names the runner asks for, each resolved as the plain start would. */
function bundledPackages(target: SnapshotTarget): Array<[string, string]> {
  const tfjsEntry = requireFromHere.resolve('@tensorflow/tfjs');
  const fromTfjs = createRequire(tfjsEntry);
  return [['@tensorflow/tfjs', tfjsEntry], ...BACKEND_SETUPS[target.backend.name].packages(target.backend).map((name): [string, string] => [name, fromTfjs.resolve(name)])];
}

/**
 * The bundle's entry: the runner's snapshot start first, which notes the built-ins before the
 * packages are evaluated, then the packages, then the start, which checks the built-ins again.
 */
function entrySource(packages: Array<[string, string]>): string {
  const json = JSON.stringify;
  return [
    `const start = require(${json(SNAPSHOT_START_PATH)});`,
    'const before = start.noteBuiltins();',
    `const packages = {`,
    ...packages.map(([name, file]) => `  ${json(name)}: { exports: require(${json(file)}), entryFile: ${json(file)} },`),
    '};',
    `start.prepareSnapshot(${json(packages[0][1])}, packages, before);`,
    '',
  ].join('\n');
}

/** Runs `node` with `args` in `cwd`, with the environment a runner gets; resolves to why it failed, or null. */
function runNode(args: string[], cwd: string): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn(nodeExecutable(), args, {
      cwd,
      env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', TZ: 'UTC', HOME: cwd, TMPDIR: cwd },
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: BUILD_LIMIT_MS,
      killSignal: 'SIGKILL',
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      if (stderr.length < 8000) stderr += chunk.toString('utf8');
    });
    child.on('error', (error) => resolve(error.message));
    child.on('close', (code, signal) => resolve(code === 0 ? null : `node --build-snapshot ended with ${code ?? signal}: ${stderr.trim().slice(-2000)}`));
  });
}

/** Starts a runner from `blob`, with no fallback, and asks it a probe; resolves to why it failed, or null. */
async function checkBlob(target: SnapshotTarget, blob: string): Promise<string | null> {
  const runner = SandboxProcess.spawn({ backend: target.backend, limits: { ...DEFAULT_LIMITS, memoryMb: target.memoryMb }, start: { snapshotBlob: blob } });
  try {
    const { outcome } = await runner.load(CHECK_MODULE, 'snapshot-check.js');
    if (outcome.kind !== 'ready') return `a runner started from it did not load a module: ${JSON.stringify(outcome).slice(0, 2000)} ${runner.capturedOutput.slice(-2000)}`;
    const answer = await runner.runProbe('snapshot-check', CHECK_PROBE, null, DEFAULT_LIMITS.importTimeMs);
    return answer.kind === 'value' && answer.value === 2 ? null : `a runner started from it answered ${JSON.stringify(answer).slice(0, 2000)}`;
  } finally {
    runner.dispose();
  }
}

async function build(target: SnapshotTarget): Promise<void> {
  const esbuild = loadEsbuild();
  if (!esbuild) return;
  // A cache that cannot be written (a read-only home) fails here, before the bundling.
  fs.mkdirSync(snapshotDir(), { recursive: true });
  const id = buildId(target);
  const packages = bundledPackages(target);
  const bundled = await esbuild.build({
    stdin: { contents: entrySource(packages), resolveDir: PROJECT_ROOT, sourcefile: ENTRY_NAME, loader: 'js' },
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    // As node's `require` would load them: the packages' CommonJS builds for node.
    platform: 'node',
    format: 'cjs',
    mainFields: ['main'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const files = Object.keys(bundled.metafile.inputs)
    .filter((input) => input !== ENTRY_NAME)
    .map((input) => hashFile(path.resolve(PROJECT_ROOT, input)))
    .sort((a, b) => (a.file < b.file ? -1 : 1));
  const key = snapshotKey(id, files);
  const blob = blobPath(key);
  // Another grader built the same snapshot meanwhile.
  if (fs.existsSync(blob)) return recordRunnerSnapshot(target, key, files);

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-snapshot-'));
  const partial = `${blob}.${process.pid}.${path.basename(scratch)}.tmp`;
  try {
    // Kept beside the blob under its key: the stack frames of code in the snapshot name this file.
    const script = bundlePath(key);
    writeAtomically(script, bundled.outputFiles[0].contents);
    const failed = (await runNode([...heapFlags(target.memoryMb), '--snapshot-blob', partial, '--build-snapshot', script], scratch)) ?? (await checkBlob(target, partial));
    if (failed) {
      recordSnapshotFailure(target, failed);
      return;
    }
    fs.renameSync(partial, blob);
    recordRunnerSnapshot(target, key, files);
  } finally {
    fs.rmSync(partial, { force: true });
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

const building = new Map<string, Promise<void>>();

/**
 * Makes sure the runners for `target` can start from a snapshot, building it if none is cached;
 * once per key and grader process. Never throws: a snapshot that cannot be built (no esbuild, a
 * node that cannot make one) leaves the runners on the plain start.
 */
export async function prepareRunnerSnapshot(target: SnapshotTarget): Promise<void> {
  const failed = (error: unknown): void => recordSnapshotFailure(target, String((error as Error)?.stack ?? error));
  try {
    if (!isWorthBuilding(target)) return;
    const id = `${snapshotDir()}\0${buildId(target)}`;
    let pending = building.get(id);
    if (!pending) {
      pending = build(target)
        .catch(failed)
        .finally(() => building.delete(id));
      building.set(id, pending);
    }
    await pending;
  } catch (error) {
    failed(error);
  }
}
