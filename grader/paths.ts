/**
 * Where things are. The grader runs both from `dist/` (the CLI) and from source (the tests), so
 * paths are found from the package root rather than from this file's own location.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What this copy of the grader is. The instructor's grader has every exercise with its solution; a
 * student kit (made by `autograde release`) has one exercise, its visible checks only, and the
 * reference's answers to them computed ahead, with no solution at all. Its package.json says which.
 */
export type Installation = { role: 'grader' } | { role: 'student-kit'; exercise: string };

interface Manifest {
  name?: string;
  version?: string;
  autograde?: Installation;
}

/** The package root: the nearest package.json above this file that says it is autograde's. */
function findPackage(): { root: string; installation: Installation } {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    const parsed = fs.existsSync(manifest) ? (JSON.parse(fs.readFileSync(manifest, 'utf8')) as Manifest) : null;
    if (parsed?.autograde?.role === 'grader' || parsed?.autograde?.role === 'student-kit') return { root: dir, installation: parsed.autograde };
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`autograde's package.json was not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

const found = findPackage();
export const PROJECT_ROOT = found.root;
export const INSTALLATION: Installation = found.installation;
export const DIST_DIR = path.join(PROJECT_ROOT, 'dist');
/** The sandboxed runner always runs compiled, from `dist/`, whichever way the grader itself runs. */
export const RUNTIME_DIR = path.join(DIST_DIR, 'grader', 'runtime');
/** The runner: node runs this file (the plain start), or its snapshot holds it (SNAPSHOT_START_PATH). */
export const RUNNER_PATH = path.join(RUNTIME_DIR, 'runner.js');
/** The runner's start from a snapshot: bundled with tfjs, and run once to build the snapshot. */
export const SNAPSHOT_START_PATH = path.join(RUNTIME_DIR, 'start-from-snapshot.js');
/** Asks WebGPU for an adapter inside the sandbox, once per grader run. */
export const PROBE_PATH = path.join(RUNTIME_DIR, 'adapter-probe.js');
export const EXERCISES_DIR = path.join(PROJECT_ROOT, 'exercises');
export const SOLUTIONS_DIR = path.join(PROJECT_ROOT, 'solutions');
export const RUBRICS_DIR = path.join(PROJECT_ROOT, 'rubrics');
/** In a student kit: the reference's answers to the visible checks, one file per exercise. */
export const KIT_REFERENCE_DIR = path.join(PROJECT_ROOT, 'reference');

/**
 * Where the grader keeps what it computes once and reuses (the reference's answers, the runner's
 * startup snapshots): `$AUTOGRADE_CACHE_DIR`, else the XDG cache directory; never inside the
 * sandbox's view.
 */
export function cacheDir(): string {
  return process.env.AUTOGRADE_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'autograde');
}
