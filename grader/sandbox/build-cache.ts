/**
 * What the grader builds once and keeps in its cache folder, for processes it starts later: the
 * runners' startup snapshots (runner-snapshot.ts) and V8's code cache of TypeScript for the compile
 * worker (compile/typescript-code-cache.ts). Each build is kept under a key of everything it was
 * made from, the node binary among them, and the files it was made from are listed in a manifest
 * with the size and modification time at which each was hashed, so that finding a build hashes
 * again only a file that changed.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { nodeExecutable } from './layers.js';

/** A file a build was made from, as it was when it was hashed. */
export interface BuiltFrom {
  file: string;
  size: number;
  mtimeMs: number;
  sha256: string;
}

interface Manifest {
  key: string;
  files: BuiltFrom[];
}

export function sha256(...parts: Array<string | Buffer>): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

let describedNodeCache: string | undefined;

/** The node that builds and the processes that use a build: the same binary, or no match. */
export function describedNode(): string {
  if (describedNodeCache) return describedNodeCache;
  const executable = fs.realpathSync(nodeExecutable());
  const { size, mtimeMs } = fs.statSync(executable);
  describedNodeCache = JSON.stringify({ version: process.version, executable, size, mtimeMs, platform: process.platform, arch: process.arch });
  return describedNodeCache;
}

/** The key of a build: its id (what it is built for) and the content of every file it was made from. */
export function buildKey(id: string, files: BuiltFrom[]): string {
  return sha256(id, ...files.map((f) => `\0${f.file}\0${f.sha256}`));
}

export function hashFile(file: string): BuiltFrom {
  const content = fs.readFileSync(file);
  const { size, mtimeMs } = fs.statSync(file);
  return { file, size, mtimeMs, sha256: sha256(content) };
}

/** Writes `content` whole, then renames it into place: a reader never sees half of it. */
export function writeAtomically(file: string, content: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  fs.writeFileSync(partial, content);
  fs.renameSync(partial, file);
}

/** The files of a manifest as they are now: the recorded hash where a file is unchanged; null if one is gone. */
function currentFiles(recorded: BuiltFrom[]): BuiltFrom[] | null {
  const files: BuiltFrom[] = [];
  for (const entry of recorded) {
    const stat = fs.statSync(entry.file, { throwIfNoEntry: false });
    if (!stat) return null;
    files.push(stat.size === entry.size && stat.mtimeMs === entry.mtimeMs ? entry : hashFile(entry.file));
  }
  return files;
}

const manifestPath = (dir: string, id: string): string => path.join(dir, `${id}.json`);

/**
 * The key of the build of `id` recorded in `dir`, if every file it was made from is as it was; null
 * when there is none, or a file changed since (tfjs updated, the grader rebuilt: another key).
 */
export function lookUpBuild(dir: string, id: string): string | null {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestPath(dir, id), 'utf8')) as Manifest;
  } catch {
    return null;
  }
  const files = Array.isArray(manifest.files) ? currentFiles(manifest.files) : null;
  if (files === null || buildKey(id, files) !== manifest.key) return null;
  return manifest.key;
}

/** Records a build of `id` just made; returns the key of the build it replaces, for its files to be removed. */
export function recordBuild(dir: string, id: string, key: string, files: BuiltFrom[]): string | null {
  let replaced: unknown = null;
  try {
    replaced = (JSON.parse(fs.readFileSync(manifestPath(dir, id), 'utf8')) as Manifest).key;
  } catch {
    // The first build of this id.
  }
  writeAtomically(manifestPath(dir, id), JSON.stringify({ key, files } satisfies Manifest));
  return typeof replaced === 'string' && /^[0-9a-f]{64}$/.test(replaced) && replaced !== key ? replaced : null;
}

/** After this many failures of one id (to build, or to use what was built), the grader stops trying it. */
export const MAX_BUILD_FAILURES = 3;

const failuresPath = (dir: string, id: string): string => path.join(dir, `${id}.failures`);

export function failureCount(dir: string, id: string): number {
  try {
    return Number(fs.readFileSync(failuresPath(dir, id), 'utf8').split('\n')[0]) || 0;
  } catch {
    return 0;
  }
}

/** Counts a failure of the build of `id`, with why, so that one that keeps failing is given up. */
export function recordBuildFailure(dir: string, id: string, why: string): void {
  try {
    writeAtomically(failuresPath(dir, id), `${failureCount(dir, id) + 1}\n${why.slice(0, 4000)}\n`);
  } catch {
    // An unwritable cache only means the next grader tries again.
  }
}
