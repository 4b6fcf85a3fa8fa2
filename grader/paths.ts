/**
 * Where things are. The grader runs both from `dist/` (the CLI) and from source (the tests), so
 * paths are found from the package root rather than from this file's own location.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === 'autograde') {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`autograde's package.json was not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

export const PROJECT_ROOT = findProjectRoot();
export const DIST_DIR = path.join(PROJECT_ROOT, 'dist');
/** The sandboxed runner always runs compiled, from `dist/`, whichever way the grader itself runs. */
export const RUNTIME_DIR = path.join(DIST_DIR, 'grader', 'runtime');
export const RUNNER_PATH = path.join(RUNTIME_DIR, 'runner.js');
/** Asks WebGPU for an adapter inside the sandbox, once per grader run. */
export const PROBE_PATH = path.join(RUNTIME_DIR, 'adapter-probe.js');
export const EXERCISES_DIR = path.join(PROJECT_ROOT, 'exercises');
export const SOLUTIONS_DIR = path.join(PROJECT_ROOT, 'solutions');
export const RUBRICS_DIR = path.join(PROJECT_ROOT, 'rubrics');
