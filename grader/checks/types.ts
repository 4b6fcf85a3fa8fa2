/**
 * What a check is. A runtime check has two halves on two sides of the process boundary: a probe,
 * which runs inside the sandbox and only calls the student's code, and a judge, which runs in the
 * grader and decides. A static check only reads the student's source.
 */
import type * as Morph from 'ts-morph';
import type { TensorCounts, Wire } from '../runtime/protocol.js';
import type { Figure, NumericDifference } from '../report/types.js';
import type { Tolerance } from '../rubric/schema.js';

export type Verdict =
  | { status: 'passed'; message?: string }
  | { status: 'failed'; message: string; difference?: NumericDifference };

/** What a probe receives inside the sandbox. */
export interface ProbeApi<I> {
  // The student's exports: untyped on purpose, since the submission may not match the API.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  mod: Record<string, any>;
  tf: typeof import('@tensorflow/tfjs');
  input: I;
  /** Tensor counts kept out of the student's reach; use these, not `tf.memory()`, to judge leaks. */
  counts: TensorCounts;
}

/**
 * Runs in the sandbox. It is sent there as source text (`probe.toString()`), so it must be
 * self-contained: no reference to anything outside its own body but `api`.
 */
export type Probe<I> = (api: ProbeApi<I>) => unknown;

export interface JudgeContext<I> {
  input: I;
  /** What the student's code returned, as plain data. */
  actual: Wire;
  /** What the reference solution returned for the same input on the same backend. */
  expected: Wire;
  tolerance: Tolerance;
}

interface CheckBase {
  /** `<part>.<name>`; the part groups checks in reports. */
  id: string;
  /** One line the student reads. */
  title: string;
  /** Exports of the student's file this check calls; a missing or TODO one decides the outcome. */
  uses: readonly string[];
}

/** What a check's figures are drawn from: the same call the judge saw. */
export interface FigureContext<I> {
  input: I;
  /** What the student's code returned. */
  actual: Wire;
  /** What the reference solution returned for the same input. */
  expected: Wire;
}

export interface RuntimeCheck<I = unknown> extends CheckBase {
  kind: 'runtime';
  /** Plain data (JSON-like): it is sent to the sandbox with the probe. */
  input: I;
  probe: Probe<I>;
  judge: (context: JudgeContext<I>) => Verdict;
  /**
   * Plots of the student's result beside the reference's, for the report. Called after the judge,
   * only when the probe returned a value and the check is visible; it never changes the verdict,
   * and one that throws only loses its figures.
   */
  figures?: (context: FigureContext<I>) => Figure[];
}

/**
 * Judged in the compile worker, which has ts-morph loaded: the module comes with the context, so
 * that check files import it for types only and the grader's main process never loads it.
 */
export interface StaticCheck extends CheckBase {
  kind: 'static';
  judge: (context: { sourceFile: Morph.SourceFile; morph: typeof Morph }) => Verdict;
}

export type CheckDefinition = RuntimeCheck<any> | StaticCheck; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface ExerciseDefinition {
  id: string;
  /** The file students submit, e.g. `my-exercise.ts`. */
  fileName: string;
  checks: readonly CheckDefinition[];
}

export function partOf(checkId: string): string {
  return checkId.split('.')[0];
}

export function defineRuntimeCheck<I>(check: Omit<RuntimeCheck<I>, 'kind'>): RuntimeCheck<I> {
  return { kind: 'runtime', ...check };
}

export function defineStaticCheck(check: Omit<StaticCheck, 'kind'>): StaticCheck {
  return { kind: 'static', ...check };
}
