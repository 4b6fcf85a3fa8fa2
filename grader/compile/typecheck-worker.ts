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
