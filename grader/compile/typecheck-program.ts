/**
 * Type checking with TypeScript's JS compiler (ts-morph's), where the native one is not installed
 * (see native-typecheck.ts), and what both share: the options, the globals and the grouping.
 *
 * TypeScript's own API rather than a ts-morph project: a compiler host that keeps every parsed
 * declaration file for the next submission, reuses the previous program's structure, and skips
 * parsing JSDoc (the tfjs typings are mostly documentation, and comments never change a type).
 * About half the cost of the general-purpose project on a cold start. The host serves the
 * submissions, the globals and the libs from memory and nothing from the disk but what
 * TypecheckFiles allows.
 *
 * Several submissions can share one program. Most of a type check is the checker resolving the
 * tfjs typings a file touches, and a new program starts that from nothing: one file alone costs
 * about 190 ms of CPU once warm, a group of sixteen about 25 ms each. Files in a group are each
 * their own module in their own folder, so one never sees another's declarations; a file that
 * could reach outside itself (`declare global`, a module augmentation, a triple-slash reference,
 * any import other than tfjs) is checked alone, so its diagnostics are the same either way.
 */
import path from 'node:path';
import type { TS } from './typescript.js';
import { morphCommon, ts } from './typescript.js';
import type { Diagnostic } from '../report/types.js';
import { toDiagnostic } from './transpile.js';
import { TypecheckFiles, TYPINGS_ROOT_PACKAGE } from './typecheck-files.js';

/** Where TypeScript's own lib files appear to be; they are served from memory. */
const LIB_DIR = '/__typescript-lib';

/**
 * How a submission is type-checked, as a tsconfig writes it: the native checker reads it so, and
 * the JS checker converts it (SUBMISSION_COMPILER_OPTIONS), so that both check with one list.
 */
export const SUBMISSION_TSCONFIG_OPTIONS = {
  strict: true,
  target: 'es2022',
  module: 'nodenext',
  moduleResolution: 'nodenext',
  skipLibCheck: true,
  noEmit: true,
  types: [],
  // The language without the DOM: lib.dom.d.ts alone is most of what the default libs parse, and
  // a student's file runs in node, not a browser. What node offers a student is in GLOBALS.
  lib: ['es2022'],
  // Every file is a module, as it is when it runs: a file without imports must not be a script
  // whose top-level names clash with the globals, or with another submission in the same program.
  moduleDetection: 'force',
};

/** How a submission is type-checked; also what other tools that type student code use. */
export const SUBMISSION_COMPILER_OPTIONS: TS.CompilerOptions = ts.convertCompilerOptionsFromJson(SUBMISSION_TSCONFIG_OPTIONS, '/').options;

/** The only module a submission may import; anything else could be another submission. */
const SHAREABLE_IMPORTS = new Set([TYPINGS_ROOT_PACKAGE]);

/** Whether a file's types can depend on nothing but itself, the libs and tfjs. */
export function isSelfContained(source: string): boolean {
  const info = ts.preProcessFile(source, true, true);
  return (
    info.importedFiles.every((file) => SHAREABLE_IMPORTS.has(file.fileName)) &&
    info.referencedFiles.length === 0 &&
    info.typeReferenceDirectives.length === 0 &&
    info.libReferenceDirectives.length === 0 &&
    (info.ambientExternalModules ?? []).length === 0 &&
    // Text, not syntax: a comment that mentions it only costs a file its group.
    !/\bdeclare\s+(global|module)\b/.test(source)
  );
}

export interface FileToCheck {
  fileName: string;
  source: string;
  displayPath: string;
}

// The globals a submission may use besides the language itself. `process`, `require` and the like
// are left out on purpose: using them is reported, as the sandbox refuses them anyway.
export const GLOBALS = [
  'interface Console { log(...data: unknown[]): void; info(...data: unknown[]): void; warn(...data: unknown[]): void; error(...data: unknown[]): void; debug(...data: unknown[]): void; table(data: unknown): void; time(label?: string): void; timeEnd(label?: string): void; }',
  'declare var console: Console;',
  'declare function setTimeout(callback: (...args: unknown[]) => void, ms?: number): unknown;',
  'declare function clearTimeout(handle: unknown): void;',
  'declare function queueMicrotask(callback: () => void): void;',
  'declare function structuredClone<T>(value: T): T;',
  'declare var performance: { now(): number };',
].join('\n');

/**
 * Self-contained files share one program; the others get one each. Diagnostics come back in the
 * order the files were given, whichever checker `checkInOneProgram` runs.
 */
export function checkInGroups(files: FileToCheck[], checkInOneProgram: (group: FileToCheck[]) => Diagnostic[][]): Diagnostic[][] {
  const results = new Array<Diagnostic[]>(files.length);
  const indexed = files.map((file, index) => ({ file, index }));
  const shared = indexed.filter(({ file }) => isSelfContained(file.source));
  const alone = indexed.filter(({ file }) => !isSelfContained(file.source));
  for (const group of [shared, ...alone.map((one) => [one])]) {
    if (group.length === 0) continue;
    const diagnostics = checkInOneProgram(group.map(({ file }) => file));
    group.forEach(({ index }, k) => (results[index] = diagnostics[k]));
  }
  return results;
}

/** The same checker a native checker stands in for, and the one that runs where it is not installed. */
export interface SubmissionTypechecker {
  checkMany(files: FileToCheck[]): Diagnostic[][];
  close(): void;
}

export class TypecheckProgram implements SubmissionTypechecker {
  private readonly libs = new Map(morphCommon.getLibFiles().map((file) => [file.fileName, file.text]));
  private readonly cache = new Map<string, TS.SourceFile>();
  private readonly host: TS.CompilerHost;
  private readonly globalsFile: string;
  /** The submissions of the program being built, by their path in the virtual folder. */
  private submissions = new Map<string, string>();
  private program: TS.Program | undefined;

  /** `dir` must lie below the package root, so that '@tensorflow/tfjs' resolves to its typings. */
  constructor(private readonly dir: string) {
    this.globalsFile = path.join(dir, 'globals.d.ts');
    const host = ts.createCompilerHost(SUBMISSION_COMPILER_OPTIONS);
    const disk = new TypecheckFiles();
    const virtualText = (fileName: string): string | undefined => {
      const submission = this.submissions.get(fileName);
      if (submission !== undefined) return submission;
      if (fileName === this.globalsFile) return GLOBALS;
      if (fileName.startsWith(`${LIB_DIR}/`)) return this.libs.get(path.basename(fileName));
      return undefined;
    };
    host.getDefaultLibLocation = () => LIB_DIR;
    host.getDefaultLibFileName = (options) => `${LIB_DIR}/${ts.getDefaultLibFileName(options)}`;
    host.readFile = (fileName) => virtualText(fileName) ?? disk.readFile(fileName);
    host.fileExists = (fileName) => virtualText(fileName) !== undefined || disk.fileExists(fileName);
    host.directoryExists = (dirName) => this.isVirtualDir(dirName) || disk.directoryExists(dirName);
    host.realpath = (fileName) => (virtualText(fileName) !== undefined ? fileName : disk.realpath(fileName));
    host.getDirectories = () => [];
    host.jsDocParsingMode = ts.JSDocParsingMode.ParseNone;
    host.getSourceFile = (fileName, languageVersion) => {
      const submission = this.submissions.get(fileName);
      if (submission !== undefined) return ts.createSourceFile(fileName, submission, languageVersion, true);
      const cached = this.cache.get(fileName);
      if (cached) return cached;
      const text = host.readFile(fileName);
      if (text === undefined) return undefined;
      const sourceFile = ts.createSourceFile(fileName, text, languageVersion, false);
      this.cache.set(fileName, sourceFile);
      return sourceFile;
    };
    this.host = host;
  }

  /** Type errors in each file, as warnings at the student's file and line, in the order given. */
  checkMany(files: FileToCheck[]): Diagnostic[][] {
    return checkInGroups(files, (group) => this.checkInOneProgram(group));
  }

  close(): void {
    this.program = undefined;
    this.cache.clear();
  }

  private isVirtualDir(dirName: string): boolean {
    const dir = path.normalize(dirName);
    return dir === this.dir || [...this.submissions.keys()].some((file) => path.dirname(file) === dir);
  }

  private checkInOneProgram(files: FileToCheck[]): Diagnostic[][] {
    // Each in a folder of its own, under the name the exercise gives it.
    const paths = files.map((file, k) => path.join(this.dir, String(k), file.fileName));
    this.submissions = new Map(paths.map((p, k) => [p, files[k].source]));
    this.program = ts.createProgram({ rootNames: [this.globalsFile, ...paths], options: SUBMISSION_COMPILER_OPTIONS, host: this.host, oldProgram: this.program });
    const program = this.program;
    return files.map((file, k) => {
      const sourceFile = program.getSourceFile(paths[k]);
      if (!sourceFile) throw new Error(`the type checker lost ${file.displayPath}`);
      return program
        .getSemanticDiagnostics(sourceFile)
        .filter((d) => d.category === ts.DiagnosticCategory.Error)
        .map((d) => toDiagnostic(d, file.displayPath, 'warning'));
    });
  }
}
