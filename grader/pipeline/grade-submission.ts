/**
 * One submission, start to finish: compile, run each check's probe in the sandbox, judge it here
 * against the reference, score. The phases are in their own folders; this file only sequences them.
 */
import path from 'node:path';
import type { Compiler, TypecheckOutcome } from '../compile/compiler.js';
import type { LoadedExercise } from '../exercise/load-exercise.js';
import type { ReferenceOutputs } from '../reference/reference-outputs.js';
import { boundReport } from '../report/bound-report.js';
import { FIGURE_LIMITS } from '../report/compact-figure.js';
import type { CheckDetail, CheckFigure, CheckOutcome, Diagnostic, PhaseTimings, Report } from '../report/types.js';
import type { ResolvedCheckRubric } from '../rubric/schema.js';
import { scoreSubmission } from '../scoring/score.js';
import { OUTPUT_KEPT_BYTES, type SandboxLimits } from '../sandbox/limits.js';
import type { RunnerPool } from '../sandbox/runner-pool.js';
import { SandboxSession } from '../sandbox/session.js';
import type { SelectedBackend } from '../backend/select-backend.js';
import { GRADER_VERSION } from '../version.js';
import { gradeChecks, outcomeOf, type CheckToGrade } from './grade-checks.js';
import type { SelectedChecks } from './select-checks.js';
import { MAX_SUBMISSION_BYTES, readSubmission, resolveSubmissionFile, type SubmissionText } from './read-submission.js';
import { createStackMapper } from './stack-mapper.js';
import type { TypecheckAhead } from './typecheck-ahead.js';

export interface GradeContext {
  exercise: LoadedExercise;
  /** The rubric's checks this run grades (all of them, or the visible ones), and what it leaves out. */
  selection: SelectedChecks;
  backend: SelectedBackend;
  compiler: Compiler;
  /** Started once per grader run and shared by every submission. */
  reference: Promise<ReferenceOutputs>;
  /** Sandboxed runners, started ahead of time where possible. */
  pool: RunnerPool;
  /** Off with `--no-typecheck`: no type diagnostics, and no type-check time. */
  isTypecheckEnabled: boolean;
  /** Type checks, grouped ahead for the submissions a run has announced. */
  typechecks: TypecheckAhead;
  /** How each file is named in its report and messages; displayPathOf unless the caller knows better (see GradingSessionOptions.nameFile). */
  nameFile?: (file: string) => string;
}

/** How a submission's file is named in its report and diagnostics: relative to where the grader runs. */
export function displayPathOf(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

export function sandboxLimits(exercise: LoadedExercise, checks: ReadonlyMap<string, ResolvedCheckRubric> = exercise.rubric.checks): SandboxLimits {
  const { importTimeMs, memoryMb, outputBytes } = exercise.rubric.limits;
  // Every graded check's wall time together: one process never needs more CPU than that.
  const totalMs = importTimeMs + [...checks.values()].reduce((sum, check) => sum + check.timeLimitMs, 0);
  return { importTimeMs, memoryMb, outputBytes, cpuSeconds: Math.ceil(totalMs / 1000) };
}

function emptyTimings(): PhaseTimings {
  return { compileMs: 0, typecheckMs: 0, sandboxStartMs: 0, tfjsLoadMs: 0, sandboxWaitMs: 0, importMs: 0, checksMs: 0, referenceMs: 0 };
}

interface ReportParts {
  displayPath: string;
  hash: string;
  startedAt: number;
  timings: PhaseTimings;
  diagnostics: Diagnostic[];
  outcomes: CheckOutcome[];
  isCompileError: boolean;
  sandbox?: Report['sandbox'];
  output?: string;
  figures?: CheckFigure[];
}

/** The report, scored, from what grading found; bounded before it leaves (report/bound-report.ts). */
function assembleReport({ exercise, backend, selection }: GradeContext, parts: ReportParts): Report {
  const { score, maxScore, status, incomplete, checks } = scoreSubmission(parts.outcomes, (id) => selection.checks.get(id)!, parts.isCompileError);
  return boundReport({
    exercise: exercise.definition.id,
    submission: parts.displayPath,
    status,
    score,
    maxScore,
    ...(incomplete ? { incomplete } : {}),
    backend: backend.request.name,
    ...(backend.request.module ? { backendPackage: backend.request.module } : {}),
    ...(backend.adapter ? { adapter: backend.adapter } : {}),
    sandbox: parts.sandbox ?? { layers: [], runs: [], restarts: 0, violations: [] },
    durationMs: Math.round(performance.now() - parts.startedAt),
    timings: Object.fromEntries(Object.entries(parts.timings).map(([k, v]) => [k, Math.round(v)])) as unknown as PhaseTimings,
    graderVersion: GRADER_VERSION,
    submissionHash: parts.hash,
    rubricHash: exercise.rubric.hash,
    diagnostics: parts.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column),
    checks,
    ...(selection.withheld ? { withheld: selection.withheld } : {}),
    output: (parts.output ?? '').slice(0, OUTPUT_KEPT_BYTES),
    ...(parts.figures && parts.figures.length > 0 ? { figures: parts.figures.slice(0, FIGURE_LIMITS.figuresPerReport) } : {}),
  });
}

/**
 * Grades one submission. Whatever the submission does comes back as a report; a failure of the
 * grader's own while grading it (a bug, a worker that broke) comes back as a report too, every
 * check unscored and the grade incomplete, so that one student's odd file never takes down the
 * grading of a class. Only a path that cannot be read as a submission is thrown (SUBMISSION_UNREADABLE).
 */
export async function gradeSubmission(submissionInput: string, context: GradeContext): Promise<Report> {
  const startedAt = performance.now();
  const file = resolveSubmissionFile(submissionInput, context.exercise.definition.fileName);
  const displayPath = (context.nameFile ?? displayPathOf)(file);
  const submission = readSubmission(file, displayPath);
  try {
    return await gradeRead(submission, displayPath, startedAt, context);
  } catch (error) {
    const message = `The grader failed while grading this file: ${error instanceof Error ? error.message : String(error)}`;
    const outcomes = orderedChecks(context).map(({ check }) => outcomeOf(check, { status: 'internal-error', message }));
    return assembleReport(context, { displayPath, hash: submission.hash, startedAt, timings: emptyTimings(), diagnostics: [], outcomes, isCompileError: false });
  }
}

/** The rubric's checks this run grades, in its order, with their definitions. */
function orderedChecks({ exercise, selection }: GradeContext): CheckToGrade[] {
  return [...selection.checks.entries()].map(([id, rubric]) => ({ check: exercise.registry.get(id)!, rubric }));
}

async function gradeRead(submission: SubmissionText, displayPath: string, startedAt: number, context: GradeContext): Promise<Report> {
  const { exercise, selection } = context;
  const timings = emptyTimings();
  const source = submission.source ?? '';

  const compileStartedAt = performance.now();
  const toCompile = { source, fileName: exercise.definition.fileName, displayPath };
  // A file too large to read is not compiled either: it is refused below, as a compile error.
  const compiled = submission.source === null ? null : await context.compiler.compile(toCompile, exercise.definition.id, selection.withheld ? [...selection.checks.keys()] : undefined);
  timings.compileMs = performance.now() - compileStartedAt;
  const ordered = orderedChecks(context);
  const diagnostics: Diagnostic[] = [];

  const finish = (outcomes: CheckOutcome[], isCompileError: boolean, extra: { sandbox?: Report['sandbox']; output?: string; figures?: CheckFigure[] } = {}): Report =>
    assembleReport(context, { displayPath, hash: submission.hash, startedAt, timings, diagnostics, outcomes, isCompileError, ...extra });
  const allChecks = (detail: CheckDetail): CheckOutcome[] => ordered.map(({ check }) => outcomeOf(check, detail));

  if (compiled === null) {
    const message = `This file is ${(submission.bytes / (1024 * 1024)).toFixed(1)} MB; the grader reads files of up to ${MAX_SUBMISSION_BYTES / (1024 * 1024)} MB, and the exercise's file is a few kB. Hand in only the exercise's code.`;
    diagnostics.push({ file: displayPath, line: 1, column: 1, severity: 'error', message });
    return finish(allChecks({ status: 'compile-error', message }), true);
  }
  if (compiled.kind === 'timeout') {
    diagnostics.push({ file: displayPath, line: 1, column: 1, severity: 'error', message: `Parsing did not finish within ${compiled.limitMs / 1000} s.` });
    return finish(allChecks({ status: 'compile-error', message: 'Your file could not be parsed in time.' }), true);
  }
  if (compiled.kind === 'failed') {
    return finish(allChecks({ status: 'internal-error', message: `The grader failed while compiling: ${compiled.message}` }), false);
  }
  const { result } = compiled;
  diagnostics.push(...result.errors);
  if (result.errors.length > 0) {
    const first = [...result.errors].sort((a, b) => a.line - b.line || a.column - b.column)[0];
    return finish(allChecks({ status: 'compile-error', message: `Your file does not compile: ${first.file}:${first.line}:${first.column} ${first.message}` }), true);
  }

  // Type errors never stop a run, so the type check overlaps with the sandboxed checks.
  const typecheck: Promise<TypecheckOutcome> = context.isTypecheckEnabled
    ? context.typechecks.check(toCompile)
    : Promise.resolve({ kind: 'checked', diagnostics: [], durationMs: 0 });
  const session = new SandboxSession({ pool: context.pool, code: result.code, filename: displayPath });
  const checksStartedAt = performance.now();
  let graded;
  try {
    graded = await gradeChecks(ordered, {
      compiled: result,
      session,
      studentFile: { mapStack: createStackMapper(result.sourceMap, displayPath), displayPath },
      limits: sandboxLimits(exercise, selection.checks),
      reference: context.reference,
      backend: context.backend.request.name,
    });
  } finally {
    session.dispose();
  }
  timings.checksMs = performance.now() - checksStartedAt - graded.referenceWaitMs;
  timings.referenceMs = graded.referenceWaitMs;
  if (session.timings) {
    const { sandboxStartMs, tfjsLoadMs, waitedMs, importMs } = session.timings;
    Object.assign(timings, { sandboxStartMs, tfjsLoadMs, sandboxWaitMs: waitedMs, importMs });
    // The wait for the first runner happened inside the checks loop; it is reported on its own.
    timings.checksMs = Math.max(0, timings.checksMs - waitedMs - importMs);
  }

  const typed = await typecheck;
  timings.typecheckMs = typed.durationMs;
  const bomb = typeBombOf(typed);
  diagnostics.push(...typeDiagnosticsOf(typed, displayPath));
  // A type-level bomb: refusing the submission is the only answer that cannot hang the grader.
  const outcomes = bomb === null ? graded.outcomes : graded.outcomes.map((outcome) => ({ ...outcome, status: 'compile-error' as const, message: bomb }));
  return finish(outcomes, bomb !== null, {
    sandbox: { layers: session.layers, runs: session.runs, restarts: session.restarts, violations: session.violations },
    output: session.capturedOutput,
    // A refused submission gets no plots: every check of it is a compile error.
    figures: bomb === null ? graded.figures : [],
  });
}

/** Why the type check refuses the file, when its types are a bomb (too slow, or too large, to check). */
function typeBombOf(typed: TypecheckOutcome): string | null {
  if (typed.kind === 'timeout') return `Type checking did not finish within ${typed.limitMs / 1000} s; simplify the types in this file.`;
  if (typed.kind === 'out-of-memory') return 'Type checking ran out of memory; simplify the types in this file.';
  return null;
}

function typeDiagnosticsOf(typed: TypecheckOutcome, displayPath: string): Diagnostic[] {
  switch (typed.kind) {
    case 'checked':
      return typed.diagnostics;
    case 'failed':
      return [{ file: displayPath, line: 1, column: 1, severity: 'warning', message: `Type checking was not possible: ${typed.message}` }];
    case 'timeout':
    case 'out-of-memory':
      return [{ file: displayPath, line: 1, column: 1, severity: 'error', message: typeBombOf(typed)! }];
  }
}
