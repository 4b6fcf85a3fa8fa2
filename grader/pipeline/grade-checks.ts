/**
 * A compiled submission's checks, in the rubric's order: what stops a check before it runs (a
 * TODO, a prerequisite, a missing export), then its run in the sandbox and its judgement against
 * the reference. Each check's answer is an outcome, unscored: points are decided in scoring/.
 */
import { BACKENDS } from '../backend/backends/index.js';
import type { CheckDefinition, RuntimeCheck, StaticCheck, Verdict } from '../checks/types.js';
import { partOf } from '../checks/types.js';
import type { CompileResult } from '../compile/compile-protocol.js';
import type { ReferenceOutputs } from '../reference/reference-outputs.js';
import type { CheckDetail, CheckFigure, CheckOutcome } from '../report/types.js';
import { toleranceFor, type ResolvedCheckRubric } from '../rubric/schema.js';
import type { BackendName, Wire } from '../runtime/protocol.js';
import type { SandboxLimits } from '../sandbox/limits.js';
import type { SandboxSession } from '../sandbox/session.js';
import { describeProbeOutcome, describeStartFailure, type StudentFile } from './describe-outcome.js';
import { drawFigures } from './draw-figures.js';
import { judgeSafely } from './judge-safely.js';

export interface CheckToGrade {
  check: CheckDefinition;
  rubric: ResolvedCheckRubric;
}

/** What every check of one submission is graded with. */
export interface ChecksContext {
  compiled: CompileResult;
  session: SandboxSession;
  studentFile: StudentFile;
  limits: SandboxLimits;
  reference: Promise<ReferenceOutputs>;
  backend: BackendName;
}

export interface GradedChecks {
  outcomes: CheckOutcome[];
  /** Plots of the runtime checks that draw one, in check order. */
  figures: CheckFigure[];
  /** Time spent waiting for the reference, which the checks' own time leaves out. */
  referenceWaitMs: number;
}

/** What grading the earlier checks left for the later ones, and the source's facts they all look up. */
class Progress {
  readonly outcomes: CheckOutcome[] = [];
  /** The exports that still throw their TODO error, and every export, by name. */
  readonly stubs: ReadonlyMap<string, CompileResult['stubs'][number]>;
  readonly exports: ReadonlySet<string>;
  readonly figures: CheckFigure[] = [];
  referenceWaitMs = 0;
  private readonly counted = new Set<object>();

  constructor(compiled: CompileResult) {
    this.stubs = new Map(compiled.stubs.map((stub) => [stub.name, stub]));
    this.exports = new Set(compiled.exports);
  }

  statusOf(checkId: string): CheckOutcome['status'] | undefined {
    return this.outcomes.find((outcome) => outcome.id === checkId)?.status;
  }

  /**
   * A call shared by several checks (one training run, judged for losses and for predictions)
   * counts its CPU once, on the first of them.
   */
  cpuOf(outcome: object): number {
    if (this.counted.has(outcome)) return 0;
    this.counted.add(outcome);
    return 'cpuMs' in outcome && typeof outcome.cpuMs === 'number' ? Math.round(outcome.cpuMs) : 0;
  }
}

export async function gradeChecks(checks: readonly CheckToGrade[], context: ChecksContext): Promise<GradedChecks> {
  const progress = new Progress(context.compiled);
  for (const { check, rubric } of checks) {
    progress.outcomes.push(await gradeCheck(check, rubric, context, progress));
  }
  return { outcomes: progress.outcomes, figures: progress.figures, referenceWaitMs: progress.referenceWaitMs };
}

/** A check's outcome from its detail, with what every outcome carries. */
export function outcomeOf(check: CheckDefinition, detail: CheckDetail, durationMs = 0, cpuMs = 0): CheckOutcome {
  return { id: check.id, title: check.title, part: partOf(check.id), ...detail, durationMs: Math.round(durationMs), cpuMs };
}

async function gradeCheck(check: CheckDefinition, rubric: ResolvedCheckRubric, context: ChecksContext, progress: Progress): Promise<CheckOutcome> {
  const stopped = stopBeforeRunning(check, rubric, context, progress);
  if (stopped) return outcomeOf(check, stopped);
  return check.kind === 'static' ? gradeStatic(check, context.compiled) : gradeRuntime(check, rubric, context, progress);
}

/** What the source and the earlier checks decide before anything runs. */
function stopBeforeRunning(check: CheckDefinition, rubric: ResolvedCheckRubric, { studentFile }: ChecksContext, progress: Progress): CheckDetail | null {
  // A TODO comes first: "implement X" is the more useful thing to tell than "needs check Y".
  const stub = check.uses.map((name) => progress.stubs.get(name)).find((found) => found !== undefined);
  if (stub) {
    return {
      status: 'not-implemented',
      message: `${stub.name} still throws its TODO error ${quoteTodo(stub.todo)}: implement it to earn these points.`,
      location: { file: studentFile.displayPath, line: stub.line, column: stub.column },
    };
  }
  const failedPrerequisite = rubric.requires.find((id) => progress.statusOf(id) !== 'passed');
  if (failedPrerequisite) {
    // A prerequisite the grader failed to judge says nothing of the student: neither is this check scored.
    if (progress.statusOf(failedPrerequisite) === 'internal-error') {
      return { status: 'internal-error', message: `It needs '${failedPrerequisite}', which the grader failed to judge, so it is not scored either.` };
    }
    return { status: 'skipped', message: `It needs '${failedPrerequisite}' to pass first.` };
  }
  const missing = check.uses.find((name) => !progress.exports.has(name));
  if (missing) {
    return { status: 'failed', message: `${studentFile.displayPath} does not export \`${missing}\`. Keep the skeleton's exports and their names.` };
  }
  return null;
}

function gradeStatic(check: StaticCheck, compiled: CompileResult): CheckOutcome {
  // The compile worker found the facts in the source; the check's judge decides here, as a runtime one does.
  const judged = judgeSafely(check, compiled.staticFindings[check.id]);
  if (judged.kind === 'judge-failed') return outcomeOf(check, { status: 'internal-error', message: judged.message });
  return outcomeOf(check, detailOf(judged.verdict));
}

async function gradeRuntime(check: RuntimeCheck, rubric: ResolvedCheckRubric, context: ChecksContext, progress: Progress): Promise<CheckOutcome> {
  const startedAt = performance.now();
  const ran = await context.session.run(check.id, check.probe.toString(), check.input as Wire, rubric.timeLimitMs);
  const durationMs = performance.now() - startedAt;
  if (ran.kind === 'start-failed') return outcomeOf(check, describeStartFailure(ran.failure, context.studentFile, context.limits));
  const outcome = ran.outcome;
  if (outcome.kind !== 'value') {
    return outcomeOf(check, describeProbeOutcome(outcome, context.studentFile, rubric.timeLimitMs), durationMs, progress.cpuOf(outcome));
  }
  const waitStartedAt = performance.now();
  let reference: ReferenceOutputs;
  try {
    reference = await context.reference;
  } catch (error) {
    return outcomeOf(check, { status: 'internal-error', message: `The reference could not be computed: ${(error as Error).message}` }, durationMs);
  } finally {
    progress.referenceWaitMs += performance.now() - waitStartedAt;
  }
  const expected = reference.values.get(check.id);
  if (expected === undefined) {
    return outcomeOf(check, { status: 'internal-error', message: `The reference has no output for '${check.id}'.` }, durationMs);
  }
  const judged = judgeSafely(() => check.judge({ input: check.input, actual: outcome.value, expected, tolerance: toleranceFor(rubric, context.backend, BACKENDS[context.backend].toleranceScale) }), outcome.value, expected);
  const cpuMs = progress.cpuOf(outcome);
  if (judged.kind === 'judge-failed') return outcomeOf(check, { status: 'internal-error', message: judged.message }, durationMs, cpuMs);
  // After the verdict, from the same values: a figure can never change what was judged.
  progress.figures.push(...drawFigures(check, rubric.visibility, outcome.value, expected));
  return outcomeOf(check, detailOf(judged.verdict), durationMs, cpuMs);
}

function detailOf(verdict: Verdict): CheckDetail {
  if (verdict.status === 'passed') return { status: 'passed', message: verdict.message ?? 'Passed.' };
  return { status: 'failed', message: verdict.message, ...(verdict.difference ? { difference: verdict.difference } : {}) };
}

/** A TODO's own text in a message, shortened: it is the student's file speaking. */
function quoteTodo(todo: string): string {
  const text = todo.length > 160 ? `${todo.slice(0, 157)}…` : todo;
  return `"${text}"`;
}
