/**
 * The runner's startup snapshots, as the grader keeps them: which one a runner starts from, and
 * forgetting one that failed. (Building one is build-runner-snapshot.ts.)
 *
 * A snapshot holds tfjs and the runner's code as a particular node evaluated them, so it is kept
 * under a key of everything it was made from: the node binary (its version, path, size and
 * modification time), the platform, the backend, the V8 flags the runner starts with (node 20
 * refuses a snapshot built under other heap flags), and the content of every file bundled into it,
 * tfjs's and the runner's. The files are listed in a manifest per build description, with the
 * size and modification time at which each was hashed, so that finding a snapshot hashes again
 * only a file that changed.
 *
 * Whatever goes wrong here leaves the runner on its plain start: nothing a snapshot does may fail
 * a student.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cacheDir, PROJECT_ROOT } from '../paths.js';
import { BACKEND_SETUPS } from '../runtime/backend-setup.js';
import type { BackendRequest } from '../runtime/protocol.js';
import { heapFlags } from './launch.js';
import { nodeExecutable } from './layers.js';

/** What a snapshot is built for, beyond the files in it. */
export interface SnapshotTarget {
  backend: BackendRequest;
  memoryMb: number;
}

/** A file bundled into a snapshot, as it was when it was hashed. */
export interface BundledFile {
  file: string;
  size: number;
  mtimeMs: number;
  sha256: string;
}

interface Manifest {
  key: string;
  files: BundledFile[];
}

/** Bumped when what a snapshot holds changes in a way its files do not show. */
const SNAPSHOT_FORMAT = 1;

/** After this many failures of one key (to build, or to start a runner), the grader stops trying it. */
const MAX_FAILURES = 3;

export function snapshotDir(): string {
  return path.join(cacheDir(), 'runner-snapshot');
}

/**
 * Whether the backend's packages can be in a snapshot, and this node can start from one. The
 * runner takes node's builtins through `process.getBuiltinModule` in a bundle (node 20.16+).
 */
export function isSnapshotable(target: SnapshotTarget): boolean {
  const hasBuiltinModules = typeof (process as { getBuiltinModule?: unknown }).getBuiltinModule === 'function';
  return BACKEND_SETUPS[target.backend.name].isSnapshotable && hasBuiltinModules && process.allowedNodeEnvironmentFlags.has('--snapshot-blob');
}

function sha256(...parts: Array<string | Buffer>): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

let describedNodeCache: string | undefined;

/** The node that builds the snapshot and the runners that start from it: the same binary, or no match. */
function describedNode(): string {
  if (describedNodeCache) return describedNodeCache;
  const executable = fs.realpathSync(nodeExecutable());
  const { size, mtimeMs } = fs.statSync(executable);
  describedNodeCache = JSON.stringify({ version: process.version, executable, size, mtimeMs, platform: process.platform, arch: process.arch });
  return describedNodeCache;
}

/**
 * Names a build: the node, the backend, the flags, and the grader's folder (two checkouts on one
 * machine keep a manifest each); the files come from its manifest.
 */
export function buildId(target: SnapshotTarget): string {
  return sha256(JSON.stringify({ format: SNAPSHOT_FORMAT, node: describedNode(), backend: target.backend, v8Flags: heapFlags(target.memoryMb), root: PROJECT_ROOT }));
}

/** The key of a snapshot: its build and the content of every file in it. */
export function snapshotKey(id: string, files: BundledFile[]): string {
  return sha256(id, ...files.map((f) => `\0${f.file}\0${f.sha256}`));
}

export function hashFile(file: string): BundledFile {
  const content = fs.readFileSync(file);
  const { size, mtimeMs } = fs.statSync(file);
  return { file, size, mtimeMs, sha256: sha256(content) };
}

const manifestPath = (id: string): string => path.join(snapshotDir(), `${id}.json`);
export const blobPath = (key: string): string => path.join(snapshotDir(), `${key}.blob`);
/** The script the blob was built from, which the stack frames of tfjs's code in it name. */
export const bundlePath = (key: string): string => path.join(snapshotDir(), `${key}.cjs`);
const failuresPath = (id: string): string => path.join(snapshotDir(), `${id}.failures`);

/** Writes `content` whole, then renames it into place: a reader never sees half of it. */
export function writeAtomically(file: string, content: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  fs.writeFileSync(partial, content);
  fs.renameSync(partial, file);
}

/** The files of a manifest as they are now: the recorded hash where a file is unchanged; null if one is gone. */
function currentFiles(recorded: BundledFile[]): BundledFile[] | null {
  const files: BundledFile[] = [];
  for (const entry of recorded) {
    const stat = fs.statSync(entry.file, { throwIfNoEntry: false });
    if (!stat) return null;
    files.push(stat.size === entry.size && stat.mtimeMs === entry.mtimeMs ? entry : hashFile(entry.file));
  }
  return files;
}

/** Per cache folder and build id, in this grader process: the blob found (or built), or null. */
const found = new Map<string, string | null>();
const foundKey = (id: string): string => `${snapshotDir()}\0${id}`;

function lookUp(id: string): string | null {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestPath(id), 'utf8')) as Manifest;
  } catch {
    return null;
  }
  const files = Array.isArray(manifest.files) ? currentFiles(manifest.files) : null;
  // A bundled file that changed since the build (tfjs updated, the grader rebuilt) makes another key.
  if (files === null || snapshotKey(id, files) !== manifest.key) return null;
  const blob = blobPath(manifest.key);
  return fs.existsSync(blob) ? blob : null;
}

/** The snapshot a runner for `target` starts from; null for the plain start. Looked up once per grader process. */
export function findRunnerSnapshot(target: SnapshotTarget): string | null {
  if (!isSnapshotable(target)) return null;
  const id = buildId(target);
  const memo = foundKey(id);
  if (!found.has(memo)) {
    try {
      found.set(memo, lookUp(id));
    } catch {
      found.set(memo, null);
    }
  }
  return found.get(memo) ?? null;
}

/**
 * Records a snapshot just built: its manifest, for the graders after this one, and for this one.
 * The build it replaces (tfjs or node updated since) is removed: a blob is ten megabytes.
 */
export function recordRunnerSnapshot(target: SnapshotTarget, key: string, files: BundledFile[]): void {
  const id = buildId(target);
  let replaced: string | null = null;
  try {
    replaced = (JSON.parse(fs.readFileSync(manifestPath(id), 'utf8')) as Manifest).key;
  } catch {
    // The first build of this id.
  }
  writeAtomically(manifestPath(id), JSON.stringify({ key, files } satisfies Manifest));
  if (typeof replaced === 'string' && /^[0-9a-f]{64}$/.test(replaced) && replaced !== key) {
    fs.rmSync(blobPath(replaced), { force: true });
    fs.rmSync(bundlePath(replaced), { force: true });
  }
  found.set(foundKey(id), blobPath(key));
}

export function failureCount(target: SnapshotTarget): number {
  try {
    return Number(fs.readFileSync(failuresPath(buildId(target)), 'utf8').split('\n')[0]) || 0;
  } catch {
    return 0;
  }
}

/** Whether a snapshot for `target` should be built: none works yet, and building it has not failed too often. */
export function isWorthBuilding(target: SnapshotTarget): boolean {
  return isSnapshotable(target) && findRunnerSnapshot(target) === null && failureCount(target) < MAX_FAILURES;
}

/** Counts a failure of `target`'s snapshot, with why, so that one that keeps failing is given up. */
export function recordSnapshotFailure(target: SnapshotTarget, why: string): void {
  try {
    writeAtomically(failuresPath(buildId(target)), `${failureCount(target) + 1}\n${why.slice(0, 4000)}\n`);
  } catch {
    // An unwritable cache only means the next grader tries again.
  }
}

/**
 * A snapshot that did not start a runner: removed, so that the next grader builds it again, and
 * never used again by this one.
 */
export function rejectRunnerSnapshot(target: SnapshotTarget, blob: string, why: string): void {
  found.set(foundKey(buildId(target)), null);
  recordSnapshotFailure(target, why);
  try {
    fs.rmSync(blob, { force: true });
  } catch {
    // Left for the next build to replace.
  }
}
