/**
 * The directories the sandboxed runner may read: the runtime folder and the packages tfjs needs,
 * found by walking their dependencies. Whole `node_modules` is not granted, because a course repo
 * that installs the grader as a dependency keeps its solutions somewhere below it.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Where node finds a package from `fromDir`: the folder it looked in, and that folder's real path. */
function findPackageDir(name: string, fromDir: string): { lookedUp: string; real: string } | null {
  let dir = fromDir;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return { lookedUp: candidate, real: fs.realpathSync(candidate) };
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export interface PackageLocations {
  /** Each package's real directory, sorted. */
  dirs: string[];
  /**
   * The folders the packages were found in before links were followed (`node_modules/@tensorflow`
   * may be a link): what a resolver walking up from `fromDir` asks for before it asks for real paths.
   */
  lookedUp: string[];
}

const cache = new Map<string, PackageLocations>();

/** Package directories of `roots` and everything they depend on (optional ones where present). */
export function collectPackageDirs(roots: string[], fromDir: string): string[] {
  return collectPackageLocations(roots, fromDir).dirs;
}

/** collectPackageDirs, with the paths the packages were found by. */
export function collectPackageLocations(roots: string[], fromDir: string): PackageLocations {
  const key = `${fromDir}\0${roots.join(',')}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const found = new Set<string>();
  const lookedUp = new Set<string>();
  const queue: Array<{ name: string; from: string }> = roots.map((name) => ({ name, from: fromDir }));
  while (queue.length > 0) {
    const { name, from } = queue.shift()!;
    const location = findPackageDir(name, from);
    if (!location) continue;
    lookedUp.add(location.lookedUp);
    const dir = location.real;
    if (found.has(dir)) continue;
    found.add(dir);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
      queue.push({ name: dep, from: dir });
    }
  }
  const locations = { dirs: [...found].sort(), lookedUp: [...lookedUp].sort() };
  cache.set(key, locations);
  return locations;
}
