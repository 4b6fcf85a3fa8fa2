/** Messages between the grader and its compile worker. */
import type { Findings } from '../checks/types.js';
import type { Diagnostic } from '../report/types.js';
import type { TodoStub } from './analyze.js';

export interface CompileRequest {
  type: 'compile';
  id: number;
  source: string;
  fileName: string;
  displayPath: string;
  /** Whose static checks' finders to run; none when compiling the reference. */
  exerciseId: string | null;
  /** Only these of its static checks (the others' finders do not run at all); every one when absent. */
  checkIds?: string[];
}

export interface SourceFile {
  source: string;
  fileName: string;
  displayPath: string;
}

/** One submission, or several checked in one program (see TypecheckProgram.checkMany). */
export interface TypecheckRequest {
  type: 'typecheck';
  id: number;
  files: SourceFile[];
}

export type WorkerRequest = CompileRequest | TypecheckRequest;

export interface CompileResult {
  /** CommonJS for the runner. */
  code: string;
  /** Maps stack-trace positions in `code` back to the student's TypeScript. */
  sourceMap: string | undefined;
  /** Syntax errors and refused imports: any of these makes the submission a compile error. */
  errors: Diagnostic[];
  exports: string[];
  /** Exports whose body still throws the skeleton's TODO error, with where and what it throws. */
  stubs: TodoStub[];
  /** What each static check's finder reported on this source, for its judge in the grader. */
  staticFindings: Record<string, StaticFinding>;
}

/** What became of one static check's finder. The worker reports it; the grader decides what it means. */
export type StaticFinding =
  | { kind: 'found'; findings: Findings }
  /** The finder ran out of stack in the submission's syntax tree: nested too deeply to follow. */
  | { kind: 'too-deep' }
  /** The finder threw, or reported something that is not JSON: the grader's own bug. */
  | { kind: 'finder-failed'; message: string };

export type WorkerResponse =
  | { type: 'compiled'; id: number; result: CompileResult }
  | { type: 'typechecked'; id: number; diagnostics: Diagnostic[][] }
  | { type: 'failed'; id: number; message: string };
