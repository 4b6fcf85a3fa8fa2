/**
 * TypeScript's code cache for the compile worker, as the grader keeps it: found by the compile
 * worker's start, built by a process of the grader's own (build-typescript-code-cache.ts) on the
 * first grading that finds none. It is kept (sandbox/build-cache.ts) under a key of the node
 * binary, the worker's V8 flags, the grader's folder and the content of ts-morph's files, in a
 * folder of its own per key, renamed into place only when whole.
 *
 * Whatever goes wrong here leaves the worker to compile TypeScript plainly: slower, never wrong.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cacheDir, DIST_DIR, PROJECT_ROOT } from '../paths.js';
import {
  buildKey,
  describedNode,
  failureCount,
  hashFile,
  lookUpBuild,
  MAX_BUILD_FAILURES,
  recordBuild,
  recordBuildFailure,
  sha256,
} from '../sandbox/build-cache.js';
import { nodeExecutable, permissionFlag } from '../sandbox/layers.js';
import { cacheFileOf, typescriptFiles } from './typescript-code-cache-hook.js';

/**
 * The compile worker's V8 flags. V8 refuses a code cache made under other flags, so the builder
 * runs with these too. Type checking is what needs the room.
 */
export const COMPILE_WORKER_V8_FLAGS = ['--max-old-space-size=2048'];

/** Bumped when what the cache holds changes in a way its files do not show (the samples the builder compiles). */
const CODE_CACHE_FORMAT = 1;

/** What a build may take: a second or two on two busy cores. */
const BUILD_LIMIT_MS = 60_000;

const BUILDER_PATH = path.join(DIST_DIR, 'grader', 'compile', 'build-typescript-code-cache.js');

export function codeCacheRoot(): string {
  return path.join(cacheDir(), 'typescript-code-cache');
}

function buildId(): string {
  return sha256(JSON.stringify({ format: CODE_CACHE_FORMAT, node: describedNode(), v8Flags: COMPILE_WORKER_V8_FLAGS, root: PROJECT_ROOT }));
}

/** Per cache folder, in this grader process: the cache found (or built), or null. */
const found = new Map<string, string | null>();

/** Whether `dir` holds the cache of every TypeScript file. */
function isWhole(dir: string): boolean {
  return typescriptFiles().every((file) => fs.existsSync(cacheFileOf(dir, file)));
}

function lookUp(id: string): string | null {
  const key = lookUpBuild(codeCacheRoot(), id);
  if (key === null) return null;
  const dir = path.join(codeCacheRoot(), key);
  return isWhole(dir) ? dir : null;
}

/** The folder of the code cache the compile worker compiles TypeScript from; null for none. */
export function findTypeScriptCodeCache(): string | null {
  const root = codeCacheRoot();
  if (!found.has(root)) {
    try {
      found.set(root, lookUp(buildId()));
    } catch {
      found.set(root, null);
    }
  }
  return found.get(root) ?? null;
}

/** Runs the builder into `dir`; resolves to why it failed, or null. */
function runBuilder(dir: string): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn(
      nodeExecutable(),
      [...COMPILE_WORKER_V8_FLAGS, permissionFlag(), '--allow-fs-read=*', `--allow-fs-write=${dir}/`, '--disable-warning=ExperimentalWarning', BUILDER_PATH, dir],
      { cwd: PROJECT_ROOT, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8' }, stdio: ['ignore', 'ignore', 'pipe'], timeout: BUILD_LIMIT_MS, killSignal: 'SIGKILL' },
    );
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      if (stderr.length < 8000) stderr += chunk.toString('utf8');
    });
    child.on('error', (error) => resolve(error.message));
    child.on('close', (code, signal) => resolve(code === 0 ? null : `the code cache builder ended with ${code ?? signal}: ${stderr.trim().slice(-2000)}`));
  });
}

async function build(id: string): Promise<void> {
  const root = codeCacheRoot();
  fs.mkdirSync(root, { recursive: true });
  const files = typescriptFiles().map(hashFile);
  const key = buildKey(id, files);
  const dir = path.join(root, key);
  // A folder missing a file (one deleted since) is built again.
  if (fs.existsSync(dir) && !isWhole(dir)) fs.rmSync(dir, { recursive: true, force: true });
  if (!fs.existsSync(dir)) {
    const partial = fs.mkdtempSync(path.join(root, `${key}.${process.pid}.`));
    try {
      const failed = await runBuilder(partial);
      if (failed) return recordBuildFailure(root, id, failed);
      try {
        fs.renameSync(partial, dir);
      } catch (error) {
        // Another grader put the same cache in place meanwhile.
        if (!fs.existsSync(dir)) throw error;
      }
    } finally {
      fs.rmSync(partial, { recursive: true, force: true });
    }
  }
  const replaced = recordBuild(root, id, key, files);
  if (replaced !== null) fs.rmSync(path.join(root, replaced), { recursive: true, force: true });
  found.set(root, dir);
}

const building = new Map<string, Promise<void>>();

/**
 * Makes sure the next compile worker finds a code cache, building it if none is cached; once per
 * cache folder and grader process. Never throws.
 */
export async function prepareTypeScriptCodeCache(): Promise<void> {
  const root = codeCacheRoot();
  let id: string;
  try {
    id = buildId();
    if (findTypeScriptCodeCache() !== null || failureCount(root, id) >= MAX_BUILD_FAILURES) return;
  } catch {
    return;
  }
  let pending = building.get(root);
  if (!pending) {
    pending = build(id)
      .catch((error: unknown) => recordBuildFailure(root, id, String((error as Error)?.stack ?? error)))
      .finally(() => building.delete(root));
    building.set(root, pending);
  }
  await pending;
}
