/**
 * Type checking with TypeScript's own API rather than a ts-morph project: a compiler host that
 * keeps every parsed declaration file for the next submission, reuses the previous program's
 * structure, and skips parsing JSDoc (the tfjs typings are mostly documentation, and comments never
 * change a type). About half the cost of the general-purpose project on a cold start.
 */
import path from 'node:path';
import type { TS } from './typescript.js';
import { morphCommon, ts } from './typescript.js';
import type { Diagnostic } from '../report/types.js';
import { toDiagnostic } from './transpile.js';

/** Where TypeScript's own lib files appear to be; they are served from memory. */
const LIB_DIR = '/__typescript-lib';

const OPTIONS: TS.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  skipLibCheck: true,
  noEmit: true,
  types: [],
  // The language without the DOM: lib.dom.d.ts alone is most of what the default libs parse, and
  // a student's file runs in node, not a browser. What node offers a student is in GLOBALS.
  lib: ['lib.es2022.d.ts'],
};

// The globals a submission may use besides the language itself. `process`, `require` and the like
// are left out on purpose: using them is reported, as the sandbox refuses them anyway.
const GLOBALS = [
  'interface Console { log(...data: unknown[]): void; info(...data: unknown[]): void; warn(...data: unknown[]): void; error(...data: unknown[]): void; debug(...data: unknown[]): void; table(data: unknown): void; time(label?: string): void; timeEnd(label?: string): void; }',
  'declare var console: Console;',
  'declare function setTimeout(callback: (...args: unknown[]) => void, ms?: number): unknown;',
  'declare function clearTimeout(handle: unknown): void;',
  'declare function queueMicrotask(callback: () => void): void;',
  'declare function structuredClone<T>(value: T): T;',
  'declare var performance: { now(): number };',
].join('\n');

export class TypecheckProgram {
  private readonly libs = new Map(morphCommon.getLibFiles().map((file) => [file.fileName, file.text]));
  private readonly cache = new Map<string, TS.SourceFile>();
  private readonly host: TS.CompilerHost;
  private readonly globalsFile: string;
  private submission: { fileName: string; text: string } | null = null;
  private program: TS.Program | undefined;

  /** `dir` must lie below the package root, so that '@tensorflow/tfjs' resolves to its typings. */
  constructor(private readonly dir: string) {
    this.globalsFile = path.join(dir, 'globals.d.ts');
    const host = ts.createCompilerHost(OPTIONS);
    const readFile = host.readFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    const virtualText = (fileName: string): string | undefined => {
      if (fileName === this.submission?.fileName) return this.submission.text;
      if (fileName === this.globalsFile) return GLOBALS;
      if (fileName.startsWith(`${LIB_DIR}/`)) return this.libs.get(path.basename(fileName));
      return undefined;
    };
    host.getDefaultLibLocation = () => LIB_DIR;
    host.getDefaultLibFileName = (options) => `${LIB_DIR}/${ts.getDefaultLibFileName(options)}`;
    host.readFile = (fileName) => virtualText(fileName) ?? readFile(fileName);
    host.fileExists = (fileName) => virtualText(fileName) !== undefined || fileExists(fileName);
    host.jsDocParsingMode = ts.JSDocParsingMode.ParseNone;
    host.getSourceFile = (fileName, languageVersion) => {
      if (fileName === this.submission?.fileName) return ts.createSourceFile(fileName, this.submission.text, languageVersion, true);
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

  /** Type errors in one submission, as warnings at the student's file and line. */
  check(fileName: string, text: string, displayPath: string): Diagnostic[] {
    const file = path.join(this.dir, fileName);
    this.submission = { fileName: file, text };
    this.program = ts.createProgram({ rootNames: [this.globalsFile, file], options: OPTIONS, host: this.host, oldProgram: this.program });
    const sourceFile = this.program.getSourceFile(file);
    if (!sourceFile) throw new Error(`the type checker lost ${displayPath}`);
    return this.program
      .getSemanticDiagnostics(sourceFile)
      .filter((d) => d.category === ts.DiagnosticCategory.Error)
      .map((d) => toDiagnostic(d, displayPath, 'warning'));
  }
}
