/**
 * What every submission of one grader run shares: the exercise and its rubric, the backend, the
 * compile worker, the reference outputs and the pool of runners. Submissions may be graded one
 * after another (`grade`) or several at once (`batch`).
 */
import { selectBackend, type BackendChoice, type SelectedBackend } from '../backend/select-backend.js';
import { Compiler } from '../compile/compiler.js';
import { GraderError } from '../errors.js';
import { loadExercise, type LoadedExercise } from '../exercise/load-exercise.js';
import { prepareTypeScriptCodeCache } from '../compile/typescript-code-cache.js';
import { getReferenceOutputs } from '../reference/reference-outputs.js';
import type { Report } from '../report/types.js';
import { prepareRunnerSnapshot } from '../sandbox/build-runner-snapshot.js';
import { missingForStrict } from '../sandbox/layers.js';
import { RunnerPool } from '../sandbox/runner-pool.js';
import { displayPathOf, gradeSubmission, sandboxLimits } from './grade-submission.js';
import { resolveSubmissionFile } from './read-submission.js';
import { selectChecks, type CheckSelection, type SelectedChecks } from './select-checks.js';
import { readForPlan, TypecheckAhead } from './typecheck-ahead.js';

export interface GradingSessionOptions {
  /**
   * The exercise's id, loaded here with `rubricPath`; or the exercise already loaded, by a caller
   * that needed it first (`check` and `gradescope` look for the student's file by its name).
   */
  exercise: string | LoadedExercise;
  /** A compile worker already warming up (the CLI starts it before loading anything heavy). */
  compiler?: Compiler;
  backend: BackendChoice;
  rubricPath?: string;
  /** Type errors as diagnostics (the default); off saves the type check's time. */
  isTypecheckEnabled?: boolean;
  /** `strict` refuses to grade unless every sandbox layer is available. */
  sandbox?: 'auto' | 'strict';
  /**
   * `visible` grades only the visible checks (`autograde check`): hidden ones are not run, not
   * judged, have no reference computed and appear in reports only as a count. Default `all`.
   */
  checks?: CheckSelection;
  /**
   * How each submission's file is named in its report, diagnostics and messages. By default, its
   * path from where the grader runs; `batch` names a file as the class handed it in (its path in
   * the folder or the zip), never the scratch folder a zip was unpacked into.
   */
  nameFile?: (file: string) => string;
}

export interface GradingSession {
  exercise: LoadedExercise;
  backend: SelectedBackend;
  /** The checks this session grades, and what it leaves out. */
  selection: SelectedChecks;
  /** Announces submissions about to be graded, so that their type checks are grouped. */
  plan(inputs: string[]): void;
  /** Grades one submission; `isMoreToCome` starts a spare runner for the next one meanwhile. */
  grade(input: string, isMoreToCome: boolean): Promise<Report>;
  /** CPU the grader itself used so far: this process and its compile worker, not the sandboxes. */
  graderCpuMs(): number;
  /** The part of graderCpuMs that the compile worker used: compiling and type checking. */
  compileWorkerCpuMs(): number;
  close(): void;
}

export async function openGradingSession(options: GradingSessionOptions): Promise<GradingSession> {
  if (options.sandbox === 'strict') {
    const missing = missingForStrict();
    if (missing.length > 0) {
      throw new GraderError('SANDBOX_UNAVAILABLE', `--sandbox strict refuses to grade without every layer. Missing: ${missing.join('; ')}. Or run with --sandbox auto, which reports the layers it had.`);
    }
  }
  const compiler = options.compiler ?? new Compiler();
  compiler.warmUp();
  let exercise: LoadedExercise;
  let backend: SelectedBackend;
  try {
    exercise = typeof options.exercise === 'string' ? await loadExercise(options.exercise, options.rubricPath) : options.exercise;
    backend = selectBackend(options.backend);
  } catch (error) {
    compiler.close();
    throw error;
  }
  compiler.setTypecheckLimit(exercise.rubric.limits.typecheckMs);
  const selection = selectChecks(exercise.rubric.checks, options.checks ?? 'all', exercise.rubric.withheld);
  const limits = sandboxLimits(exercise, selection.checks);
  // Built once per machine, node and tfjs (a second or two), then found in the cache; the reference
  // uses the same snapshot when its memory limit is the same. TypeScript's code cache serves the
  // compile workers started from then on.
  await Promise.all([prepareRunnerSnapshot({ backend: backend.request, memoryMb: limits.memoryMb }), prepareTypeScriptCodeCache()]);
  const pool = new RunnerPool({ backend: backend.request, limits });
  // The first runner loads tfjs while the first submission compiles.
  pool.prepare();
  // Started now, awaited by the first check that needs it: it overlaps with compiling and starting
  // the student's sandbox.
  const reference = getReferenceOutputs(exercise, backend, compiler, [...selection.checks.keys()]);
  reference.catch(() => undefined);
  const isTypecheckEnabled = options.isTypecheckEnabled ?? true;
  const typechecks = new TypecheckAhead(compiler);
  const nameFile = options.nameFile ?? displayPathOf;
  const context = { exercise, selection, backend, compiler, reference, pool, isTypecheckEnabled, typechecks, nameFile };
  return {
    exercise,
    backend,
    selection,
    plan(inputs) {
      if (!isTypecheckEnabled) return;
      const { fileName } = exercise.definition;
      const files = inputs.flatMap((input) => {
        try {
          const file = resolveSubmissionFile(input, fileName);
          return [{ file, displayPath: nameFile(file) }];
        } catch {
          // Reported when it is graded.
          return [];
        }
      });
      typechecks.plan(readForPlan(files, fileName));
    },
    async grade(input, isMoreToCome) {
      const report = await gradeSubmission(input, context);
      if (isMoreToCome) pool.prepare();
      return report;
    },
    compileWorkerCpuMs() {
      return compiler.cpuMs;
    },
    graderCpuMs() {
      const own = process.cpuUsage();
      return (own.user + own.system) / 1000 + compiler.cpuMs;
    },
    close() {
      pool.dispose();
      compiler.close();
    },
  };
}
