/**
 * What a check is. A runtime check has two halves on two sides of the process boundary: a probe,
 * which runs inside the sandbox and only calls the student's code, and a judge, which runs in the
 * grader and decides. A static check has two halves too: a finder, which runs in the compile worker
 * and reads the student's source, and a judge, which runs in the grader and decides from what the
 * finder reported.
 */
import type * as Morph from 'ts-morph';
import type { TensorCounts, Wire } from '../runtime/protocol.js';
import type { Figure, NumericDifference } from '../report/types.js';
import type { Tolerance } from '../rubric/schema.js';

export type Verdict =
  | { status: 'passed'; message?: string }
  | { status: 'failed'; message: string; difference?: NumericDifference };

/**
 * What a probe receives inside the sandbox. `M` is the student's module as the probe expects it,
 * typed from the exercise's skeleton (see defineRuntimeCheckFor), so that a probe that calls it
 * wrongly does not compile. A submission may still not match at run time: a probe that reads what
 * the student's code made guards what it reads, as it would without the type.
 */
export interface ProbeApi<I, M = unknown> {
  /** The student's exports. */
  mod: M;
  tf: typeof import('@tensorflow/tfjs');
  input: I;
  /** Tensor counts kept out of the student's reach; use these, not `tf.memory()`, to judge leaks. */
  counts: TensorCounts;
}

/**
 * Runs in the sandbox. It is sent there as source text (`probe.toString()`), so it must be
 * self-contained: no reference to anything outside its own body but `api`, not even to a helper it
 * imports (types are erased, so importing types is fine). That text, comments included, is also
 * part of the reference cache's key and of what makes two checks share one call (probeCallKey).
 */
export type Probe<I, M = unknown> = (api: ProbeApi<I, M>) => unknown;

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

// A check's functions are declared as methods, not as properties that hold functions: TypeScript
// compares the parameters of methods both ways, so a check of any input and module (or findings) is
// still a CheckDefinition, and one list holds them all. Each check is typed exactly where it is written.

export interface RuntimeCheck<I = unknown, M = unknown> extends CheckBase {
  kind: 'runtime';
  /** Plain data (JSON-like): it is sent to the sandbox with the probe. */
  input: I;
  /** Runs in the sandbox, sent as source text: see Probe. */
  probe(api: ProbeApi<I, M>): unknown;
  judge(context: JudgeContext<I>): Verdict;
  /**
   * Plots of the student's result beside the reference's, for the report. Called after the judge,
   * only when the probe returned a value and the check is visible; it never changes the verdict,
   * and one that throws only loses its figures.
   */
  figures?(context: FigureContext<I>): Figure[];
}

/**
 * What a static check's finder reports: plain JSON data, since it crosses from the compile worker
 * to the grader. Declare a finder's findings with `type`, not `interface`: only a type alias is
 * checked to be JSON field by field.
 */
export type Findings = null | boolean | number | string | Findings[] | { [key: string]: Findings };

/**
 * What a finder reads. ts-morph comes with it, so that check files import ts-morph for types only
 * and the grader's main process never loads it.
 */
export interface FindContext {
  sourceFile: Morph.SourceFile;
  morph: typeof Morph;
}

export interface StaticCheck<F extends Findings = Findings> extends CheckBase {
  kind: 'static';
  /**
   * Runs in the compile worker, which has the submission's AST: what the source shows, as data.
   * It never decides; the judge does, from this alone.
   */
  find(context: FindContext): F;
  /** Runs in the grader, like a runtime check's judge: the verdict on what `find` reported. */
  judge(findings: F): Verdict;
}

export type CheckDefinition = RuntimeCheck | StaticCheck;

export interface ExerciseDefinition {
  id: string;
  /** The file students submit, e.g. `my-exercise.ts`. */
  fileName: string;
  checks: readonly CheckDefinition[];
}

export function partOf(checkId: string): string {
  return checkId.split('.')[0];
}

export function defineRuntimeCheck<I, M = unknown>(check: Omit<RuntimeCheck<I, M>, 'kind'>): RuntimeCheck<I, M> {
  return { kind: 'runtime', ...check };
}

/**
 * defineRuntimeCheck for one exercise, its probes typed against the student's module `M` (the
 * skeleton's exports, `typeof import(…)` of it, type-only). TypeScript cannot infer one type
 * argument and take the other, so `M` is given once here and each check's input is still inferred:
 * `export const defineRuntimeCheck = defineRuntimeCheckFor<StudentModule>();`
 */
export function defineRuntimeCheckFor<M>(): <I>(check: Omit<RuntimeCheck<I, M>, 'kind'>) => RuntimeCheck<I, M> {
  return (check) => defineRuntimeCheck(check);
}

export function defineStaticCheck<F extends Findings>(check: Omit<StaticCheck<F>, 'kind'>): StaticCheck<F> {
  return { kind: 'static', ...check };
}
