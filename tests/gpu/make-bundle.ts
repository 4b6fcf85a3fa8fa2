/**
 * Copies what the grader loads at run time into one folder, for a machine that has neither node
 * nor node_modules (the GPU device check): the compiled grader and, from node_modules, the
 * packages it and the tfjs backends load, each without what node never reads (type declarations,
 * source maps, browser bundles, other platforms' Dawn builds). node_modules as installed is several
 * hundred megabytes; this is a few tens.
 *
 * node dist/tests/gpu/make-bundle.js <out-dir> [platform-arch]   (default: linux-x64)
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../grader/paths.js';
import { collectPackageDirs } from '../../grader/sandbox/readable-paths.js';

/** Beside the grader's own dependencies: the WebGPU backend (tfjs-node and tfjs-node-gpu stay out). */
const EXTRA_ROOTS = ['webgpu', '@tensorflow/tfjs-backend-webgpu'];
/**
 * Of the grader's dependencies, what the device check never loads: it grades with --no-typecheck,
 * and the native type checker is a 27 MB binary (the grader falls back to the JS one without it).
 */
const LEFT_OUT = new Set(['typescript-native']);

/** Never read by node: declarations, maps, documentation. (Folder names are no guide: yaml's code has a doc/.) */
const NEVER = [/\.d\.[cm]?ts$/, /\.map$/, /\.md$/i, /(^|\/)(CHANGELOG|HISTORY)(\.\w+)?$/i, /\.tsbuildinfo$/, /(^|\/)\.github\//];

interface Manifest {
  name: string;
  main?: unknown;
}

/** Which of a package's files to keep, for packages that ship much more than node loads. */
function keeperFor(manifest: Manifest, platform: string): ((file: string) => boolean) | null {
  const main = path.normalize(typeof manifest.main === 'string' ? manifest.main : 'index.js');
  // tfjs packages ship node, browser, ESM and minified bundles side by side; node loads `main`.
  if (manifest.name.startsWith('@tensorflow/')) return (file) => file === 'package.json' || file === main || /^dist\/[^/]+\.wasm$/.test(file);
  // Dawn, prebuilt for five platforms: only the target's.
  if (manifest.name === 'webgpu') return (file) => ['package.json', 'index.js'].includes(file) || file.startsWith(`dist/${platform}/`);
  // Type declarations only.
  if (manifest.name.startsWith('@types/') || manifest.name === '@webgpu/types') return (file) => file === 'package.json';
  return null;
}

function listFiles(dir: string, prefix = ''): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    // A package's own node_modules holds other packages, copied on their own if they are needed.
    if (entry.isDirectory() && entry.name !== 'node_modules') files.push(...listFiles(dir, relative));
    else if (entry.isFile()) files.push(relative);
  }
  return files;
}

function copyPackage(from: string, to: string, platform: string): number {
  const manifest = JSON.parse(fs.readFileSync(path.join(from, 'package.json'), 'utf8')) as Manifest;
  const keep = keeperFor(manifest, platform);
  let bytes = 0;
  for (const file of listFiles(from)) {
    if (NEVER.some((pattern) => pattern.test(file)) && file !== 'package.json') continue;
    if (keep && !keep(file)) continue;
    const target = path.join(to, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(from, file), target);
    bytes += fs.statSync(target).size;
  }
  return bytes;
}

/** dist/ as the grader runs it: tsc's build info, its record for incremental builds, stays behind. */
function copyTree(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true, filter: (source) => !source.endsWith('.tsbuildinfo') });
}

export function makeBundle(outDir: string, platform = 'linux-x64'): { packages: number; bytes: number } {
  const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const modulesRoot = fs.realpathSync(path.join(PROJECT_ROOT, 'node_modules'));
  const dirs = collectPackageDirs([...Object.keys(manifest.dependencies).filter((name) => !LEFT_OUT.has(name)), ...EXTRA_ROOTS], PROJECT_ROOT);
  fs.rmSync(outDir, { recursive: true, force: true });
  let bytes = 0;
  for (const dir of dirs) {
    // Nested packages (webgpu/node_modules/debug) keep their place, so node resolves them the same.
    const relative = path.relative(modulesRoot, dir);
    if (relative.startsWith('..')) throw new Error(`${dir} is outside ${modulesRoot}`);
    bytes += copyPackage(dir, path.join(outDir, 'node_modules', relative), platform);
  }
  copyTree(path.join(PROJECT_ROOT, 'dist'), path.join(outDir, 'dist'));
  return { packages: dirs.length, bytes };
}

const [outDir, platform] = process.argv.slice(2);
if (!outDir) {
  process.stderr.write('usage: node dist/tests/gpu/make-bundle.js <out-dir> [platform-arch]\n');
  process.exit(2);
}
const made = makeBundle(path.resolve(outDir), platform);
process.stdout.write(`${made.packages} packages, ${(made.bytes / 1e6).toFixed(1)} MB of them, and dist/ in ${outDir}\n`);
