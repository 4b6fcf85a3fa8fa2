/**
 * The grader's folders are layers (ARCHITECTURE.md draws them): a file may import its own folder
 * and the layers below it, never one above. Read from the source's import statements, so that a
 * type shared by two layers has to live in the lower one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../grader/paths.js';

/** Higher imports lower; folders of one rank are peers and may import each other. */
const LAYERS: Record<string, number> = {
  cli: 10,
  batch: 9,
  authoring: 9,
  release: 9,
  gradescope: 9,
  pipeline: 8,
  reporters: 7.5,
  reference: 7,
  compile: 7,
  sandbox: 7,
  backend: 7,
  exercise: 6,
  checks: 5,
  scoring: 4,
  report: 3,
  rubric: 3,
  runtime: 1,
  // errors.ts, paths.ts, version.ts: what every layer may use.
  '.': 0,
};

const GRADER = path.join(PROJECT_ROOT, 'grader');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every module a file names: static imports and re-exports, `import()` and `typeof import()`. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found = [...text.matchAll(/\bfrom\s+'([^']+)'|\bimport\s*\(\s*'([^']+)'\s*\)|^\s*import\s+'([^']+)'/gm)];
  return found.map((match) => match[1] ?? match[2] ?? match[3]);
}

/** The folder of grader/ a file is in: `pipeline`, or `.` for grader/ itself. */
function layerOf(file: string): string {
  const relative = path.relative(GRADER, file);
  return relative.includes(path.sep) ? relative.split(path.sep)[0] : '.';
}

interface Edge {
  from: string;
  to: string;
  specifier: string;
}

function graderEdges(): Edge[] {
  return sourceFiles(GRADER).flatMap((file) =>
    importsOf(file)
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => ({ from: file, to: path.resolve(path.dirname(file), specifier).replace(/\.js$/, '.ts'), specifier })),
  );
}

const name = (file: string): string => path.relative(PROJECT_ROOT, file);

describe('the layers of grader/', () => {
  it('has a layer for every folder', () => {
    const folders = fs.readdirSync(GRADER, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(folders.filter((folder) => !(folder in LAYERS))).toEqual([]);
  });

  it('imports point down the layers, never up', () => {
    const upward = graderEdges()
      .filter(({ from, to }) => LAYERS[layerOf(to)] > LAYERS[layerOf(from)])
      .map(({ from, to }) => `${name(from)} imports ${name(to)}: ${layerOf(from)} (layer ${LAYERS[layerOf(from)]}) may not import ${layerOf(to)} (layer ${LAYERS[layerOf(to)]}); move what both need down to a layer below them`);
    expect(upward).toEqual([]);
  });

  it('keeps the runner (grader/runtime, inside the sandbox) to node builtins and its own folder', () => {
    // Only this folder is readable inside the sandbox, so anything else it imported would fail there.
    const runtime = path.join(GRADER, 'runtime');
    const outside = sourceFiles(runtime).flatMap((file) =>
      importsOf(file)
        .filter((specifier) => !specifier.startsWith('node:') && !(specifier.startsWith('./') && !specifier.slice(2).includes('/')))
        .map((specifier) => `${name(file)} imports '${specifier}'`),
    );
    // Type-only imports of tfjs are erased at build time and never loaded in the sandbox.
    expect(outside.filter((line) => !/'@tensorflow\/tfjs[^']*'|'webgpu'/.test(line) || !isTypeOnly(line))).toEqual([]);
  });

  it("lets an exercise's checks reach the grader only through grader/checks/index.ts, the check-writing API", () => {
    const solutions = path.join(PROJECT_ROOT, 'solutions');
    const api = path.join(GRADER, 'checks', 'index.ts');
    const reaching = sourceFiles(solutions).flatMap((file) =>
      importsOf(file)
        .filter((specifier) => specifier.startsWith('.'))
        .map((specifier) => path.resolve(path.dirname(file), specifier).replace(/\.js$/, '.ts'))
        .filter((target) => target.startsWith(GRADER + path.sep) && target !== api)
        .map((target) => `${name(file)} imports ${name(target)}`),
    );
    expect(reaching).toEqual([]);
  });

  it('finds the imports it judges (the test cannot pass by reading nothing)', () => {
    const edges = graderEdges();
    expect(edges.length).toBeGreaterThan(200);
    expect(edges.some(({ from, to }) => layerOf(from) === 'pipeline' && layerOf(to) === 'sandbox')).toBe(true);
  });
});

/** Whether the import that a line names is type-only in its file. */
function isTypeOnly(line: string): boolean {
  const [file, specifier] = /^(.*) imports '(.*)'$/.exec(line)!.slice(1);
  const text = fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
  const escaped = specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const statements = [...text.matchAll(new RegExp(`^.*(?:from\\s+'${escaped}'|import\\s*\\(\\s*'${escaped}'\\s*\\)).*$`, 'gm'))].map((m) => m[0]);
  return statements.every((statement) => /^\s*import\s+type\b|typeof\s+import\s*\(/.test(statement));
}
