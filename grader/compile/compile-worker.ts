/**
 * The compile worker: a process of its own that parses, transpiles and analyses submissions, runs
 * the static checks' finders on their AST, and type-checks them. It reports what it found and
 * decides nothing: static checks are judged in the grader, like runtime ones. TypeScript is loaded
 * here and only here, so the grader's main process starts fast; the tfjs typings are loaded once
 * per grader run; and a type-level bomb can be stopped from outside without touching the grader.
 * The type checks run in TypeScript 7's native compiler, a process this worker starts, when the
 * grader says it is installed (`--native-typechecker=<binary>`), else in TypeScript's JS compiler
 * here.
 */
import path from 'node:path';
import { morph } from './typescript.js';
import type { StaticCheck } from '../checks/types.js';
import { importExerciseDefinition } from '../exercise/import-definition.js';
import { PROJECT_ROOT } from '../paths.js';
import { analyzeSource, releaseAnalysis } from './analyze.js';
import type { CompileRequest, CompileResult, TypecheckRequest, WorkerRequest, WorkerResponse } from './compile-protocol.js';
import { findSafely, isStackOverflow } from './static-findings.js';
import { transpileSubmission } from './transpile.js';
import { TypecheckProgram, type SubmissionTypechecker } from './typecheck-program.js';

// Created on the first type check, so that compiling is not held up by loading the typings. Its
// folder lies below the package root, so that '@tensorflow/tfjs' resolves to the installed typings.
let typechecker: SubmissionTypechecker | undefined;
const TYPECHECK_DIR = path.join(PROJECT_ROOT, '.autograde-typecheck');
const NATIVE_FLAG = '--native-typechecker=';
const nativeExecutable = process.argv.find((arg) => arg.startsWith(NATIVE_FLAG))?.slice(NATIVE_FLAG.length);

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

const TOO_DEEP = 'This file nests expressions or statements too deeply for the grader to read (its parser ran out of stack). Write the code with fewer levels of nesting.';

async function compile(request: CompileRequest): Promise<CompileResult> {
  let transpiled: ReturnType<typeof transpileSubmission>;
  let analysis: ReturnType<typeof analyzeSource>;
  try {
    transpiled = transpileSubmission(request.source, request.fileName, request.displayPath);
    analysis = analyzeSource(request.source, request.displayPath);
  } catch (error) {
    if (!isStackOverflow(error)) throw error;
    const diagnostic = { file: request.displayPath, line: 1, column: 1, severity: 'error' as const, message: TOO_DEEP };
    return { code: '', sourceMap: undefined, errors: [diagnostic], exports: [], stubs: [], staticFindings: {} };
  }
  try {
    const staticFindings: CompileResult['staticFindings'] = {};
    const checks = request.exerciseId ? await staticChecks(request.exerciseId) : [];
    // A check left out of the run (a hidden one, in a student kit) is not looked for at all.
    const wanted = request.checkIds ? new Set(request.checkIds) : null;
    for (const check of wanted ? checks.filter((c) => wanted.has(c.id)) : checks) {
      staticFindings[check.id] = findSafely(check, { sourceFile: analysis.sourceFile, morph });
    }
    return {
      code: transpiled.code,
      sourceMap: transpiled.sourceMap,
      errors: [...transpiled.syntaxErrors, ...analysis.refusedImports],
      exports: [...analysis.exports.keys()],
      stubs: analysis.stubs,
      staticFindings,
    };
  } finally {
    releaseAnalysis(analysis);
  }
}

/** Set once the native checker has answered: until then a failure may be its own, not a file's. */
let hasNativeAnswered = false;
/** A native checker that could not answer even once (a binary that does not run here): the JS one stands in. */
let isNativeUnusable = false;

async function openTypechecker(): Promise<SubmissionTypechecker> {
  if (nativeExecutable === undefined || isNativeUnusable) return new TypecheckProgram(TYPECHECK_DIR);
  // Loaded only here: the JS checker never needs the native checker's API.
  const { NativeTypecheckProgram } = await import('./native-typecheck.js');
  return new NativeTypecheckProgram(TYPECHECK_DIR, nativeExecutable, path.dirname(nativeExecutable));
}

function closeQuietly(checker: SubmissionTypechecker): void {
  try {
    checker.close();
  } catch {
    // Its process is gone already.
  }
}

async function typecheck(request: TypecheckRequest): Promise<WorkerResponse> {
  typechecker ??= await openTypechecker();
  const isNative = nativeExecutable !== undefined && !isNativeUnusable;
  try {
    const diagnostics = typechecker.checkMany(request.files);
    if (isNative) hasNativeAnswered = true;
    return { type: 'typechecked', id: request.id, diagnostics };
  } catch (error) {
    if (!isNative) throw error;
    // The native checker's process may be what failed: the next type check starts another.
    closeQuietly(typechecker);
    typechecker = undefined;
    if (hasNativeAnswered) throw new Error(`the native type checker stopped: ${error instanceof Error ? error.message : String(error)}`);
    isNativeUnusable = true;
    return typecheck(request);
  }
}

// Requests are served strictly in order: a compile is never stuck behind a later type check.
let queue = Promise.resolve();
process.on('message', (raw: unknown) => {
  const request = raw as WorkerRequest;
  queue = queue.then(async () => {
    let response: WorkerResponse;
    try {
      response = request.type === 'compile' ? { type: 'compiled', id: request.id, result: await compile(request) } : await typecheck(request);
    } catch (error) {
      response = { type: 'failed', id: request.id, message: error instanceof Error ? error.message : String(error) };
    }
    process.send!(response);
  });
});
