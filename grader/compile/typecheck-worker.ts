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
  },
  skipAddingFilesFromTsConfig: true,
});

// A path below the package root, so that '@tensorflow/tfjs' resolves to the installed typings.
const virtualDir = path.join(PROJECT_ROOT, '.autograde-typecheck');

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
