/**
 * One submission, start to finish: compile, run each check's probe in the sandbox, judge it here
 * against the reference, score. The phases are in their own folders; this file only sequences them.
 */
import path from 'node:path';
import type { Compiler, TypecheckOutcome } from '../compile/compiler.js';
import type { CheckDefinition, Verdict } from '../checks/types.js';
import { partOf } from '../checks/types.js';
import type { LoadedExercise } from '../exercise/load-exercise.js';
import type { ReferenceOutputs } from '../reference/reference-outputs.js';
import type { Wire } from '../runtime/protocol.js';
import { boundReport } from '../report/bound-report.js';
import { FIGURE_LIMITS } from '../report/compact-figure.js';
import type { CheckFigure, CheckResult, CheckStatus, Diagnostic, PhaseTimings, Report, SourceLocation } from '../report/types.js';
import { toleranceFor, type ResolvedCheckRubric } from '../rubric/schema.js';
import { scoreCheck, scoreChecks } from '../scoring/score.js';
import { OUTPUT_KEPT_BYTES, type SandboxLimits } from '../sandbox/limits.js';
import type { RunnerPool } from '../sandbox/runner-pool.js';
import { SandboxSession } from '../sandbox/session.js';
import type { SelectedBackend } from '../backend/select-backend.js';
import { GRADER_VERSION } from '../version.js';
import { describeProbeOutcome, describeStartFailure } from './describe-outcome.js';
import { drawFigures } from './draw-figures.js';
import { judgeSafely } from './judge-safely.js';
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

function resultOf(check: CheckDefinition, rubric: ResolvedCheckRubric, status: CheckStatus, message: string, durationMs = 0, extra: Partial<CheckResult> = {}): CheckResult {
  return {
    id: check.id,
    title: check.title,
    part: partOf(check.id),
    status,
    ...scoreCheck(status, rubric.points),
    points: rubric.points,
    visibility: rubric.visibility,
    message,
    durationMs: Math.round(durationMs),
    cpuMs: 0,
    ...extra,
  };
}

/** A TODO's own text in a message, shortened: it is the student's file speaking. */
function quoteTodo(todo: string): string {
  const text = todo.length > 160 ? `${todo.slice(0, 157)}…` : todo;
  return `"${text}"`;
}

interface ReportParts {
  displayPath: string;
  hash: string;
  startedAt: number;
  timings: PhaseTimings;
  diagnostics: Diagnostic[];
  checks: CheckResult[];
  isCompileError: boolean;
  sandbox?: Report['sandbox'];
  output?: string;
  figures?: CheckFigure[];
}

/** The report, scored, from what grading found; bounded before it leaves (report/bound-report.ts). */
function assembleReport({ exercise, backend, selection }: GradeContext, parts: ReportParts): Report {
  const { score, maxScore, status, incomplete } = scoreChecks(parts.checks, parts.isCompileError);
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
    checks: parts.checks,
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
    const checks = [...context.selection.checks.entries()].map(([id, rubric]) => resultOf(context.exercise.registry.get(id)!, rubric, 'internal-error', message));
    return assembleReport(context, { displayPath, hash: submission.hash, startedAt, timings: emptyTimings(), diagnostics: [], checks, isCompileError: false });
  }
}

async function gradeRead(submission: SubmissionText, displayPath: string, startedAt: number, context: GradeContext): Promise<Report> {
  const { exercise, backend, selection } = context;
  const timings = emptyTimings();
  const source = submission.source ?? '';

  const compileStartedAt = performance.now();
  const toCompile = { source, fileName: exercise.definition.fileName, displayPath };
  // A file too large to read is not compiled either: it is refused below, as a compile error.
  const compiled = submission.source === null ? null : await context.compiler.compile(toCompile, exercise.definition.id, selection.withheld ? [...selection.checks.keys()] : undefined);
  timings.compileMs = performance.now() - compileStartedAt;
  const ordered = [...selection.checks.entries()].map(([id, rubric]) => ({ check: exercise.registry.get(id)!, rubric }));
  const diagnostics: Diagnostic[] = [];

  const finish = (checks: CheckResult[], isCompileError: boolean, extra: { sandbox?: Report['sandbox']; output?: string; figures?: CheckFigure[] } = {}): Report =>
    assembleReport(context, { displayPath, hash: submission.hash, startedAt, timings, diagnostics, checks, isCompileError, ...extra });
  const allChecks = (status: CheckStatus, message: string): CheckResult[] => ordered.map(({ check, rubric }) => resultOf(check, rubric, status, message));

  if (compiled === null) {
    const message = `This file is ${(submission.bytes / (1024 * 1024)).toFixed(1)} MB; the grader reads files of up to ${MAX_SUBMISSION_BYTES / (1024 * 1024)} MB, and the exercise's file is a few kB. Hand in only the exercise's code.`;
    diagnostics.push({ file: displayPath, line: 1, column: 1, severity: 'error', message });
    return finish(allChecks('compile-error', message), true);
  }
  if (compiled.kind === 'timeout') {
    diagnostics.push({ file: displayPath, line: 1, column: 1, severity: 'error', message: `Parsing did not finish within ${compiled.limitMs / 1000} s.` });
    return finish(allChecks('compile-error', 'Your file could not be parsed in time.'), true);
  }
  if (compiled.kind === 'failed') {
    return finish(allChecks('internal-error', `The grader failed while compiling: ${compiled.message}`), false);
  }
  const { result } = compiled;
  diagnostics.push(...result.errors);
  if (result.errors.length > 0) {
    const first = [...result.errors].sort((a, b) => a.line - b.line || a.column - b.column)[0];
    return finish(allChecks('compile-error', `Your file does not compile: ${first.file}:${first.line}:${first.column} ${first.message}`), true);
  }
  const exports = new Set(result.exports);
  const stubs = new Map(result.stubs.map((stub) => [stub.name, stub]));

  // Type errors never stop a run, so the type check overlaps with the sandboxed checks.
  const typecheck: Promise<TypecheckOutcome> = context.isTypecheckEnabled
    ? context.typechecks.check(toCompile)
    : Promise.resolve({ kind: 'checked', diagnostics: [], durationMs: 0 });
  const studentFile = { mapStack: createStackMapper(result.sourceMap, displayPath), displayPath };
  const limits = sandboxLimits(exercise, selection.checks);
  const session = new SandboxSession({ pool: context.pool, code: result.code, filename: displayPath });
  const results: CheckResult[] = [];
  const figures: CheckFigure[] = [];
  const countedOutcomes = new Set<object>();
  const checksStartedAt = performance.now();
  let referenceWaitMs = 0;
  try {
    for (const { check, rubric } of ordered) {
      results.push(await runCheck(check, rubric));
    }
  } finally {
    session.dispose();
  }
  timings.checksMs = performance.now() - checksStartedAt - referenceWaitMs;
  timings.referenceMs = referenceWaitMs;
  if (session.timings) {
    const { sandboxStartMs, tfjsLoadMs, waitedMs, importMs } = session.timings;
    Object.assign(timings, { sandboxStartMs, tfjsLoadMs, sandboxWaitMs: waitedMs, importMs });
    // The wait for the first runner happened inside the checks loop; it is reported on its own.
    timings.checksMs = Math.max(0, timings.checksMs - waitedMs - importMs);
  }

  const typed = await typecheck;
  timings.typecheckMs = typed.durationMs;
  let bomb: string | null = null;
  if (typed.kind === 'checked') diagnostics.push(...typed.diagnostics);
  else if (typed.kind === 'timeout' || typed.kind === 'out-of-memory') {
    // A type-level bomb: refusing the submission is the only answer that cannot hang the grader.
    bomb = `Type checking ${typed.kind === 'timeout' ? `did not finish within ${typed.limitMs / 1000} s` : 'ran out of memory'}; simplify the types in this file.`;
    diagnostics.push({ file: displayPath, line: 1, column: 1, severity: 'error', message: bomb });
  } else {
    diagnostics.push({ file: displayPath, line: 1, column: 1, severity: 'warning', message: `Type checking was not possible: ${typed.message}` });
  }
  const checks = bomb === null ? results : results.map((r) => ({ ...r, status: 'compile-error' as const, ...scoreCheck('compile-error', r.points), message: bomb }));
  return finish(checks, bomb !== null, {
    sandbox: { layers: session.layers, runs: session.runs, restarts: session.restarts, violations: session.violations },
    output: session.capturedOutput,
    // A refused submission gets no plots: every check of it is a compile error.
    figures: bomb === null ? figures : [],
  });

  // A call shared by several checks (one training run, judged for losses and for predictions)
  // counts its CPU once, on the first of them.
  function cpuOf(outcome: object): number {
    if (countedOutcomes.has(outcome)) return 0;
    countedOutcomes.add(outcome);
    return 'cpuMs' in outcome && typeof outcome.cpuMs === 'number' ? Math.round(outcome.cpuMs) : 0;
  }

  async function runCheck(check: CheckDefinition, rubric: ResolvedCheckRubric): Promise<CheckResult> {
    // A TODO comes first: "implement X" is the more useful thing to tell than "needs check Y".
    const stub = check.uses.map((name) => stubs.get(name)).find((found) => found !== undefined);
    if (stub) {
      const location: SourceLocation = { file: displayPath, line: stub.line, column: stub.column };
      return resultOf(check, rubric, 'not-implemented', `${stub.name} still throws its TODO error ${quoteTodo(stub.todo)}: implement it to earn these points.`, 0, { location });
    }
    const failedPrerequisite = rubric.requires.find((id) => results.find((r) => r.id === id)?.status !== 'passed');
    if (failedPrerequisite) {
      // A prerequisite the grader failed to judge says nothing of the student: neither is this check scored.
      if (results.find((r) => r.id === failedPrerequisite)?.status === 'internal-error') {
        return resultOf(check, rubric, 'internal-error', `It needs '${failedPrerequisite}', which the grader failed to judge, so it is not scored either.`);
      }
      return resultOf(check, rubric, 'skipped', `It needs '${failedPrerequisite}' to pass first.`);
    }
    const missing = check.uses.find((name) => !exports.has(name));
    if (missing) {
      return resultOf(check, rubric, 'failed', `${displayPath} does not export \`${missing}\`. Keep the skeleton's exports and their names.`);
    }
    if (check.kind === 'static') {
      // Found on the AST in the compile worker, judged here like a runtime check's value.
      const judged = judgeSafely(check, result.staticFindings[check.id]);
      if (judged.kind === 'judge-failed') return resultOf(check, rubric, 'internal-error', judged.message);
      return fromVerdict(check, rubric, judged.verdict, 0);
    }

    const startedAt = performance.now();
    const ran = await session.run(check.id, check.probe.toString(), check.input as Wire, rubric.timeLimitMs);
    const durationMs = performance.now() - startedAt;
    if (ran.kind === 'start-failed') {
      const described = describeStartFailure(ran.failure, studentFile, limits);
      if (ran.failure.kind === 'import-failed' && ran.failure.error.isAccessDenied && !session.violations.some((v) => v.checkId === null)) {
        session.recordViolation({ checkId: null, kind: violationKind(ran.failure.error.permission), message: ran.failure.error.message, source: 'reported' });
      }
      return resultOf(check, rubric, described.status, described.message, 0, described.location ? { location: described.location } : {});
    }
    const outcome = ran.outcome;
    if (outcome.kind !== 'value') {
      const described = describeProbeOutcome(outcome, studentFile, rubric.timeLimitMs);
      // The runner reports refused file operations itself; what it could not see (a refused
      // signal, say) is recorded from the error that escaped.
      if (outcome.kind === 'thrown' && outcome.error.isAccessDenied && !session.violations.some((v) => v.checkId === check.id)) {
        session.recordViolation({ checkId: check.id, kind: violationKind(outcome.error.permission), message: `${outcome.error.message}${outcome.error.resource ? ` (${outcome.error.resource})` : ''}`, source: 'reported' });
      }
      return resultOf(check, rubric, described.status, described.message, durationMs, { cpuMs: cpuOf(outcome), ...(described.location ? { location: described.location } : {}) });
    }
    const waitStartedAt = performance.now();
    let reference: ReferenceOutputs;
    try {
      reference = await context.reference;
    } catch (error) {
      return resultOf(check, rubric, 'internal-error', `The reference could not be computed: ${(error as Error).message}`, durationMs);
    } finally {
      referenceWaitMs += performance.now() - waitStartedAt;
    }
    const expected = reference.values.get(check.id);
    if (expected === undefined) {
      return resultOf(check, rubric, 'internal-error', `The reference has no output for '${check.id}'.`, durationMs);
    }
    const judged = judgeSafely(() => check.judge({ input: check.input, actual: outcome.value, expected, tolerance: toleranceFor(rubric, backend.request.name) }), outcome.value, expected);
    const cpuMs = cpuOf(outcome);
    if (judged.kind === 'judge-failed') return resultOf(check, rubric, 'internal-error', judged.message, durationMs, { cpuMs });
    // After the verdict, from the same values: a figure can never change what was judged.
    figures.push(...drawFigures(check, rubric.visibility, outcome.value, expected));
    return fromVerdict(check, rubric, judged.verdict, durationMs, cpuMs);
  }
}

function fromVerdict(check: CheckDefinition, rubric: ResolvedCheckRubric, verdict: Verdict, durationMs: number, cpuMs = 0): CheckResult {
  const difference = verdict.status === 'failed' ? verdict.difference : undefined;
  const message = verdict.status === 'passed' ? (verdict.message ?? 'Passed.') : verdict.message;
  return resultOf(check, rubric, verdict.status, message, durationMs, { cpuMs, ...(difference ? { difference } : {}) });
}

function violationKind(permission: string | undefined): 'file' | 'process' | 'worker' | 'other' {
  if (permission?.startsWith('FileSystem')) return 'file';
  if (permission === 'ChildProcess' || permission === 'Signal') return 'process';
  if (permission === 'WorkerThreads') return 'worker';
  return 'other';
}
