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
import { cacheDir, DIST_DIR, PROJECT_ROOT } from '../paths.js';
import type { Diagnostic } from '../report/types.js';
import { sha256, writeAtomically } from '../sandbox/build-cache.js';
import { collectPackageDirs } from '../sandbox/readable-paths.js';
import type { CompileResult, SourceFile } from './compile-protocol.js';
import { describeTypechecker, type TypecheckerChoice } from './typechecker.js';

/** Bumped when what an entry holds changes in a way the fingerprint does not show. */
const FORMAT = 1;

/** Entries kept; past this, the least recently written go. */
const MAX_ENTRIES = 200;

/** The largest entry kept: 200 of them stay within a hundred megabytes. */
const MAX_ENTRY_CHARS = 512 * 1024;

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

/**
 * What the worker's answers depend on beyond the file: the grader's code (all of it: the worker's
 * modules reach beyond compile/), the exercise's checks, the node that parses (how deep it can
 * nest), the type checker, and the packages that transpile, parse and type it, the tfjs typings
 * with every package they reach.
 */
function fingerprintOf(exerciseId: string, typechecker: TypecheckerChoice): string {
  const code = [path.join(DIST_DIR, 'grader'), path.join(DIST_DIR, 'solutions', exerciseId, 'checks')].flatMap(filesUnder);
  const typings = collectPackageDirs(['@tensorflow/tfjs'], PROJECT_ROOT);
  const manifests = [
    path.join(PROJECT_ROOT, 'package.json'),
    ...['ts-morph', '@ts-morph/common', 'typescript-native'].flatMap((name) => {
      try {
        return [requireHere.resolve(`${name}/package.json`)];
      } catch {
        return [];
      }
    }),
    ...typings.map((dir) => path.join(dir, 'package.json')),
  ];
  const described = JSON.stringify({ format: FORMAT, node: process.version, typechecker: describeTypechecker(typechecker) });
  return sha256(described, ...[...manifests, ...code].flatMap((file) => [file, fs.existsSync(file) ? fs.readFileSync(file) : 'none']));
}

export class CompileResultsCache {
  /** Taken at the first lookup, which comes after the runner has been started: it reads the grader's code. */
  private fingerprint: string | null = null;

  private constructor(
    private readonly dir: string,
    private readonly exerciseId: string,
    private readonly typechecker: TypecheckerChoice,
  ) {}

  /** The cache for one exercise's files with this type checker. */
  static open(exerciseId: string, typechecker: TypecheckerChoice): CompileResultsCache {
    return new CompileResultsCache(path.join(cacheDir(), 'compiled'), exerciseId, typechecker);
  }

  /**
   * Only a submission's compile is kept, the one with its exercise's static checks: never the
   * reference's or the skeleton's (no exercise), so that no copy of the solution is written here.
   */
  compiled(file: SourceFile, exerciseId: string | null, checkIds: string[] | undefined): CompileResult | undefined {
    return exerciseId === null ? undefined : this.read<CompileResult>(this.keyOf('compile', { ...file, exerciseId, checkIds }));
  }

  storeCompiled(file: SourceFile, exerciseId: string | null, checkIds: string[] | undefined, result: CompileResult): void {
    if (exerciseId !== null) this.write(this.keyOf('compile', { ...file, exerciseId, checkIds }), result);
  }

  /** A type check is found only under the same time limit: under a shorter one, the file may be a bomb. */
  typechecked(file: SourceFile, limitMs: number): Diagnostic[] | undefined {
    return this.read<Diagnostic[]>(this.keyOf('typecheck', { ...file, limitMs }));
  }

  storeTypechecked(file: SourceFile, limitMs: number, diagnostics: Diagnostic[]): void {
    this.write(this.keyOf('typecheck', { ...file, limitMs }), diagnostics);
  }

  /** The key of an answer; null where the grader's files cannot be read, and nothing is kept. */
  private keyOf(kind: 'compile' | 'typecheck', what: object): string | null {
    try {
      this.fingerprint ??= fingerprintOf(this.exerciseId, this.typechecker);
    } catch {
      return null;
    }
    return sha256(this.fingerprint, kind, JSON.stringify(what));
  }

  private read<T>(key: string | null): T | undefined {
    if (key === null) return undefined;
    try {
      const entry = JSON.parse(fs.readFileSync(path.join(this.dir, `${key}.json`), 'utf8')) as { key: string; value: T };
      return entry.key === key ? entry.value : undefined;
    } catch {
      return undefined;
    }
  }

  /** Never throws: a cache that cannot be written only means the next run compiles again. */
  private write(key: string | null, value: unknown): void {
    if (key === null) return;
    try {
      const text = JSON.stringify({ key, value });
      // A file the size of an exercise's makes a few tens of kilobytes; a larger one is not kept.
      if (text.length > MAX_ENTRY_CHARS) return;
      fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      writeAtomically(path.join(this.dir, `${key}.json`), text);
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
