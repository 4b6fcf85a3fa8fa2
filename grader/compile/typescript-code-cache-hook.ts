/**
 * V8's code cache for TypeScript's compiler: the bytecode of ts-morph and the TypeScript it
 * bundles, as a process that loaded them and compiled a sample had it, so that the compile worker
 * neither compiles their twelve megabytes of JavaScript again nor, on its first file, the
 * functions that transpiling and parsing call. Node's own compile cache (22.1+) keeps only what
 * loading a module compiled, and node 20 has none.
 *
 * The cache is made by the grader's own builder (build-typescript-code-cache.ts), which sees no
 * student's source: V8 trusts a code cache's bytecode once its checksum and the source's length
 * match, so a cache must never come from a process that read untrusted input. The compile worker
 * only reads it, and a cache V8 rejects (another V8, other flags) costs nothing but the plain
 * compile.
 */
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/** How the grader tells a process to compile TypeScript from the cache in a folder. */
export const CODE_CACHE_FLAG = '--typescript-code-cache=';

const requireHere = createRequire(import.meta.url);

/** The files of ts-morph and its TypeScript, as `require('ts-morph')` loads them from here. */
export function typescriptFiles(): string[] {
  const tsMorph = requireHere.resolve('ts-morph');
  const common = createRequire(tsMorph).resolve('@ts-morph/common');
  return [tsMorph, common, path.join(path.dirname(common), 'typescript.js')];
}

/** Where the cache of one of those files lies in a cache's folder. */
export function cacheFileOf(dir: string, file: string): string {
  return path.join(dir, `${path.basename(file)}.v8-code-cache`);
}

/** Newer nodes pass more (the module's format): whatever it is goes on to node's own. */
type Compile = (this: Module, content: string, filename: string, ...rest: unknown[]) => unknown;
const moduleInternals = Module.prototype as unknown as { _compile: Compile };

/** How a file was compiled: from its cache, plainly (none was there), or plainly after V8 refused its cache. */
export type CompiledFrom = 'cache' | 'plain' | 'rejected';

/** Each file compiled through the hook, with its script, for the builder to take the cache of. */
const compiled = new Map<string, { script: vm.Script; from: CompiledFrom }>();

/**
 * From now on, the TypeScript files are compiled with the cache in `dir` (`read`), or compiled
 * plainly and kept for `writeCodeCache` (`produce`). Every other module loads as node loads it.
 */
export function useTypeScriptCodeCache(dir: string, mode: 'read' | 'produce'): void {
  const files = new Set(typescriptFiles());
  const original = moduleInternals._compile;
  moduleInternals._compile = function compileWithCache(this: Module, content: string, filename: string, ...rest: unknown[]): unknown {
    if (!files.has(filename) || compiled.has(filename)) return original.call(this, content, filename, ...rest);
    let cachedData: Buffer | undefined;
    if (mode === 'read') {
      try {
        cachedData = fs.readFileSync(cacheFileOf(dir, filename));
      } catch {
        // No cache for this file: compiled plainly.
      }
    }
    // The same wrapper and arguments as node's own CommonJS loader gives a module.
    const script = new vm.Script(Module.wrap(content), { filename, cachedData });
    compiled.set(filename, { script, from: cachedData === undefined ? 'plain' : script.cachedDataRejected === true ? 'rejected' : 'cache' });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, createRequire(filename), this, filename, path.dirname(filename));
  };
}

/** How each TypeScript file loaded so far was compiled. */
export function compiledFrom(): Record<string, CompiledFrom> {
  return Object.fromEntries([...compiled].map(([file, { from }]) => [file, from]));
}

/** Writes the cache of every TypeScript file compiled so far into `dir`; the files it could not find there are returned. */
export function writeCodeCache(dir: string): string[] {
  const missing = typescriptFiles().filter((file) => !compiled.has(file));
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, { script }] of compiled) fs.writeFileSync(cacheFileOf(dir, file), script.createCachedData());
  return missing;
}
