/**
 * `autograde validate`: proves an exercise sound before students see it.
 *
 * 1. The solution scores full marks on every backend the registry validates by default that this
 *    machine has (the others are listed as not available, with why), twice, with the same verdicts
 *    and messages: a check that passes the reference only sometimes would fail students at random.
 * 2. The skeleton is what the solution generates, type-checks, and scores 0 with every check
 *    `not-implemented` (or `skipped` behind one): no point is given for the untouched file.
 * 3. Mutants of the solution, each a mistake students make, are graded; a mutant that still scores
 *    full marks shows a mistake the checks let through. Every survivor must be acknowledged, with a
 *    reason, in `solutions/<id>/mutants.yaml`.
 *
 * What was found is returned as data; the command line only prints it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BACKENDS, type BackendDefinition, type BackendName } from '../backend/backends/index.js';
import { describeMissing, missingPackages } from '../backend/packages.js';
import { GraderError } from '../errors.js';
import { loadExercise, type LoadedExercise } from '../exercise/load-exercise.js';
import { openGradingSession, type GradingSession } from '../pipeline/grading-session.js';
import type { CheckStatus, Diagnostic, Report } from '../report/types.js';
import { acknowledgementsPath, loadAcknowledgements, type Acknowledgement } from './acknowledgements.js';
import { DEFAULT_MAX_PER_OPERATOR, makeMutants, type Mutant, type OperatorCount } from './make-mutants.js';
import { mutantTimeLimits, writeMutantRubric } from './mutant-rubric.js';
import { compareSkeleton, relativePath, skeletonDiff } from './skeletons.js';

/** The backends validation tries, in the registry's order; the mutants run on cpu, which every machine has. */
const VALIDATED_BACKENDS = Object.values(BACKENDS).filter((backend) => backend.isValidatedByDefault);
const MUTANT_BACKEND: BackendName = 'cpu';

export interface ValidateOptions {
  exercise: string;
  /** Mutants graded at once (default: one per core). */
  jobs?: number;
  /** At most this many mutants of each operator, spread evenly over the solution. */
  maxPerOperator?: number;
  /** Told what is happening, a line at a time (the CLI prints it to stderr). */
  onProgress?: (message: string) => void;
}

/** A graded run, reduced to what two runs are compared on. */
export interface RunSummary {
  status: Report['status'];
  score: number;
  maxScore: number;
  checks: Array<{ id: string; status: CheckStatus; message: string; durationMs: number }>;
  diagnostics: Diagnostic[];
}

export type BackendResult =
  | { kind: 'graded'; backend: string; runs: RunSummary[]; problems: string[] }
  | { kind: 'unavailable'; backend: string; reason: string };

export interface SkeletonResult {
  path: string;
  /** The file on disk is exactly what the solution generates. */
  isUpToDate: boolean;
  /** From the file on disk to the generated one, when they differ. */
  diff: string | null;
  run: RunSummary | null;
  problems: string[];
}

export type MutantOutcome =
  /** Scored below full marks: a check caught the mistake. */
  | { kind: 'killed'; score: number; maxScore: number; failedChecks: Array<{ id: string; status: CheckStatus }> }
  /** Full marks: no check caught it. */
  | { kind: 'survived'; score: number; passedChecks: string[]; acknowledgement: Acknowledgement | null }
  /** The mutated file does not compile: caught, but by the compiler, not by a check. */
  | { kind: 'compile-error'; message: string }
  /** The grader failed on it: the mutant proves nothing, and the failure is the grader's to fix. */
  | { kind: 'grader-error'; message: string };

export interface MutantResult {
  mutant: Omit<Mutant, 'source'>;
  outcome: MutantOutcome;
  /** The exercise's checks that call the mutated function: where a check for it would belong. */
  checksCallingFunction: string[];
}

export interface KillRate {
  killed: number;
  survived: number;
  compileErrors: number;
  graderErrors: number;
}

export interface ExerciseValidation {
  exercise: string;
  isSound: boolean;
  /** What makes it unsound, each with what to do. */
  problems: string[];
  /** Worth knowing, not wrong: an acknowledgement of a mutant that is now caught, say. */
  notes: string[];
  solutionPath: string;
  backends: BackendResult[];
  skeleton: SkeletonResult;
  mutants: {
    backend: string;
    operators: OperatorCount[];
    maxPerOperator: number;
    /** Each check's time limit for mutants, in ms. */
    timeLimits: Record<string, number>;
    results: MutantResult[];
    killRate: KillRate;
  };
  durationMs: number;
}

function summarise(report: Report): RunSummary {
  return {
    status: report.status,
    score: report.score,
    maxScore: report.maxScore,
    checks: report.checks.map((c) => ({ id: c.id, status: c.status, message: c.message, durationMs: c.durationMs })),
    diagnostics: report.diagnostics,
  };
}

function describeDiagnostic(diagnostic: Diagnostic): string {
  return `${diagnostic.file}:${diagnostic.line}:${diagnostic.column} ${diagnostic.message.split('\n')[0]}`;
}

/** Why two runs of the same file differ, check by check; empty when they agree. */
export function compareRuns(first: RunSummary, second: RunSummary): string[] {
  const differences: string[] = [];
  if (first.score !== second.score) differences.push(`the score was ${first.score}, then ${second.score}`);
  for (const check of first.checks) {
    const other = second.checks.find((c) => c.id === check.id);
    if (!other) continue;
    if (other.status !== check.status) differences.push(`${check.id} was ${check.status}, then ${other.status}`);
    else if (other.message !== check.message) differences.push(`${check.id} said "${check.message.slice(0, 80)}", then "${other.message.slice(0, 80)}"`);
  }
  return differences;
}

function solutionProblems(backend: string, runs: RunSummary[]): string[] {
  const problems: string[] = [];
  for (const [index, run] of runs.entries()) {
    const failing = run.checks.filter((c) => c.status !== 'passed');
    if (run.score !== run.maxScore || failing.length > 0) {
      const list = failing.map((c) => `${c.id} ${c.status}: ${c.message.slice(0, 160)}`).join('; ');
      problems.push(`The solution scores ${run.score}/${run.maxScore} on ${backend} (run ${index + 1}): ${list}. Fix the solution or the check: the reference must pass everything.`);
      break;
    }
  }
  if (runs.length === 2 && problems.length === 0) {
    const differences = compareRuns(runs[0], runs[1]);
    if (differences.length > 0) {
      problems.push(`Two runs of the solution on ${backend} disagree: ${differences.join('; ')}. A check must give the same verdict and message every time (seed every random draw).`);
    }
  }
  const diagnostics = runs[0]?.diagnostics ?? [];
  if (diagnostics.length > 0) {
    problems.push(`The solution has type errors: ${diagnostics.slice(0, 3).map(describeDiagnostic).join('; ')}. Students get the same signatures, so fix them in the solution.`);
  }
  return problems;
}

/** The skeleton must give nothing away: 0 points, every check waiting on a TODO. */
function skeletonProblems(skeletonPath: string, run: RunSummary): string[] {
  const problems: string[] = [];
  if (run.status === 'compile-error') {
    problems.push(`The skeleton ${skeletonPath} does not compile: ${run.checks[0]?.message ?? ''}. Fix the solution's markers so that what is left compiles.`);
    return problems;
  }
  if (run.score !== 0) {
    const passing = run.checks.filter((c) => c.status === 'passed').map((c) => c.id);
    problems.push(`The skeleton scores ${run.score}/${run.maxScore} untouched (${passing.join(', ')} pass). Mark more of the solution, so that those checks need the students' code.`);
  }
  const unexpected = run.checks.filter((c) => c.status !== 'not-implemented' && c.status !== 'skipped');
  if (unexpected.length > 0) {
    problems.push(
      `In the skeleton, ${unexpected.map((c) => `${c.id} is ${c.status}`).join(', ')}; every check should be not-implemented (or skipped behind one). ` +
        'A check that calls a function without a TODO stub, or that its prerequisites do not cover, judges the untouched file.',
    );
  }
  if (!run.checks.some((c) => c.status === 'not-implemented')) {
    problems.push('No check of the skeleton is not-implemented: the grader does not see its TODO stubs. Keep each stub in the body of an exported function, as the markers place it.');
  }
  if (run.diagnostics.length > 0) {
    problems.push(`The skeleton has type errors: ${run.diagnostics.slice(0, 3).map(describeDiagnostic).join('; ')}. A name declared in a SOLUTION block and used after it is the usual cause.`);
  }
  return problems;
}

function classify(report: Report): MutantOutcome {
  if (report.status === 'compile-error') return { kind: 'compile-error', message: report.checks[0]?.message ?? 'does not compile' };
  if (report.status === 'internal-error') {
    const failed = report.checks.find((c) => c.status === 'internal-error');
    return { kind: 'grader-error', message: `${failed?.id ?? ''}: ${failed?.message ?? 'internal error'}` };
  }
  if (report.score < report.maxScore) {
    return { kind: 'killed', score: report.score, maxScore: report.maxScore, failedChecks: report.checks.filter((c) => c.status !== 'passed').map((c) => ({ id: c.id, status: c.status })) };
  }
  return { kind: 'survived', score: report.score, passedChecks: report.checks.filter((c) => c.status === 'passed').map((c) => c.id), acknowledgement: null };
}

/** Runs `work` over `items` with at most `jobs` at once, results in the items' order. */
async function mapConcurrently<T, R>(items: readonly T[], jobs: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  return results;
}

async function withSession<T>(options: Parameters<typeof openGradingSession>[0], use: (session: GradingSession) => Promise<T>): Promise<T> {
  const session = await openGradingSession(options);
  try {
    return await use(session);
  } finally {
    session.close();
  }
}

/** The solution twice on one backend (and, on the mutants' backend, the skeleton beside it). */
async function gradeOnBackend(
  exercise: LoadedExercise,
  backend: BackendDefinition,
  skeletonPath: string | null,
  onStart: () => void,
): Promise<{ result: BackendResult; solutionRuns: Report[]; skeleton: Report | null }> {
  // Said before a session is opened: a package that is not installed is not a backend that failed to load.
  const missing = missingPackages(backend.packages);
  if (missing.length > 0) return { result: { kind: 'unavailable', backend: backend.name, reason: describeMissing(missing) }, solutionRuns: [], skeleton: null };
  onStart();
  try {
    return await withSession({ exercise: exercise.definition.id, backend: backend.name, isTypecheckEnabled: true }, async (session) => {
      const files = [exercise.solutionPath, exercise.solutionPath, ...(skeletonPath ? [skeletonPath] : [])];
      session.plan(files);
      const reports = await Promise.all(files.map((file, index) => session.grade(file, index + 1 < files.length)));
      const runs = reports.slice(0, 2).map(summarise);
      return {
        result: { kind: 'graded', backend: session.backend.label, runs, problems: solutionProblems(session.backend.label, runs) },
        solutionRuns: reports.slice(0, 2),
        skeleton: skeletonPath ? reports[2] : null,
      };
    });
  } catch (error) {
    if (error instanceof GraderError && error.code === 'BACKEND_UNAVAILABLE') {
      return { result: { kind: 'unavailable', backend: backend.name, reason: error.message }, solutionRuns: [], skeleton: null };
    }
    throw error;
  }
}

function killRateOf(results: readonly MutantResult[]): KillRate {
  const count = (kind: MutantOutcome['kind']) => results.filter((r) => r.outcome.kind === kind).length;
  return { killed: count('killed'), survived: count('survived'), compileErrors: count('compile-error'), graderErrors: count('grader-error') };
}

/**
 * What the mutants' outcomes mean for soundness: a survivor without an acknowledgement, a mutant the
 * grader failed on, or an acknowledgement of no mutant at all is a problem; an acknowledgement of a
 * mutant now caught is only a note.
 */
export function judgeSurvivors(
  results: readonly MutantResult[],
  acknowledgements: ReadonlyMap<string, Acknowledgement>,
  foundIds: ReadonlySet<string>,
  acknowledgementsFile: string,
): { problems: string[]; notes: string[] } {
  const problems: string[] = [];
  const notes: string[] = [];
  const unacknowledged = results.filter((r) => r.outcome.kind === 'survived' && r.outcome.acknowledgement === null);
  if (unacknowledged.length > 0) {
    problems.push(
      `${unacknowledged.length} surviving mutant${unacknowledged.length === 1 ? ' is' : 's are'} not acknowledged: ${unacknowledged.map((r) => r.mutant.id).join(', ')}. ` +
        `For each, add a check that catches it, or acknowledge it with a reason in ${acknowledgementsFile}.`,
    );
  }
  for (const result of results) {
    if (result.outcome.kind === 'grader-error') problems.push(`The grader failed on mutant ${result.mutant.id} (${result.outcome.message}): a judge must handle any answer.`);
  }
  for (const [mutantId] of acknowledgements) {
    const result = results.find((r) => r.mutant.id === mutantId);
    if (!foundIds.has(mutantId)) {
      problems.push(`${acknowledgementsFile} acknowledges ${mutantId}, which is no mutant of the current solution (its code changed?). Remove the entry, or acknowledge the mutant's new id.`);
    } else if (result && result.outcome.kind !== 'survived') {
      notes.push(`${mutantId} is acknowledged but now ${result.outcome.kind === 'killed' ? 'caught' : result.outcome.kind}: its entry in ${acknowledgementsFile} can go.`);
    }
  }
  return { problems, notes };
}

export async function validateExercise(options: ValidateOptions): Promise<ExerciseValidation> {
  const startedAt = performance.now();
  const progress = options.onProgress ?? (() => undefined);
  const exercise = await loadExercise(options.exercise);
  const id = exercise.definition.id;
  const problems: string[] = [];
  const notes: string[] = [];
  const solutionDisplay = relativePath(exercise.solutionPath);
  const skeletonDisplay = relativePath(exercise.skeletonPath);
  const acknowledgementsFile = acknowledgementsPath(id);
  const acknowledgements = loadAcknowledgements(acknowledgementsFile);

  // The skeleton students get must be the one the solution generates.
  const files = { exercise: id, solutionPath: exercise.solutionPath, skeletonPath: exercise.skeletonPath };
  const { expected, actual } = compareSkeleton(files);
  const skeleton: SkeletonResult = { path: skeletonDisplay, isUpToDate: actual === expected, diff: actual === expected ? null : skeletonDiff(files, expected, actual), run: null, problems: [] };
  if (actual === null) skeleton.problems.push(`There is no skeleton at ${skeletonDisplay}. Write it with \`autograde skeleton ${id}\`.`);
  else if (!skeleton.isUpToDate) skeleton.problems.push(`${skeletonDisplay} is not what ${solutionDisplay} generates (diff below). Regenerate it with \`autograde skeleton ${id}\`.`);

  progress(`${id}: making mutants of ${solutionDisplay}`);
  const source = fs.readFileSync(exercise.solutionPath, 'utf8');
  const plan = makeMutants(source, { filePath: exercise.solutionPath, displayPath: solutionDisplay, maxPerOperator: options.maxPerOperator });
  if (plan.mutants.length === 0) problems.push(`No mutant could be made of ${solutionDisplay}: mark the code students write with // BEGIN SOLUTION … // END SOLUTION.`);

  const backends: BackendResult[] = [];
  let mutantBaseline: Report[] = [];
  for (const backend of VALIDATED_BACKENDS) {
    const isMutantBackend = backend.name === MUTANT_BACKEND;
    const isSkeletonGraded = isMutantBackend && actual !== null;
    const graded = await gradeOnBackend(exercise, backend, isSkeletonGraded ? exercise.skeletonPath : null, () => progress(`${id}: grading the solution twice${isSkeletonGraded ? ' and the skeleton' : ''} on ${backend.name}`));
    backends.push(graded.result);
    if (graded.result.kind === 'graded') problems.push(...graded.result.problems);
    if (isMutantBackend) {
      mutantBaseline = graded.solutionRuns;
      if (graded.skeleton) {
        skeleton.run = summarise(graded.skeleton);
        skeleton.problems.push(...skeletonProblems(skeletonDisplay, skeleton.run));
      }
    }
  }
  problems.unshift(...skeleton.problems);
  if (mutantBaseline.length === 0) throw new GraderError('BACKEND_UNAVAILABLE', `Validation grades mutants on the ${MUTANT_BACKEND} backend, which is not available.`);

  // Mutants are only worth grading against a solution that passes: otherwise every one "is caught".
  const isBaselineSound = mutantBaseline.every((report) => report.score === report.maxScore);
  const limits = mutantTimeLimits(exercise.rubric, mutantBaseline);
  const results: MutantResult[] = [];
  if (isBaselineSound && plan.mutants.length > 0) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-mutants-'));
    try {
      const rubricPath = writeMutantRubric(exercise.rubricPath, limits, dir);
      const { fileName } = exercise.definition;
      const mutantFiles = plan.mutants.map((mutant, index) => {
        const file = path.join(dir, String(index + 1), fileName);
        fs.mkdirSync(path.dirname(file));
        fs.writeFileSync(file, mutant.source);
        return file;
      });
      progress(`${id}: grading ${plan.mutants.length} mutants on ${MUTANT_BACKEND}`);
      let done = 0;
      const reports = await withSession({ exercise: id, backend: MUTANT_BACKEND, rubricPath, isTypecheckEnabled: false }, (session) =>
        mapConcurrently(mutantFiles, options.jobs ?? os.availableParallelism(), async (file, index) => {
          const report = await session.grade(file, index + 1 < mutantFiles.length);
          done++;
          if (done % 10 === 0 || done === mutantFiles.length) progress(`${id}: ${done} of ${mutantFiles.length} mutants graded`);
          return report;
        }),
      );
      for (const [index, mutant] of plan.mutants.entries()) {
        const outcome = classify(reports[index]);
        if (outcome.kind === 'survived') outcome.acknowledgement = acknowledgements.get(mutant.id) ?? null;
        const { source: _source, ...described } = mutant;
        const calledName = mutant.functionName.split('.')[0];
        const checksCallingFunction = [...exercise.registry.values()].filter((check) => check.uses.includes(calledName)).map((check) => check.id);
        results.push({ mutant: described, outcome, checksCallingFunction });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } else if (!isBaselineSound) {
    notes.push('Mutants were not graded: the solution itself does not score full marks on cpu.');
  }

  const killRate = killRateOf(results);
  const judged = judgeSurvivors(results, acknowledgements, plan.foundIds, relativePath(acknowledgementsFile));
  problems.push(...judged.problems);
  notes.push(...judged.notes);

  return {
    exercise: id,
    isSound: problems.length === 0,
    problems,
    notes,
    solutionPath: solutionDisplay,
    backends,
    skeleton,
    mutants: {
      backend: MUTANT_BACKEND,
      operators: plan.operators,
      maxPerOperator: options.maxPerOperator ?? DEFAULT_MAX_PER_OPERATOR,
      timeLimits: Object.fromEntries(limits),
      results,
      killRate,
    },
    durationMs: Math.round(performance.now() - startedAt),
  };
}
