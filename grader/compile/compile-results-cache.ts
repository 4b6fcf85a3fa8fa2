/**
 * The compile worker's answers about a file, kept for `check` run again on the same file: a
 * student checks after every edit and often once more without one. An answer is kept under a key
 * of everything it came from: the file's text, name and displayed path, the exercise and the
 * checks asked for, the type checker, and a fingerprint of the grader's compiling code, the
 * exercise's checks and the packages that shape the answer (ts-morph, the native compiler, the
 * tfjs typings). Only complete answers are kept: a compile, or a type check that ended with its
 * diagnostics, never a timeout or a failure, which depend on the machine.
 *
 * The sandboxed checks always run: what is kept is what the grader learnt from reading the source,
 * never what the student's code did.
 */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { cacheDir, DIST_DIR } from '../paths.js';
import type { Diagnostic } from '../report/types.js';
import { sha256, writeAtomically } from '../sandbox/build-cache.js';
import type { CompileResult, SourceFile } from './compile-protocol.js';
import { describeTypechecker, type TypecheckerChoice } from './typechecker.js';

/** Bumped when what an entry holds changes in a way the fingerprint does not show. */
const FORMAT = 1;

/** Entries kept; past this, the least recently written go. A few megabytes. */
const MAX_ENTRIES = 200;

const requireHere = createRequire(import.meta.url);

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return filesUnder(file);
      return entry.isFile() && entry.name.endsWith('.js') ? [file] : [];
    })
    .sort();
}

/** What the worker's answers depend on beyond the file: the code that computes them and the packages it reads. */
function fingerprintOf(exerciseId: string, typechecker: TypecheckerChoice): string {
  const code = [path.join(DIST_DIR, 'grader', 'compile'), path.join(DIST_DIR, 'grader', 'checks'), path.join(DIST_DIR, 'solutions', exerciseId, 'checks')].flatMap(filesUnder);
  const packages = ['ts-morph', '@tensorflow/tfjs', 'typescript-native'].map((name) => {
    try {
      return fs.readFileSync(requireHere.resolve(`${name}/package.json`), 'utf8');
    } catch {
      return `${name}: none`;
    }
  });
  return sha256(JSON.stringify({ format: FORMAT, typechecker: describeTypechecker(typechecker), packages }), ...code.flatMap((file) => [file, fs.readFileSync(file)]));
}

export class CompileResultsCache {
  private constructor(
    private readonly dir: string,
    private readonly fingerprint: string,
  ) {}

  /** The cache for one exercise's files with this type checker; null where the grader's files cannot be read. */
  static open(exerciseId: string, typechecker: TypecheckerChoice): CompileResultsCache | null {
    try {
      return new CompileResultsCache(path.join(cacheDir(), 'compiled'), fingerprintOf(exerciseId, typechecker));
    } catch {
      return null;
    }
  }

  compiled(file: SourceFile, exerciseId: string | null, checkIds: string[] | undefined): CompileResult | undefined {
    return this.read<CompileResult>(this.keyOf('compile', { ...file, exerciseId, checkIds }));
  }

  storeCompiled(file: SourceFile, exerciseId: string | null, checkIds: string[] | undefined, result: CompileResult): void {
    this.write(this.keyOf('compile', { ...file, exerciseId, checkIds }), result);
  }

  typechecked(file: SourceFile): Diagnostic[] | undefined {
    return this.read<Diagnostic[]>(this.keyOf('typecheck', file));
  }

  storeTypechecked(file: SourceFile, diagnostics: Diagnostic[]): void {
    this.write(this.keyOf('typecheck', file), diagnostics);
  }

  private keyOf(kind: 'compile' | 'typecheck', what: object): string {
    return sha256(this.fingerprint, kind, JSON.stringify(what));
  }

  private read<T>(key: string): T | undefined {
    try {
      const entry = JSON.parse(fs.readFileSync(path.join(this.dir, `${key}.json`), 'utf8')) as { key: string; value: T };
      return entry.key === key ? entry.value : undefined;
    } catch {
      return undefined;
    }
  }

  /** Never throws: a cache that cannot be written only means the next run compiles again. */
  private write(key: string, value: unknown): void {
    try {
      writeAtomically(path.join(this.dir, `${key}.json`), JSON.stringify({ key, value }));
      this.prune();
    } catch {
      // An unwritable cache folder.
    }
  }

  private prune(): void {
    const entries = fs.readdirSync(this.dir).filter((name) => name.endsWith('.json'));
    if (entries.length <= MAX_ENTRIES) return;
    const byAge = entries.map((name) => ({ name, mtimeMs: fs.statSync(path.join(this.dir, name)).mtimeMs })).sort((a, b) => a.mtimeMs - b.mtimeMs);
    for (const { name } of byAge.slice(0, entries.length - MAX_ENTRIES)) fs.rmSync(path.join(this.dir, name), { force: true });
  }
}
