/**
 * The compile worker's answers kept for `check` run again: found only for the same text, name,
 * displayed path, exercise, checks and type checker; an entry that is not whole is no entry; and
 * the folder stays bounded.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CompileResultsCache } from '../../../grader/compile/compile-results-cache.js';
import type { CompileResult } from '../../../grader/compile/compile-protocol.js';
import type { TypecheckerChoice } from '../../../grader/compile/typechecker.js';

const js: TypecheckerChoice = { kind: 'js' };
const file = { source: 'export const x: number = 1;\n', fileName: 'qkv-projection.ts', displayPath: 'qkv-projection.ts' };
const result: CompileResult = { code: 'exports.x = 1;', sourceMap: undefined, errors: [], exports: ['x'], stubs: [], staticFindings: {} };
const diagnostics = [{ file: 'qkv-projection.ts', line: 1, column: 14, severity: 'error' as const, message: "Type 'string' is not assignable to type 'number'." }];

const previous = process.env.AUTOGRADE_CACHE_DIR;
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-compiled-unit-'));
  process.env.AUTOGRADE_CACHE_DIR = dir;
});

afterEach(() => {
  if (previous === undefined) delete process.env.AUTOGRADE_CACHE_DIR;
  else process.env.AUTOGRADE_CACHE_DIR = previous;
  fs.rmSync(dir, { recursive: true, force: true });
});

const open = (exerciseId = 'qkv-projection', typechecker: TypecheckerChoice = js): CompileResultsCache => CompileResultsCache.open(exerciseId, typechecker);

describe('the compile results cache', () => {
  it('finds a compile and a type check again for the same file, in a later process as in this one', () => {
    open().storeCompiled(file, 'qkv-projection', undefined, result);
    open().storeTypechecked(file, 30_000, diagnostics);
    expect(open().compiled(file, 'qkv-projection', undefined)).toEqual(result);
    expect(open().typechecked(file, 30_000)).toEqual(diagnostics);
  });

  it('finds nothing for another text, name, displayed path, exercise, set of checks or type checker', () => {
    open().storeCompiled(file, 'qkv-projection', undefined, result);
    open().storeTypechecked(file, 30_000, diagnostics);
    expect(open().compiled({ ...file, source: `${file.source} ` }, 'qkv-projection', undefined)).toBeUndefined();
    expect(open().compiled({ ...file, fileName: 'other.ts' }, 'qkv-projection', undefined)).toBeUndefined();
    // Diagnostics and messages name the file as displayed.
    expect(open().compiled({ ...file, displayPath: 'elsewhere/qkv-projection.ts' }, 'qkv-projection', undefined)).toBeUndefined();
    expect(open().compiled(file, 'qkv-projection', ['projection.shape-3d'])).toBeUndefined();
    expect(open('scaled-attention').compiled(file, 'qkv-projection', undefined)).toBeUndefined();
    expect(open('qkv-projection', { kind: 'native', executable: '/nowhere/tsc', version: '7.0.2' }).typechecked(file, 30_000)).toBeUndefined();
    expect(open().typechecked({ ...file, source: '' }, 30_000)).toBeUndefined();
    // Under a shorter limit the same file might not have been checked in time.
    expect(open().typechecked(file, 5_000)).toBeUndefined();
    // Neither the reference's compile nor the skeleton's (no exercise) is ever kept.
    open().storeCompiled(file, null, undefined, result);
    expect(open().compiled(file, null, undefined)).toBeUndefined();
  });

  it('takes an entry that is not whole, or not its own, for none', () => {
    const cache = open();
    cache.storeCompiled(file, 'qkv-projection', undefined, result);
    const [name] = fs.readdirSync(path.join(dir, 'compiled'));
    const entry = path.join(dir, 'compiled', name);
    fs.writeFileSync(entry, fs.readFileSync(entry, 'utf8').slice(0, 20));
    expect(cache.compiled(file, 'qkv-projection', undefined)).toBeUndefined();
    fs.writeFileSync(entry, JSON.stringify({ key: 'another', value: result }));
    expect(cache.compiled(file, 'qkv-projection', undefined)).toBeUndefined();
  });

  it('keeps no entry larger than a few hundred kilobytes', () => {
    const cache = open();
    const huge = { ...result, code: 'x'.repeat(600 * 1024) };
    cache.storeCompiled(file, 'qkv-projection', undefined, huge);
    expect(cache.compiled(file, 'qkv-projection', undefined)).toBeUndefined();
  });

  it('keeps the folder bounded, dropping the entries written longest ago', () => {
    const cache = open();
    const source = (i: number): typeof file => ({ ...file, source: `// ${i}\n` });
    for (let i = 0; i < 200; i++) cache.storeTypechecked(source(i), 30_000, []);
    const folder = path.join(dir, 'compiled');
    const anHourAgo = new Date(Date.now() - 3_600_000);
    for (const name of fs.readdirSync(folder)) fs.utimesSync(path.join(folder, name), anHourAgo, anHourAgo);
    for (let i = 200; i < 205; i++) cache.storeTypechecked(source(i), 30_000, []);
    expect(fs.readdirSync(folder)).toHaveLength(200);
    for (let i = 200; i < 205; i++) expect(cache.typechecked(source(i), 30_000)).toEqual([]);
  });
});
