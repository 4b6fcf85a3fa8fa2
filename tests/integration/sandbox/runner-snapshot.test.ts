/**
 * The runner's startup snapshot: built by the grader into its cache, atomically; every runner of a
 * snapshotable backend starts from it, inside every layer; what the student's code sees is what
 * it sees in a plain start; and a blob that does not load is dropped, the runner started plainly,
 * and the blob built again.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, RUNTIME_DIR } from '../../../grader/paths.js';
import { prepareRunnerSnapshot } from '../../../grader/sandbox/build-runner-snapshot.js';
import { DEFAULT_LIMITS } from '../../../grader/sandbox/limits.js';
import { findRunnerSnapshot, snapshotDir } from '../../../grader/sandbox/runner-snapshot.js';
import { SandboxProcess, type RunnerStart } from '../../../grader/sandbox/sandbox-process.js';
import type { Wire } from '../../../grader/runtime/protocol.js';

const target = { backend: { name: 'cpu' as const }, memoryMb: DEFAULT_LIMITS.memoryMb };
// In the grader's environment while the snapshot is built; it must not reach the blob.
const canary = `canary-${randomBytes(12).toString('hex')}`;
const previousCacheDir = process.env.AUTOGRADE_CACHE_DIR;
let cache: string;

beforeAll(async () => {
  cache = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-snapshot-test-'));
  process.env.AUTOGRADE_CACHE_DIR = cache;
  process.env.AUTOGRADE_TEST_CANARY = canary;
  await prepareRunnerSnapshot(target);
});

afterAll(() => {
  delete process.env.AUTOGRADE_TEST_CANARY;
  if (previousCacheDir === undefined) delete process.env.AUTOGRADE_CACHE_DIR;
  else process.env.AUTOGRADE_CACHE_DIR = previousCacheDir;
  fs.rmSync(cache, { recursive: true, force: true });
});

/** Loads `code` in a runner started as `start` and returns the answer to `probe`, with the runner. */
async function ask(code: string, probe: string, start: RunnerStart = 'auto'): Promise<{ value: Wire; runner: SandboxProcess }> {
  const runner = SandboxProcess.spawn({ backend: { name: 'cpu' }, limits: DEFAULT_LIMITS, start });
  try {
    const { outcome } = await runner.load(code, 'student.ts');
    expect(outcome.kind).toBe('ready');
    const answer = await runner.runProbe('c', probe, null, 10_000);
    expect(answer.kind).toBe('value');
    return { value: (answer as { value: Wire }).value, runner };
  } finally {
    runner.dispose();
  }
}

const cacheFiles = (): string[] => fs.readdirSync(snapshotDir()).sort();

describe('the runner snapshot', () => {
  it('is built into the cache under its key, with a manifest of every file in it and no partial file left', () => {
    const blob = findRunnerSnapshot(target);
    expect(blob).not.toBeNull();
    expect(path.dirname(blob!)).toBe(path.join(cache, 'runner-snapshot'));
    const files = cacheFiles();
    expect(files.filter((name) => name.endsWith('.blob'))).toEqual([path.basename(blob!)]);
    // The script it was built from stays beside it: the stack frames of tfjs's code name it.
    expect(files.filter((name) => name.endsWith('.cjs'))).toEqual([path.basename(blob!).replace(/\.blob$/, '.cjs')]);
    expect(files.filter((name) => name.endsWith('.tmp') || name.endsWith('.failures'))).toEqual([]);
    const [manifest] = files.filter((name) => name.endsWith('.json'));
    const bundled = (JSON.parse(fs.readFileSync(path.join(snapshotDir(), manifest), 'utf8')) as { files: Array<{ file: string }> }).files.map((f) => f.file);
    expect(bundled).toContain(path.join(RUNTIME_DIR, 'runner.js'));
    expect(bundled).toContain(path.join(RUNTIME_DIR, 'intrinsics.js'));
    expect(bundled.some((file) => file.endsWith(path.join('@tensorflow', 'tfjs-core', 'dist', 'tf-core.node.js')))).toBe(true);
  });

  it('holds nothing of the grader\'s environment, nor any run\'s nonce', async () => {
    const { runner } = await ask('exports.one = 1;', '({ mod }) => mod.one');
    const blob = fs.readFileSync(findRunnerSnapshot(target)!);
    expect(blob.includes(canary)).toBe(false);
    expect(blob.includes((runner as unknown as { nonce: string }).nonce)).toBe(false);
  });

  it('starts every cpu runner by default, inside the same layers as the plain start, and out of reach of its code', async () => {
    const probe = `({ mod }) => mod.look()`;
    const code = [
      "const fs = process.getBuiltinModule('fs');",
      'exports.look = () => {',
      "  const blob = process.execArgv[process.execArgv.indexOf('--snapshot-blob') + 1];",
      '  const denied = (file) => { try { fs.readFileSync(file); return false; } catch (e) { return e.code === "ERR_ACCESS_DENIED"; } };',
      `  return { blob: denied(blob), solution: denied(${JSON.stringify(path.join(PROJECT_ROOT, 'solutions', 'qkv-projection', 'qkv-projection.ts'))}), argv: process.argv.slice(1) };`,
      '};',
    ].join('\n');
    const fromSnapshot = await ask(code, probe);
    const plain = await ask(code, probe, 'plain');
    expect(fromSnapshot.runner.snapshotBlob).toBe(findRunnerSnapshot(target));
    expect(plain.runner.snapshotBlob).toBeNull();
    expect(fromSnapshot.value).toMatchObject({ blob: true, solution: true });
    expect(fromSnapshot.value).toEqual({ ...(plain.value as object), blob: true });
    expect(fromSnapshot.runner.layers).toEqual(plain.runner.layers);
  });

  it('shows the student\'s code the same realm as the plain start: globals, tfjs, its state, fresh randomness', async () => {
    const probe = `({ mod }) => mod.look()`;
    const code = [
      "const tf = require('@tensorflow/tfjs');",
      'exports.look = () => ({',
      '  globals: Object.getOwnPropertyNames(globalThis).sort(),',
      '  backend: tf.getBackend(),',
      '  version: tf.version.tfjs,',
      '  tensors: tf.memory().numTensors,',
      "  flags: Object.keys(tf.env().flags).sort(),",
      '  random: [Math.random(), tf.randomUniform([2]).dataSync()[0]],',
      '  stackLimit: Error.stackTraceLimit,',
      // The platform tfjs made as it loaded, in the snapshot, and its text encoder.
      "  encoded: Array.from(tf.util.encodeString('héllo')),",
      '});',
    ].join('\n');
    const first = (await ask(code, probe)).value as Record<string, unknown>;
    const second = (await ask(code, probe)).value as Record<string, unknown>;
    const plain = (await ask(code, probe, 'plain')).value as Record<string, unknown>;
    const { random: firstRandom, ...firstSeen } = first;
    const { random: plainRandom, ...plainSeen } = plain;
    expect(firstSeen).toEqual(plainSeen);
    expect(plainRandom).toHaveLength(2);
    // Each runner draws its own numbers, as each plain process does.
    expect(firstRandom).not.toEqual(second.random);
  });

  it('is dropped when it does not load: the runner starts plainly, and the next preparation builds it again', async () => {
    const blob = findRunnerSnapshot(target)!;
    fs.writeFileSync(blob, 'not a snapshot');
    const { value, runner } = await ask("exports.f = () => require('@tensorflow/tfjs').getBackend();", '({ mod }) => mod.f()');
    expect(value).toBe('cpu');
    expect(runner.snapshotBlob).toBeNull();
    expect(fs.existsSync(blob)).toBe(false);
    expect(findRunnerSnapshot(target)).toBeNull();
    expect(cacheFiles().some((name) => name.endsWith('.failures'))).toBe(true);

    await prepareRunnerSnapshot(target);
    expect(findRunnerSnapshot(target)).toBe(blob);
    const again = await ask('exports.one = 1;', '({ mod }) => mod.one');
    expect(again.runner.snapshotBlob).toBe(blob);
  });
});
