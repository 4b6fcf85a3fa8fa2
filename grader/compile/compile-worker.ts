/**
 * The compile worker: a process of its own that parses, transpiles and analyses submissions, judges
 * the static checks on their AST, and type-checks them. TypeScript is loaded here and only here, so
 * the grader's main process starts fast; the tfjs typings (about a second to load) are loaded once
 * per grader run; and a type-level bomb can be stopped from outside without touching the grader.
 */
import path from 'node:path';
import { morph } from './typescript.js';
import type { StaticCheck } from '../checks/types.js';
import { importExerciseDefinition } from '../exercise/import-definition.js';
import { PROJECT_ROOT } from '../paths.js';
import { analyzeSource, releaseAnalysis } from './analyze.js';
import type { CompileRequest, CompileResult, TypecheckRequest, WorkerRequest, WorkerResponse } from './compile-protocol.js';
import { transpileSubmission } from './transpile.js';
import { TypecheckProgram } from './typecheck-program.js';

// Created on the first type check, so that compiling is not held up by loading the typings. Its
// folder lies below the package root, so that '@tensorflow/tfjs' resolves to the installed typings.
let typechecker: TypecheckProgram | undefined;

const staticChecksByExercise = new Map<string, StaticCheck[]>();

async function staticChecks(exerciseId: string): Promise<StaticCheck[]> {
  let checks = staticChecksByExercise.get(exerciseId);
  if (!checks) {
    const definition = await importExerciseDefinition(exerciseId);
    checks = definition.checks.filter((check): check is StaticCheck => check.kind === 'static');
    staticChecksByExercise.set(exerciseId, checks);
  }
  return checks;
}

async function compile(request: CompileRequest): Promise<CompileResult> {
  const transpiled = transpileSubmission(request.source, request.fileName, request.displayPath);
  const analysis = analyzeSource(request.source, request.displayPath);
  try {
    const staticVerdicts: CompileResult['staticVerdicts'] = {};
    const checks = request.exerciseId ? await staticChecks(request.exerciseId) : [];
    const wanted = request.checkIds ? new Set(request.checkIds) : null;
    for (const check of wanted ? checks.filter((c) => wanted.has(c.id)) : checks) {
      try {
        staticVerdicts[check.id] = check.judge({ sourceFile: analysis.sourceFile, morph });
      } catch (error) {
        staticVerdicts[check.id] = { status: 'internal-error', message: (error as Error).message };
      }
    }
    return {
      code: transpiled.code,
      sourceMap: transpiled.sourceMap,
      errors: [...transpiled.syntaxErrors, ...analysis.refusedImports],
      exports: [...analysis.exports.keys()],
      stubs: analysis.stubs,
      staticVerdicts,
    };
  } finally {
    releaseAnalysis(analysis);
  }
}

function typecheck(request: TypecheckRequest): WorkerResponse {
  typechecker ??= new TypecheckProgram(path.join(PROJECT_ROOT, '.autograde-typecheck'));
  return { type: 'typechecked', id: request.id, diagnostics: typechecker.checkMany(request.files) };
}

// Requests are served strictly in order: a compile is never stuck behind a later type check.
let queue = Promise.resolve();
process.on('message', (raw: unknown) => {
  const request = raw as WorkerRequest;
  queue = queue.then(async () => {
    let response: WorkerResponse;
    try {
      response = request.type === 'compile' ? { type: 'compiled', id: request.id, result: await compile(request) } : typecheck(request);
    } catch (error) {
      response = { type: 'failed', id: request.id, message: error instanceof Error ? error.message : String(error) };
    }
    process.send!(response);
  });
});
