/**
 * The one report object. Every reporter formats it; nothing downstream recomputes a score.
 */
import type { GpuAdapterInfo } from '../runtime/protocol.js';

/** What happened to one check. `internal-error` is the grader's fault and never costs points. */
export type CheckStatus =
  | 'passed'
  | 'failed'
  | 'error'
  | 'timeout'
  | 'memory'
  | 'output-limit'
  | 'not-implemented'
  | 'skipped'
  | 'compile-error'
  | 'internal-error';

export type Visibility = 'visible' | 'hidden';

/** Where two numeric results disagree, in terms a student can act on. */
export interface NumericDifference {
  expectedShape?: number[];
  actualShape?: number[];
  maxAbsDiff?: number;
  /** Index (row-major, per dimension) of the largest absolute difference. */
  at?: number[];
  expectedValue?: number;
  actualValue?: number;
  hasNaN?: boolean;
  hasInfinity?: boolean;
}

/** A place in the submission. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/**
 * What a check's status may carry beside its message, and nothing else: a failure the numbers
 * that disagree, an error or a TODO the line it came from. Each status is one case, so that a
 * reporter can never find a difference on a timeout or a location on a grader fault.
 */
export type CheckDetail =
  | { status: 'passed'; message: string }
  | { status: 'failed'; message: string; difference?: NumericDifference }
  /** The student's code threw: where, when its stack shows a line of the submission. */
  | { status: 'error'; message: string; location?: SourceLocation }
  /** A TODO that still throws: its place in the file. */
  | { status: 'not-implemented'; message: string; location?: SourceLocation }
  | { status: 'timeout' | 'memory' | 'output-limit' | 'skipped' | 'compile-error'; message: string }
  /** The grader's own fault: the message says what failed; it never costs the student (scoring/). */
  | { status: 'internal-error'; message: string };

/** What grading found for one check, before it is scored: the pipeline's answer. */
export type CheckOutcome = CheckDetail & {
  id: string;
  title: string;
  part: string;
  durationMs: number;
  /**
   * CPU the student's code used for this check, measured in the sandbox around the call; 0 when
   * nothing ran or the call was shared with an earlier check (both judge one training run).
   */
  cpuMs: number;
};

/** A check as the report holds it: its outcome, scored against the rubric (grader/scoring/). */
export type CheckResult = CheckOutcome & {
  score: number;
  /** What the check counted for: its points, or 0 when it was not scored (`internal-error`). */
  maxScore: number;
  /** What the rubric gives the check. */
  points: number;
  visibility: Visibility;
};

/** The numbers that disagree, for a failure that has them. */
export function differenceOf(check: CheckDetail): NumericDifference | undefined {
  return check.status === 'failed' ? check.difference : undefined;
}

/** Where in the submission to look, when one place is known: the TODO that still throws, the line that threw. */
export function locationOf(check: CheckDetail): SourceLocation | undefined {
  return check.status === 'error' || check.status === 'not-implemented' ? check.location : undefined;
}

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  message: string;
}

/** One protective layer around the student's code, and whether it was in force for this run. */
export interface SandboxLayer {
  name: string;
  isActive: boolean;
  detail: string;
}

/**
 * Where a fact about a run comes from. `observed`: seen by the grader from outside the sandbox
 * (how the process ended, its signal, its memory and time, what arrived on the channel), which
 * nothing inside can change. `reported`: told by the runner from inside, where the student's code
 * shares its realm and may have kept it from telling: best effort, never proof of innocence.
 */
export type FactSource = 'observed' | 'reported';

export interface SandboxViolation {
  checkId: string | null;
  kind: 'file' | 'network' | 'process' | 'worker' | 'introspection' | 'channel' | 'other';
  message: string;
  source: FactSource;
  /** On the line that stands for the violations past those a report lists: how many it stands for. */
  count?: number;
}

/** One sandboxed process: the checks it ran, what it cost, how it ended. */
export interface RunRecord {
  checks: string[];
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  /** `completed` when the grader closed it after its last check; otherwise what stopped it. */
  endedBy: 'completed' | 'timeout' | 'memory' | 'output-limit' | 'exited' | 'channel-corrupted' | 'spawn-failed';
  exitCode: number | null;
  signal: string | null;
}

export interface SandboxSummary {
  layers: SandboxLayer[];
  runs: RunRecord[];
  /** Fresh processes started after a timeout or crash, so later checks still ran. */
  restarts: number;
  violations: SandboxViolation[];
}

/**
 * The checks a run left out (`autograde check` runs the visible ones only): how many, and the points
 * they carry. Which ones, their titles and their results are never in the report.
 */
export interface WithheldChecks {
  count: number;
  points: number;
  /** Checks that ran here, but that also need a left-out check to pass when everything is graded. */
  dependents: string[];
}

/**
 * Checks the grader failed to judge (`internal-error`): left out of the score and the maximum both,
 * so the report is a partial grade until they are graded again.
 */
export interface IncompleteReport {
  checks: string[];
  /** The points those checks carry, out of neither score nor maxScore. */
  points: number;
}

/** The submission as a whole. `internal-error` means the grader failed on at least one check. */
export type SubmissionStatus = 'passed' | 'failed' | 'compile-error' | 'internal-error';

/**
 * What each phase cost. Some overlap: the type check runs beside the checks, and the sandbox
 * starts (and loads tfjs) while the submission compiles; `sandboxWaitMs` is what was left to wait.
 */
export interface PhaseTimings {
  compileMs: number;
  typecheckMs: number;
  sandboxStartMs: number;
  tfjsLoadMs: number;
  sandboxWaitMs: number;
  importMs: number;
  checksMs: number;
  referenceMs: number;
}

/**
 * A plot drawn from what a check's call returned, the student's beside the reference's. Figures
 * are data: the HTML reporter draws them, and `--format json` carries them for other tools.
 * Numbers are rounded to four significant digits, and a value that is not finite is `null`.
 */
export type Figure = LineFigure | HeatmapFigure | ScatterFigure;

/** Whose result a series or panel shows. */
export type FigureSource = 'student' | 'reference';

interface FigureBase {
  /** What the plot shows, as the exercise's own plot would title it. */
  title: string;
  /** A sentence or two under the plot: what is drawn, and how to read it. */
  caption: string;
}

/** Curves over a shared x axis, e.g. a loss per epoch; drawn on one pair of axes. */
export interface LineFigure extends FigureBase {
  kind: 'line';
  xLabel: string;
  yLabel: string;
  series: LineSeries[];
}

export interface LineSeries {
  name: string;
  source: FigureSource;
  /** Point i lies at x = xStart + i·xStep (0 and 1 unless set); `null` leaves a gap. */
  y: Array<number | null>;
  xStart?: number;
  xStep?: number;
}

/** Matrices with labelled rows and columns, one panel each, on one colour scale from min to max. */
export interface HeatmapFigure extends FigureBase {
  kind: 'heatmap';
  rowLabels: string[];
  columnLabels: string[];
  min: number;
  max: number;
  panels: HeatmapPanel[];
}

export interface HeatmapPanel {
  name: string;
  source: FigureSource;
  /** rows × columns; `null` for a value that is not finite. */
  values: Array<Array<number | null>>;
}

/** Labelled points in two dimensions; every series on one pair of axes. */
export interface ScatterFigure extends FigureBase {
  kind: 'scatter';
  xLabel: string;
  yLabel: string;
  series: ScatterSeries[];
  /**
   * Whether the student's and the reference's points of the same label are the same thing and
   * should coincide: the chart joins each pair, so that the distance between them shows.
   */
  isPaired: boolean;
}

export interface ScatterSeries {
  name: string;
  source: FigureSource;
  points: Array<{ label: string; x: number | null; y: number | null }>;
}

/** A figure as the report holds it: with the check whose call it was drawn from. */
export type CheckFigure = Figure & { checkId: string };

export interface Report {
  exercise: string;
  submission: string;
  status: SubmissionStatus;
  score: number;
  maxScore: number;
  /** Present when some checks could not be scored: the grade is incomplete. */
  incomplete?: IncompleteReport;
  /** The backend's name, one of `cpu`, `wasm`, `tensorflow` and `webgpu`. */
  backend: string;
  /** For `tensorflow`: the package that provided it (`@tensorflow/tfjs-node` or `-node-gpu`). */
  backendPackage?: string;
  /** The GPU adapter the backend ran on, for `webgpu`: which device, and whether it was a software fallback. */
  adapter?: GpuAdapterInfo;
  sandbox: SandboxSummary;
  durationMs: number;
  timings: PhaseTimings;
  graderVersion: string;
  /** sha256 of the submitted file and of the rubric: with the grader version and the backend, what a batch resumes by. */
  submissionHash: string;
  rubricHash: string;
  diagnostics: Diagnostic[];
  checks: CheckResult[];
  /** Present when the run left checks out; absent when every check of the rubric was graded. */
  withheld?: WithheldChecks;
  /** What the student's code printed (stdout and stderr), cut to the first few kilobytes. */
  output: string;
  /**
   * Plots of what the student's code returned beside the reference's, from the visible runtime
   * checks that draw one (see `RuntimeCheck.figures`), in check order; absent when there are none.
   * Kept small: sizes are capped and numbers rounded (grader/report/compact-figure.ts).
   */
  figures?: CheckFigure[];
}

/**
 * The one thing `autograde check` tells a student to do next, decided from a report of the visible
 * checks (grader/pipeline/next-step.ts); the check reporter prints it.
 */
export type NextStep =
  | { kind: 'compile-error'; message: string; location: SourceLocation | null; otherErrors: number }
  | {
      kind: 'check';
      check: CheckResult;
      /** The numbered TODO to work on, from the check's message or the skeleton; null when neither says. */
      todo: string | null;
      /** The functions (exports) the check calls. */
      functions: readonly string[];
    }
  /** Nothing the student did: the grader failed on a check. */
  | { kind: 'grader-failed'; check: CheckResult }
  /** Every check that ran passed. */
  | { kind: 'none' };
