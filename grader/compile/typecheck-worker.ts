/**
 * Type-checks submissions in a process of its own, so that the ~1 s it takes to load the tfjs
 * typings is paid once per grader run and overlaps with sandboxed execution, and so that a
 * type-level bomb can be stopped from outside without touching the grader.
 */
import path from 'node:path';
import { Project, ts } from 'ts-morph';
import { PROJECT_ROOT } from '../paths.js';
import { toDiagnostic } from './transpile.js';
import type { TypecheckRequest, TypecheckResponse } from './typecheck-protocol.js';

const project = new Project({
  compilerOptions: {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    noEmit: true,
    types: [],
    // The language without the DOM: lib.dom.d.ts alone is most of what the default libs parse,
    // and a student's file runs in node, not a browser. What node offers a student is below.
    lib: ['lib.es2022.d.ts'],
  },
  skipAddingFilesFromTsConfig: true,
});

// A path below the package root, so that '@tensorflow/tfjs' resolves to the installed typings.
const virtualDir = path.join(PROJECT_ROOT, '.autograde-typecheck');

// The globals a submission may use besides the language itself. `process`, `require` and the
// like are left out on purpose: using them is reported, as the sandbox refuses them anyway.
project.createSourceFile(
  path.join(virtualDir, 'globals.d.ts'),
  [
    'interface Console { log(...data: unknown[]): void; info(...data: unknown[]): void; warn(...data: unknown[]): void; error(...data: unknown[]): void; debug(...data: unknown[]): void; table(data: unknown): void; time(label?: string): void; timeEnd(label?: string): void; }',
    'declare var console: Console;',
    'declare function setTimeout(callback: (...args: unknown[]) => void, ms?: number): unknown;',
    'declare function clearTimeout(handle: unknown): void;',
    'declare function queueMicrotask(callback: () => void): void;',
    'declare function structuredClone<T>(value: T): T;',
    'declare var performance: { now(): number };',
  ].join('\n'),
  { overwrite: true },
);

// Loading the tfjs typings is most of the cost; doing it before the first request arrives moves
// it off the grading path, since the grader starts this worker first thing.
const warmUp = project.createSourceFile(path.join(virtualDir, 'warm-up.ts'), "import * as tf from '@tensorflow/tfjs';\nexport const t: tf.Tensor = tf.zeros([1]);\n", { overwrite: true });
project.getProgram().compilerObject.getSemanticDiagnostics(warmUp.compilerNode);
project.removeSourceFile(warmUp);

process.on('message', (raw: unknown) => {
  const request = raw as TypecheckRequest;
  const file = project.createSourceFile(path.join(virtualDir, `${request.id}`, request.fileName), request.source, { overwrite: true });
  try {
    const diagnostics = project
      .getProgram()
      .compilerObject.getSemanticDiagnostics(file.compilerNode)
      .filter((d) => d.category === ts.DiagnosticCategory.Error)
      .map((d) => toDiagnostic(d, request.displayPath, 'warning'));
    const response: TypecheckResponse = { id: request.id, diagnostics };
    process.send!(response);
  } finally {
    project.removeSourceFile(file);
  }
});
