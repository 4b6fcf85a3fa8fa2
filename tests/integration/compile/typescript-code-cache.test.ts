/**
 * TypeScript's code cache for the compile worker: built by the grader's own builder into its cache
 * folder, whole or not at all; a worker started afterwards compiles ts-morph and TypeScript from it
 * and compiles every submission as one without it does; a cache V8 refuses costs only the plain
 * compile.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Compiler } from '../../../grader/compile/compiler.js';
import { CODE_CACHE_FLAG, typescriptFiles, type CompiledFrom } from '../../../grader/compile/typescript-code-cache-hook.js';
import { codeCacheRoot, COMPILE_WORKER_V8_FLAGS, findTypeScriptCodeCache, prepareTypeScriptCodeCache } from '../../../grader/compile/typescript-code-cache.js';
import { DIST_DIR, PROJECT_ROOT } from '../../../grader/paths.js';

const canary = `canary-${randomBytes(12).toString('hex')}`;
const previousCacheDir = process.env.AUTOGRADE_CACHE_DIR;
let cache: string;

beforeAll(async () => {
  cache = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-code-cache-test-'));
  process.env.AUTOGRADE_CACHE_DIR = cache;
  process.env.AUTOGRADE_TEST_CANARY = canary;
  await prepareTypeScriptCodeCache();
}, 60_000);

afterAll(() => {
  delete process.env.AUTOGRADE_TEST_CANARY;
  if (previousCacheDir === undefined) delete process.env.AUTOGRADE_CACHE_DIR;
  else process.env.AUTOGRADE_CACHE_DIR = previousCacheDir;
  fs.rmSync(cache, { recursive: true, force: true });
});

/** How a process with the compile worker's V8 flags compiled each TypeScript file, given `cacheDir` or none. */
function compiledFromIn(cacheDir: string | null): Record<string, CompiledFrom> {
  const url = (file: string): string => JSON.stringify(new URL(`file://${path.join(DIST_DIR, 'grader', 'compile', file)}`).href);
  const script = `await import(${url('typescript.js')}); const { compiledFrom } = await import(${url('typescript-code-cache-hook.js')}); console.log(JSON.stringify(compiledFrom()));`;
  const run = spawnSync(process.execPath, [...COMPILE_WORKER_V8_FLAGS, '--input-type=module', '-e', script, '--', ...(cacheDir ? [`${CODE_CACHE_FLAG}${cacheDir}`] : [])], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Record<string, CompiledFrom>;
}

const fixtures = ['solutions/qkv-projection/qkv-projection.ts', 'exercises/qkv-projection/qkv-projection.ts', 'tests/fixtures/qkv-projection/fail/syntax-error/qkv-projection.ts', 'tests/fixtures/qkv-projection/fail/partial/qkv-projection.ts'];

async function compileAll(): Promise<unknown[]> {
  const compiler = new Compiler();
  try {
    const results: unknown[] = [];
    for (const fixture of fixtures) {
      const source = fs.readFileSync(path.join(PROJECT_ROOT, fixture), 'utf8');
      const outcome = await compiler.compile({ source, fileName: 'qkv-projection.ts', displayPath: fixture }, 'qkv-projection');
      expect(outcome.kind).toBe('compiled');
      results.push((outcome as { result: unknown }).result);
    }
    return results;
  } finally {
    compiler.close();
  }
}

describe('the TypeScript code cache', () => {
  it('is built into a folder of its own under its key, one file per TypeScript file, with a manifest and nothing partial left', () => {
    const dir = findTypeScriptCodeCache();
    expect(dir).not.toBeNull();
    expect(path.dirname(dir!)).toBe(codeCacheRoot());
    expect(fs.readdirSync(dir!).sort()).toEqual(typescriptFiles().map((file) => `${path.basename(file)}.v8-code-cache`).sort());
    const entries = fs.readdirSync(codeCacheRoot());
    expect(entries.filter((name) => name.endsWith('.json'))).toHaveLength(1);
    expect(entries.filter((name) => name !== path.basename(dir!) && !name.endsWith('.json'))).toEqual([]);
  });

  it("holds nothing of the grader's environment", () => {
    const dir = findTypeScriptCodeCache()!;
    for (const name of fs.readdirSync(dir)) expect(fs.readFileSync(path.join(dir, name)).includes(canary)).toBe(false);
  });

  it('is what a process given it compiles TypeScript from, with the worker\'s flags; without it node loads TypeScript itself', () => {
    const dir = findTypeScriptCodeCache()!;
    const expected = Object.fromEntries(typescriptFiles().map((file) => [file, 'cache']));
    expect(compiledFromIn(dir)).toEqual(expected);
    // Without the flag nothing goes through the hook at all: node's own loader compiles TypeScript.
    expect(compiledFromIn(null)).toEqual({});
  });

  it('compiles every submission as a worker without it does, and one V8 refuses changes nothing either', async () => {
    const withCache = await compileAll();
    const dir = findTypeScriptCodeCache()!;
    const saved = new Map(fs.readdirSync(dir).map((name) => [name, fs.readFileSync(path.join(dir, name))]));
    try {
      // Caches of another V8 (their header names its version): refused, and compiled plainly.
      for (const [name, content] of saved) {
        const other = Buffer.from(content);
        other.writeUInt32LE((other.readUInt32LE(4) ^ 0xffffffff) >>> 0, 4);
        fs.writeFileSync(path.join(dir, name), other);
      }
      expect(new Set(Object.values(compiledFromIn(dir)))).toEqual(new Set(['rejected']));
      const refused = await compileAll();
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir);
      const plain = await compileAll();
      expect(withCache).toEqual(plain);
      expect(refused).toEqual(plain);
    } finally {
      for (const [name, content] of saved) fs.writeFileSync(path.join(dir, name), content);
    }
  }, 60_000);
});
