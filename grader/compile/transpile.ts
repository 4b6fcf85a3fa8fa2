/**
 * Turns the student's TypeScript into the CommonJS the runner evaluates. Only syntax errors stop
 * a submission here; type errors come from the type checker and never block running.
 */
import type { TS } from './typescript.js';
import { ts } from './typescript.js';
import type { Diagnostic } from '../report/types.js';

export interface TranspileResult {
  code: string;
  /** Maps stack-trace positions in `code` back to the student's TypeScript. */
  sourceMap: string | undefined;
  syntaxErrors: Diagnostic[];
}

const COMPILER_OPTIONS: TS.CompilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  sourceMap: true,
};

export function toDiagnostic(diagnostic: TS.Diagnostic, displayPath: string, severity: Diagnostic['severity']): Diagnostic {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (diagnostic.file && diagnostic.start !== undefined) {
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return { file: displayPath, line: line + 1, column: character + 1, severity, message };
  }
  return { file: displayPath, line: 1, column: 1, severity, message };
}

export function transpileSubmission(source: string, fileName: string, displayPath: string): TranspileResult {
  const output = ts.transpileModule(source, { compilerOptions: COMPILER_OPTIONS, fileName, reportDiagnostics: true });
  const syntaxErrors = (output.diagnostics ?? [])
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => toDiagnostic(d, displayPath, 'error'));
  return { code: output.outputText, sourceMap: output.sourceMapText, syntaxErrors };
}
