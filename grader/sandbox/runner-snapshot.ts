/**
 * The runner's startup snapshots, as the grader keeps them: which one a runner starts from, and
 * forgetting one that failed. (Building one is build-runner-snapshot.ts.)
 *
 * A snapshot holds tfjs and the runner's code as a particular node evaluated them, so it is kept
 * (build-cache.ts) under a key of everything it was made from: the node binary (its version, path,
 * size and modification time), the platform, the backend, the V8 flags the runner starts with (node
 * 20 refuses a snapshot built under other heap flags), and the content of every file bundled into
 * it, tfjs's and the runner's.
 *
 * Whatever goes wrong here leaves the runner on its plain start: nothing a snapshot does may fail
 * a student.
 */
import fs from 'node:fs';
import path from 'node:path';
import { cacheDir, PROJECT_ROOT } from '../paths.js';
import { BACKEND_SETUPS } from '../runtime/backend-setup.js';
import type { BackendRequest } from '../runtime/protocol.js';
import {
  buildKey,
  describedNode,
  failureCount as countBuildFailures,
  lookUpBuild,
  MAX_BUILD_FAILURES,
  recordBuild,
  recordBuildFailure,
  sha256,
  type BuiltFrom,
} from './build-cache.js';
import { heapFlags } from './launch.js';

export { hashFile, writeAtomically } from './build-cache.js';

/** What a snapshot is built for, beyond the files in it. */
export interface SnapshotTarget {
  backend: BackendRequest;
  memoryMb: number;
}

/** A file bundled into a snapshot, as it was when it was hashed. */
export type BundledFile = BuiltFrom;

/** Bumped when what a snapshot holds changes in a way its files do not show. */
const SNAPSHOT_FORMAT = 1;

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

/**
 * Names a build: the node, the backend, the flags, and the grader's folder (two checkouts on one
 * machine keep a manifest each); the files come from its manifest.
 */
export function buildId(target: SnapshotTarget): string {
  return sha256(JSON.stringify({ format: SNAPSHOT_FORMAT, node: describedNode(), backend: target.backend, v8Flags: heapFlags(target.memoryMb), root: PROJECT_ROOT }));
}

/** The key of a snapshot: its build and the content of every file in it. */
export const snapshotKey = buildKey;

export const blobPath = (key: string): string => path.join(snapshotDir(), `${key}.blob`);
/** The script the blob was built from, which the stack frames of tfjs's code in it name. */
export const bundlePath = (key: string): string => path.join(snapshotDir(), `${key}.cjs`);
/** Per cache folder and build id, in this grader process: the blob found (or built), or null. */
const found = new Map<string, string | null>();
const foundKey = (id: string): string => `${snapshotDir()}\0${id}`;

function lookUp(id: string): string | null {
  const key = lookUpBuild(snapshotDir(), id);
  if (key === null) return null;
  const blob = blobPath(key);
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
  const replaced = recordBuild(snapshotDir(), id, key, files);
  if (replaced !== null) {
    fs.rmSync(blobPath(replaced), { force: true });
    fs.rmSync(bundlePath(replaced), { force: true });
  }
  found.set(foundKey(id), blobPath(key));
}

export function failureCount(target: SnapshotTarget): number {
  return countBuildFailures(snapshotDir(), buildId(target));
}

/** Whether a snapshot for `target` should be built: none works yet, and building it has not failed too often. */
export function isWorthBuilding(target: SnapshotTarget): boolean {
  return isSnapshotable(target) && findRunnerSnapshot(target) === null && failureCount(target) < MAX_BUILD_FAILURES;
}

/** Counts a failure of `target`'s snapshot, with why, so that one that keeps failing is given up. */
export function recordSnapshotFailure(target: SnapshotTarget, why: string): void {
  recordBuildFailure(snapshotDir(), buildId(target), why);
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
