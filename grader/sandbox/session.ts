/**
 * The sandbox for one submission across all its checks: a runner is started on first use and
 * replaced by a fresh one after a timeout or crash, so that one infinite loop costs only the check
 * it happened in. A failure while loading the module is deterministic, so it is remembered and
 * answered for every later check instead of being retried.
 */
import type { RunRecord, SandboxLayer, SandboxViolation } from '../report/types.js';
import { probeCallKey, type Wire, type WireError } from '../runtime/protocol.js';
import type { RunnerPool } from './runner-pool.js';
import type { ProbeOutcome, SandboxProcess, StartOutcome, StartTimings } from './sandbox-process.js';

/** Violations a report lists; past them, each kind is counted. */
const MAX_VIOLATIONS_KEPT = 40;

export type StartFailure = Exclude<StartOutcome, { kind: 'ready' }>;

export type SessionOutcome = { kind: 'probe'; outcome: ProbeOutcome } | { kind: 'start-failed'; failure: StartFailure; output: string };

export interface SessionTimings extends StartTimings {
  importMs: number;
}

export class SandboxSession {
  restarts = 0;
  layers: SandboxLayer[] = [];
  private readonly kept: SandboxViolation[] = [];
  /** Violations past the kept ones, by kind: a flood of them is itself worth telling staff. */
  private readonly notKept = new Map<SandboxViolation['kind'], number>();
  readonly runs: RunRecord[] = [];
  private currentChecks: string[] = [];
  /** From the first start, which is the one a cold run pays for. */
  timings: SessionTimings | null = null;
  private current: SandboxProcess | null = null;
  private startFailure: { failure: StartFailure; output: string } | null = null;
  private starts = 0;
  private output = '';
  // Checks that judge the same call differently (losses and predictions of one training run)
  // share one run: the same probe on the same input gives the same answer, or the same failure.
  private readonly memo = new Map<string, SessionOutcome>();

  constructor(private readonly options: { pool: RunnerPool; code: string; filename: string }) {}

  /** The first violations of the submission, then one line per kind for those past them. */
  get violations(): SandboxViolation[] {
    const counted = [...this.notKept].map(([kind, count]): SandboxViolation => ({
      checkId: null,
      kind,
      message: `and ${count} more ${kind} violation${count === 1 ? '' : 's'}, not listed`,
      source: 'observed',
      count,
    }));
    return [...this.kept, ...counted];
  }

  private recordViolation(violation: SandboxViolation): void {
    if (this.kept.length < MAX_VIOLATIONS_KEPT) this.kept.push(violation);
    else this.notKept.set(violation.kind, (this.notKept.get(violation.kind) ?? 0) + 1);
  }

  /** Everything the student's code printed, across restarts, cut to the kept size. */
  get capturedOutput(): string {
    return this.output + (this.current?.capturedOutput ?? '');
  }

  async run(checkId: string, source: string, input: Wire, timeLimitMs: number): Promise<SessionOutcome> {
    const key = probeCallKey(source, input);
    const outcome = this.memo.get(key) ?? (await this.runFresh(checkId, source, input, timeLimitMs));
    this.memo.set(key, outcome);
    // The runner reports refused operations itself; what it could not see (a refused signal, say)
    // is recorded from the error that escaped, once per check that made the call.
    if (outcome.kind === 'probe' && outcome.outcome.kind === 'thrown') this.recordEscapedDenial(checkId, outcome.outcome.error);
    return outcome;
  }

  private recordEscapedDenial(checkId: string | null, error: WireError): void {
    if (!error.isAccessDenied || this.kept.some((v) => v.checkId === checkId)) return;
    const message = checkId === null ? error.message : `${error.message}${error.resource ? ` (${error.resource})` : ''}`;
    this.recordViolation({ checkId, kind: violationKindOf(error.permission), message, source: 'reported' });
  }

  private async runFresh(checkId: string, source: string, input: Wire, timeLimitMs: number): Promise<SessionOutcome> {
    if (this.startFailure) return { kind: 'start-failed', ...this.startFailure };
    const runner = await this.ensureRunner();
    if (!runner) return { kind: 'start-failed', ...this.startFailure! };
    this.currentChecks.push(checkId);
    const outcome = await runner.runProbe(checkId, source, input, timeLimitMs);
    this.collect(runner, checkId);
    if (!runner.isAlive) this.retire();
    return { kind: 'probe', outcome };
  }

  dispose(): void {
    this.retire();
  }

  private async ensureRunner(): Promise<SandboxProcess | null> {
    if (this.current?.isAlive) return this.current;
    if (this.starts > 0) this.restarts++;
    this.starts++;
    const runner = this.options.pool.take();
    const { outcome, timings } = await runner.load(this.options.code, this.options.filename);
    this.layers = runner.layers;
    this.collect(runner, null);
    if (outcome.kind !== 'ready') {
      this.startFailure = { failure: outcome, output: runner.capturedOutput };
      if (outcome.kind === 'import-failed') this.recordEscapedDenial(null, outcome.error);
      this.current = runner;
      this.retire();
      return null;
    }
    this.timings ??= { ...timings, importMs: outcome.importMs };
    this.current = runner;
    return runner;
  }

  private collect(runner: SandboxProcess, checkId: string | null): void {
    for (const violation of runner.violations.splice(0)) this.recordViolation({ checkId, ...violation });
  }

  private retire(): void {
    if (!this.current) return;
    const { wallMs, cpuMs, peakRssMb, endedBy } = this.current.stats;
    this.runs.push({
      checks: this.currentChecks,
      wallMs: Math.round(wallMs),
      cpuMs: Math.round(cpuMs),
      peakRssMb: Math.round(peakRssMb),
      endedBy: endedBy?.kind ?? 'completed',
      exitCode: endedBy?.kind === 'exited' ? endedBy.exitCode : null,
      signal: endedBy === null ? null : endedBy.kind === 'exited' ? endedBy.signal : 'SIGKILL',
    });
    this.currentChecks = [];
    this.output += this.current.capturedOutput;
    this.current.dispose();
    this.current = null;
  }
}

/** The kind of violation a refusal of node's permission model stands for. */
function violationKindOf(permission: string | undefined): SandboxViolation['kind'] {
  if (permission?.startsWith('FileSystem')) return 'file';
  if (permission === 'ChildProcess' || permission === 'Signal') return 'process';
  if (permission === 'WorkerThreads') return 'worker';
  return 'other';
}
