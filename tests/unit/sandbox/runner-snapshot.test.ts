/**
 * Finding the runner's snapshot in the cache: by the build (node, backend, heap flags) and the
 * content of every file bundled into it, so that a changed file is never served a stale blob.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type RunnerSnapshot = typeof import('../../../grader/sandbox/runner-snapshot.js');

/** A fresh copy of the module, as a new grader process would have: nothing found yet. */
async function freshModule(): Promise<RunnerSnapshot> {
  vi.resetModules();
  return import('../../../grader/sandbox/runner-snapshot.js');
}

const cpu = { backend: { name: 'cpu' as const }, memoryMb: 1024 };
const previous = process.env.AUTOGRADE_CACHE_DIR;
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-snapshot-unit-'));
  process.env.AUTOGRADE_CACHE_DIR = path.join(dir, 'cache');
});

afterEach(() => {
  if (previous === undefined) delete process.env.AUTOGRADE_CACHE_DIR;
  else process.env.AUTOGRADE_CACHE_DIR = previous;
  fs.rmSync(dir, { recursive: true, force: true });
});

/** What a build leaves: the manifest, and the blob under its key. */
async function fakeBuild(files: string[]): Promise<string> {
  const snapshot = await freshModule();
  const hashed = files.map((file) => snapshot.hashFile(file));
  const key = snapshot.snapshotKey(snapshot.buildId(cpu), hashed);
  snapshot.writeAtomically(snapshot.blobPath(key), 'blob');
  snapshot.recordRunnerSnapshot(cpu, key, hashed);
  return snapshot.blobPath(key);
}

describe('findRunnerSnapshot', () => {
  it('finds nothing in an empty cache, and never looks for a backend that loads native code', async () => {
    const snapshot = await freshModule();
    expect(snapshot.findRunnerSnapshot(cpu)).toBeNull();
    expect(snapshot.isSnapshotable({ ...cpu, backend: { name: 'webgpu' } })).toBe(false);
    expect(snapshot.isSnapshotable({ ...cpu, backend: { name: 'tensorflow' } })).toBe(false);
    expect(snapshot.isSnapshotable({ ...cpu, backend: { name: 'wasm' } })).toBe(true);
  });

  it('finds the blob of a build whose files are unchanged, in the next grader process', async () => {
    const file = path.join(dir, 'bundled.js');
    fs.writeFileSync(file, 'exports.a = 1;');
    const blob = await fakeBuild([file]);
    expect((await freshModule()).findRunnerSnapshot(cpu)).toBe(blob);
  });

  it('serves nothing once a bundled file changed or is gone', async () => {
    const file = path.join(dir, 'bundled.js');
    fs.writeFileSync(file, 'exports.a = 1;');
    await fakeBuild([file]);
    // The same size: the content is hashed again, since the modification time moved.
    fs.writeFileSync(file, 'exports.a = 2;');
    expect((await freshModule()).findRunnerSnapshot(cpu)).toBeNull();
    fs.rmSync(file);
    expect((await freshModule()).findRunnerSnapshot(cpu)).toBeNull();
  });

  it('removes the build it replaces once the files changed and it is built again', async () => {
    const file = path.join(dir, 'bundled.js');
    fs.writeFileSync(file, 'exports.a = 1;');
    const old = await fakeBuild([file]);
    fs.writeFileSync(file, 'exports.a = 22;');
    const replacing = await fakeBuild([file]);
    expect(replacing).not.toBe(old);
    expect(fs.existsSync(old)).toBe(false);
    expect((await freshModule()).findRunnerSnapshot(cpu)).toBe(replacing);
  });

  it('keys a build by the heap flags and the backend, which a snapshot must be started with', async () => {
    const snapshot = await freshModule();
    expect(snapshot.buildId({ ...cpu, memoryMb: 512 })).not.toBe(snapshot.buildId(cpu));
    expect(snapshot.buildId({ ...cpu, backend: { name: 'wasm' } })).not.toBe(snapshot.buildId(cpu));
  });

  it('forgets a rejected blob: removed from the cache, not served again, its failure counted', async () => {
    const file = path.join(dir, 'bundled.js');
    fs.writeFileSync(file, 'exports.a = 1;');
    const blob = await fakeBuild([file]);
    const snapshot = await freshModule();
    expect(snapshot.findRunnerSnapshot(cpu)).toBe(blob);
    snapshot.rejectRunnerSnapshot(cpu, blob, 'exited with 1');
    expect(snapshot.findRunnerSnapshot(cpu)).toBeNull();
    expect(fs.existsSync(blob)).toBe(false);
    expect(snapshot.failureCount(cpu)).toBe(1);
    expect(snapshot.isWorthBuilding(cpu)).toBe(true);
    snapshot.recordSnapshotFailure(cpu, 'again');
    snapshot.recordSnapshotFailure(cpu, 'and again');
    expect(snapshot.isWorthBuilding(cpu)).toBe(false);
  });
});
