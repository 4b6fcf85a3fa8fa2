/**
 * The directories the sandboxed runner may read: the runtime folder and the packages tfjs needs,
 * found by walking their dependencies. Whole `node_modules` is not granted, because a course repo
 * that installs the grader as a dependency keeps its solutions somewhere below it.
 */
import fs from 'node:fs';
import path from 'node:path';

function findPackageDir(name: string, fromDir: string): string | null {
  let dir = fromDir;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return fs.realpathSync(candidate);
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

const cache = new Map<string, string[]>();

/** Package directories of `roots` and everything they depend on (optional ones where present). */
export function collectPackageDirs(roots: string[], fromDir: string): string[] {
  const key = `${fromDir}\0${roots.join(',')}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const found = new Set<string>();
  const queue: Array<{ name: string; from: string }> = roots.map((name) => ({ name, from: fromDir }));
  while (queue.length > 0) {
    const { name, from } = queue.shift()!;
    const dir = findPackageDir(name, from);
    if (!dir || found.has(dir)) continue;
    found.add(dir);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
      queue.push({ name: dep, from: dir });
    }
  }
  const dirs = [...found].sort();
  cache.set(key, dirs);
  return dirs;
}
