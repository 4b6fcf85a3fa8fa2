/**
 * One sandboxed runner process and everything enforced on it from outside: wall time per request,
 * resident memory, output size. Whatever the student's code does comes back as data (an outcome),
 * never as an exception thrown through the grader.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import tmp from 'tmp';
import type { Readable, Writable } from 'node:stream';
import { backendAccess } from '../backend/backends/index.js';
import { REQUEST_HEADER_BYTES, type BackendRequest, type HostMessage, type SandboxMessage, type Wire, type WireError } from '../runtime/protocol.js';
import type { SandboxLayer, SandboxViolation } from '../report/types.js';
import { AnswerDecoder } from './answer-decoder.js';
import { buildLaunch, type LaunchOptions } from './launch.js';
import { OUTPUT_KEPT_BYTES } from './limits.js';
import { readTreeUsage } from './process-tree.js';
import { findRunnerSnapshot, rejectRunnerSnapshot, type SnapshotTarget } from './runner-snapshot.js';
import { RUNNER_PATH } from '../paths.js';

/** How a run ended when it did not end by answering. */
export type Termination =
  | { kind: 'timeout'; limitMs: number }
  | { kind: 'memory'; peakRssMb: number; limitMb: number }
  | { kind: 'output-limit'; limitBytes: number }
  | { kind: 'exited'; exitCode: number | null; signal: NodeJS.Signals | null }
  /** Something not from the runner was written to the results channel and broke its framing. */
  | { kind: 'channel-corrupted'; reason: string }
  | { kind: 'spawn-failed'; message: string };

export type StartOutcome =
  | { kind: 'ready'; exports: string[]; importMs: number }
  | { kind: 'import-failed'; error: WireError }
  | { kind: 'backend-failed'; message: string }
  /** The runner ended before the student's module began to evaluate: the grader's failure, never the student's. */
  | { kind: 'runner-failed'; cause: Termination; output: string }
  | Termination;

/** What starting the runner cost, whether or not it was started ahead of time. */
export interface StartTimings {
  /** Process start, namespaces and the permission model, up to tfjs being loaded. */
  sandboxStartMs: number;
  tfjsLoadMs: number;
  /** How long the submission actually waited for a ready runner (0 when started ahead of time). */
  waitedMs: number;
}

/** The pipeline times each check itself, from outside; `cpuMs` is what only the runner can measure. */
export type ProbeOutcome =
  /** `cpuMs`: CPU the call itself used, measured by the runner around it. */
  | { kind: 'value'; value: Wire; cpuMs: number }
  | { kind: 'thrown'; error: WireError; cpuMs: number }
  | Termination;

/**
 * How the runner's process starts. `auto`, the default: from the backend's startup snapshot where
 * one is built (runner-snapshot.ts), else plainly; a snapshot that fails before the backend is
 * ready is dropped and the runner started again plainly, so a snapshot never costs a student
 * anything. `plain` is for measuring what the snapshot saves; `snapshotBlob`, with no fallback,
 * for checking a blob just built.
 */
export type RunnerStart = 'auto' | 'plain' | { snapshotBlob: string };

/** The backend the runner loads, whose grants the registry gives at each start, and the limits. */
export interface SandboxProcessOptions extends Omit<LaunchOptions, 'access'> {
  backend: BackendRequest;
  start?: RunnerStart;
}

/** Violations a run holds until the session takes them; the runner sends no more than this either. */
const MAX_VIOLATIONS = 1000;

/**
 * All the bytes one run may write to the results channel: far more than every honest answer
 * together, so that a run that writes more is writing something else.
 */
const MAX_CHANNEL_BYTES = 128 * 1024 * 1024;

/**
 * After the process ends, how long its answers may take to drain from the pipe. They are read
 * before anything is decided about the run, so that a message written just before the end (above
 * all `evaluating`) is never lost to the order in which node reports the exit and the data.
 */
const DRAIN_LIMIT_MS = 2000;

/** Of the memory limit, the resident size a process killed by SIGABRT must have reached for it to be V8's full heap. */
const HEAP_ABORT_SHARE = 0.5;

export function encodeRequest(message: HostMessage): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  const header = Buffer.alloc(REQUEST_HEADER_BYTES);
  header.writeUInt32BE(body.length, 0);
  return Buffer.concat([header, body]);
}

const requireFromHere = createRequire(import.meta.url);

/**
 * Every runner started and not yet disposed. Runners live in process groups of their own, out of
 * reach of the terminal's Ctrl-C, so a grader that is stopped must end them itself (disposeAllRunners).
 */
const liveRunners = new Set<SandboxProcess>();

/** Ends every runner's process tree and removes its scratch folder: for a grader about to exit on a signal. */
export function disposeAllRunners(): void {
  for (const runner of [...liveRunners]) runner.dispose();
}

export class SandboxProcess {
  readonly layers: SandboxLayer[];
  readonly violations: Array<Omit<SandboxViolation, 'checkId'>> = [];
  peakRssMb = 0;
  /** CPU time of the process tree at the last sample (every 50 ms, and at the end). */
  cpuMs = 0;
  private blob: string | null;
  private child!: ChildProcess;
  private requests!: Writable;
  private readonly nonce = randomBytes(24).toString('hex');
  private decoder = new AnswerDecoder(this.nonce);
  /** Set when the runner says the student's module is evaluating: from then on, what happens is the student's. */
  private hasEvaluationStarted = false;
  private drained!: Promise<void>;
  private readonly scratch: tmp.DirResult;
  private readonly termination: Promise<Termination>;
  private resolveTermination!: (t: Termination) => void;
  private terminated: Termination | null = null;
  private readonly spawnedAt = performance.now();
  // Answers can arrive before anyone waits for them (a runner started ahead of time reports tfjs
  // loaded while nobody is listening), so valid messages queue here until taken.
  private readonly inbox: SandboxMessage[] = [];
  /** What the runner may say next; anything else on the channel is not the runner speaking. */
  private phase: 'starting' | 'loading' | 'evaluating' | 'idle' | { probeId: number } | 'done' = 'starting';
  private channelBytes = 0;
  private isChannelCorrupt = false;
  private onMessage: (() => void) | null = null;
  private backendReady: { tfjsLoadMs: number; atMs: number } | null = null;
  private outputBytes = 0;
  private output = '';
  // What the process printed before tfjs's backend was ready is the backend's (Dawn writes its
  // warnings to stderr itself), not the student's: their code is sent only after that.
  private isBackendSettled = false;
  private backendOutput = '';
  private watch: NodeJS.Timeout;
  private nextProbeId = 1;

  private constructor(private readonly options: SandboxProcessOptions) {
    this.termination = new Promise((resolve) => (this.resolveTermination = resolve));
    this.scratch = tmp.dirSync({ prefix: 'autograde-run-', unsafeCleanup: true });
    liveRunners.add(this);
    const start = options.start ?? 'auto';
    this.blob = start === 'plain' ? null : start === 'auto' ? findRunnerSnapshot(this.snapshotTarget) : start.snapshotBlob;
    this.layers = this.launch();
    this.watch = setInterval(() => this.checkMemory(), 50);
  }

  /** Starts a runner that loads tfjs and then waits for a module; it may be started ahead of time. */
  static spawn(options: SandboxProcessOptions): SandboxProcess {
    const sandbox = new SandboxProcess(options);
    sandbox.sendInit();
    return sandbox;
  }

  /** The snapshot the current process started from, or null for the plain start. */
  get snapshotBlob(): string | null {
    return this.blob;
  }

  private get snapshotTarget(): SnapshotTarget {
    return { backend: this.options.backend, memoryMb: this.options.limits.memoryMb };
  }

  private sendInit(): void {
    this.send({ type: 'init', nonce: this.nonce, backend: this.options.backend, outputBytes: this.options.limits.outputBytes });
  }

  /** Starts the process, from `snapshotBlob` or plainly, and listens to it; returns the layers it runs in. */
  private launch(): SandboxLayer[] {
    const { options } = this;
    const launch = buildLaunch({ ...options, access: backendAccess(options.backend) }, RUNNER_PATH, requireFromHere.resolve('@tensorflow/tfjs'), this.scratch.name, this.blob);
    let markDrained!: () => void;
    this.drained = new Promise((resolve) => (markDrained = resolve));
    const child = spawn(launch.command, launch.args, {
      cwd: this.scratch.name,
      env: launch.env,
      // fd 3 carries answers to the grader, fd 4 requests to the runner.
      stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'],
      // Its own process group, so that the whole tree can be killed at once.
      detached: true,
    });
    this.child = child;
    // What a process replaced by a plain start (startPlainInstead) still does is not this run's.
    const isCurrent = (): boolean => child === this.child;
    this.requests = child.stdio[4] as Writable;
    // A runner that dies closes these pipes; the exit is what gets reported, not the pipe error.
    this.requests.on('error', () => undefined);
    const answers = child.stdio[3] as Readable;
    answers.on('error', () => markDrained());
    answers.on('end', () => markDrained());
    answers.on('close', () => markDrained());
    answers.on('data', (chunk: Buffer) => isCurrent() && this.receiveChunk(chunk));
    child.on('error', (error) => {
      markDrained();
      if (!isCurrent()) return;
      if (this.isSnapshotFailing()) this.startPlainInstead(`could not start: ${error.message}`);
      else this.terminate({ kind: 'spawn-failed', message: error.message });
    });
    // No answer counts once the process is gone (what bubblewrap left running cannot be stopped
    // by the group kill); what it wrote before is still read before anyone learns of the end.
    child.on('exit', (exitCode, signal) => {
      if (!isCurrent()) return;
      if (this.isSnapshotFailing()) this.startPlainInstead(`exited with ${exitCode ?? signal} before its backend was ready`);
      else this.terminate({ kind: 'exited', exitCode, signal });
    });
    child.stdout!.on('data', (chunk: Buffer) => isCurrent() && this.capture(chunk));
    child.stderr!.on('data', (chunk: Buffer) => isCurrent() && this.capture(chunk));
    return launch.layers;
  }

  /** A process started from a snapshot that ends, or cannot set its backend, before that backend is ready. */
  private isSnapshotFailing(): boolean {
    return this.blob !== null && (this.options.start ?? 'auto') === 'auto' && this.backendReady === null && this.terminated === null;
  }

  /**
   * Drops the snapshot that failed (for this grader, and from the cache so that it is built again)
   * and starts the runner again plainly, in the same sandbox: nothing of the student's has been
   * sent yet, and whoever waits for the backend goes on waiting, for the plain start's answer.
   */
  private startPlainInstead(why: string): void {
    rejectRunnerSnapshot(this.snapshotTarget, this.blob!, `${why}: ${this.backendOutput.trim().slice(-2000)}`);
    const failed = this.child;
    if (failed.pid !== undefined) {
      try {
        process.kill(-failed.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    for (const stream of failed.stdio) stream?.destroy();
    this.blob = null;
    this.phase = 'starting';
    this.decoder = new AnswerDecoder(this.nonce);
    this.channelBytes = 0;
    this.backendOutput = '';
    this.launch();
    this.sendInit();
  }

  /** Evaluates the student's compiled module once tfjs is loaded; the outcome says how that went. */
  async load(code: string, filename: string): Promise<{ outcome: StartOutcome; timings: StartTimings }> {
    const waitStartedAt = performance.now();
    const limitMs = this.options.limits.importTimeMs;
    const timings = (): StartTimings => ({
      sandboxStartMs: this.backendReady ? Math.max(0, this.backendReady.atMs - this.spawnedAt - this.backendReady.tfjsLoadMs) : 0,
      tfjsLoadMs: this.backendReady?.tfjsLoadMs ?? 0,
      waitedMs: performance.now() - waitStartedAt,
    });
    if (!this.backendReady) {
      const answer = await this.awaitAnswer(limitMs, (m) => m.type === 'backend-ready' || m.type === 'backend-failed');
      if (!('type' in answer)) return { outcome: this.beforeEvaluation(answer), timings: timings() };
      if (answer.type === 'backend-failed') {
        const printed = this.backendOutput.trim();
        return { outcome: { kind: 'backend-failed', message: printed ? `${answer.message}\n${printed.slice(-2000)}` : answer.message }, timings: timings() };
      }
    }
    const readyAt = performance.now();
    this.phase = 'loading';
    this.send({ type: 'load', code, filename });
    const answer = await this.awaitAnswer(Math.max(1, limitMs - (readyAt - waitStartedAt)), (m) => m.type === 'ready' || m.type === 'import-failed');
    const spent = timings();
    spent.waitedMs = readyAt - waitStartedAt;
    if (!('type' in answer)) return { outcome: this.beforeEvaluation(answer), timings: spent };
    if (answer.type === 'ready') return { outcome: { kind: 'ready', exports: answer.exports, importMs: answer.importMs }, timings: spent };
    if (answer.type === 'import-failed') return { outcome: { kind: 'import-failed', error: answer.error }, timings: spent };
    return { outcome: { kind: 'exited', exitCode: null, signal: null }, timings: spent };
  }

  /** A run that ended before the student's module began to evaluate ended through no fault of the student's. */
  private beforeEvaluation(ended: Termination): StartOutcome {
    return this.hasEvaluationStarted ? ended : { kind: 'runner-failed', cause: ended, output: this.backendOutput.trim().slice(-2000) };
  }

  get isAlive(): boolean {
    return this.terminated === null;
  }

  /**
   * What the student's code printed, cut to what a report keeps; before the backend is ready, what
   * the process printed while starting, which says why a start failed.
   */
  get capturedOutput(): string {
    return this.isBackendSettled ? this.output : this.backendOutput;
  }

  async runProbe(checkId: string, source: string, input: Wire, timeLimitMs: number): Promise<ProbeOutcome> {
    if (this.terminated) return this.terminated;
    const id = this.nextProbeId++;
    this.phase = { probeId: id };
    this.send({ type: 'probe', id, checkId, source, input });
    const answer = await this.awaitAnswer(timeLimitMs, (m) => m.type === 'probe-result' && m.id === id);
    if (!('type' in answer)) return answer;
    if (answer.type !== 'probe-result') return { kind: 'exited', exitCode: null, signal: null };
    return answer.isOk ? { kind: 'value', value: answer.value, cpuMs: answer.cpuMs } : { kind: 'thrown', error: answer.error, cpuMs: answer.cpuMs };
  }

  /** Ends the process tree and removes its scratch directory; safe to call more than once. */
  dispose(): void {
    liveRunners.delete(this);
    this.terminate({ kind: 'exited', exitCode: null, signal: 'SIGKILL' });
    // bubblewrap runs the sandbox in a session of its own, out of reach of the group kill, and one
    // killed while still starting can miss its parent's death. Such a survivor must not hold the
    // grader open through its pipes: they are closed here, and a runner whose request pipe ends exits.
    for (const stream of this.child.stdio) stream?.destroy();
    try {
      this.scratch.removeCallback();
    } catch {
      // A file the student left read-only must not turn cleanup into a grader failure.
    }
  }

  private send(message: HostMessage): void {
    if (this.terminated || this.requests.destroyed) return;
    this.requests.write(encodeRequest(message));
  }

  private awaitAnswer(limitMs: number, isWanted: (m: SandboxMessage) => boolean): Promise<SandboxMessage | Termination> {
    return new Promise((resolve) => {
      let isDone = false;
      const finish = (value: SandboxMessage | Termination): void => {
        if (isDone) return;
        isDone = true;
        clearTimeout(timer);
        this.onMessage = null;
        resolve(value);
      };
      const take = (): void => {
        const index = this.inbox.findIndex(isWanted);
        if (index >= 0) finish(this.inbox.splice(index, 1)[0]);
      };
      const timer = setTimeout(() => this.terminate({ kind: 'timeout', limitMs }), limitMs);
      this.onMessage = take;
      void this.termination.then(finish);
      take();
    });
  }

  /** Enough of them to make the point to staff; a submission that loops over refusals cannot flood the report. */
  private recordViolation(violation: Omit<SandboxViolation, 'checkId'>): void {
    if (this.violations.length < MAX_VIOLATIONS) this.violations.push(violation);
  }

  /** Whether the runner would send this now; a message it would not is something else writing. */
  private isExpected(message: SandboxMessage): boolean {
    const { phase } = this;
    switch (message.type) {
      case 'violation':
        return true;
      case 'backend-ready':
      case 'backend-failed':
        return phase === 'starting' && this.backendReady === null;
      case 'evaluating':
        return phase === 'loading';
      case 'ready':
      case 'import-failed':
        return phase === 'evaluating';
      case 'probe-result':
        return typeof phase === 'object' && phase.probeId === message.id;
    }
  }

  /** Where an expected message moves the run. */
  private advance(message: SandboxMessage): void {
    if (message.type === 'evaluating') this.phase = 'evaluating';
    else if (message.type === 'ready' || message.type === 'probe-result') this.phase = 'idle';
    else if (message.type === 'import-failed' || message.type === 'backend-failed') this.phase = 'done';
  }

  private receiveChunk(chunk: Buffer): void {
    this.channelBytes += chunk.length;
    if (this.channelBytes > MAX_CHANNEL_BYTES) {
      this.corruptChannel(`more than ${MAX_CHANNEL_BYTES >> 20} MB written to it in one run`);
      return;
    }
    const { decoder } = this;
    for (const decoded of decoder.push(chunk)) {
      // The rest of a chunk from a process just replaced by a plain start is not this run's.
      if (decoder !== this.decoder) return;
      if (decoded.kind === 'message') this.receive(decoded.message);
      else this.corruptChannel(decoded.reason);
    }
  }

  private corruptChannel(reason: string): void {
    if (this.isChannelCorrupt) return;
    this.isChannelCorrupt = true;
    this.recordViolation({ kind: 'channel', message: `the results channel was written to by something other than the runner: ${reason}`, source: 'observed' });
    this.terminate({ kind: 'channel-corrupted', reason });
  }

  private receive(message: SandboxMessage): void {
    if (this.isChannelCorrupt) return;
    // A well-formed frame the runner would not send now (an answer to a probe never asked, a second
    // `ready`) can only come from code that has the nonce: the run ends, and nothing of it queues up.
    if (!this.isExpected(message)) {
      this.corruptChannel(`a ${message.type} frame the runner would not send now`);
      return;
    }
    this.advance(message);
    if (message.type === 'evaluating') {
      this.hasEvaluationStarted = true;
      return;
    }
    if (message.type === 'violation') {
      this.recordViolation({ kind: message.kind, message: message.message, source: 'reported' });
      return;
    }
    // Once the run is over (timed out, say), an answer still in the pipe is too late to count.
    if (this.terminated) return;
    if (message.type === 'backend-failed' && this.isSnapshotFailing()) {
      this.startPlainInstead(`could not set its backend: ${message.message}`);
      return;
    }
    if (message.type === 'backend-ready' && !this.backendReady) {
      this.backendReady = { tfjsLoadMs: message.tfjsLoadMs, atMs: performance.now() };
      // The backend's output was written before this message was: it is in the pipes already, and
      // is read in this turn of the event loop; the student's code has not even been sent yet.
      setImmediate(() => (this.isBackendSettled = true));
    }
    this.inbox.push(message);
    this.onMessage?.();
  }

  private capture(chunk: Buffer): void {
    if (!this.isBackendSettled) {
      if (this.backendOutput.length < OUTPUT_KEPT_BYTES) this.backendOutput += chunk.toString('utf8').slice(0, OUTPUT_KEPT_BYTES - this.backendOutput.length);
      return;
    }
    this.outputBytes += chunk.length;
    if (this.output.length < OUTPUT_KEPT_BYTES) this.output += chunk.toString('utf8').slice(0, OUTPUT_KEPT_BYTES - this.output.length);
    if (this.outputBytes > this.options.limits.outputBytes) {
      this.terminate({ kind: 'output-limit', limitBytes: this.options.limits.outputBytes });
    }
  }

  /** How the run went, for the report: what it cost (sampled now, while it runs) and how it ended. */
  get stats(): { wallMs: number; cpuMs: number; peakRssMb: number; endedBy: Termination | null } {
    if (!this.terminated) this.sample();
    return { wallMs: performance.now() - this.spawnedAt, cpuMs: this.cpuMs, peakRssMb: this.peakRssMb, endedBy: this.terminated };
  }

  private sample(): number {
    if (this.child.pid === undefined) return 0;
    const usage = readTreeUsage(this.child.pid);
    this.peakRssMb = Math.max(this.peakRssMb, usage.peakRssMb);
    // A process that is gone reads as zero; the last real sample stands.
    if (usage.cpuMs > 0) this.cpuMs = usage.cpuMs;
    return usage.rssMb;
  }

  private checkMemory(): void {
    if (this.terminated) return;
    const rssMb = this.sample();
    if (rssMb > this.options.limits.memoryMb) {
      this.terminate({ kind: 'memory', peakRssMb: rssMb, limitMb: this.options.limits.memoryMb });
    }
  }

  /**
   * How a run that ended by itself is told: V8 ends a process whose heap is full with SIGABRT (the
   * runner refuses `process.abort`), so SIGABRT at a resident size near the limit is the memory
   * limit. What the process printed decides nothing: the student's code can print anything.
   */
  private classify(reason: Termination): Termination {
    if (reason.kind === 'exited' && reason.signal === 'SIGABRT' && this.peakRssMb >= HEAP_ABORT_SHARE * this.options.limits.memoryMb) {
      return { kind: 'memory', peakRssMb: this.peakRssMb, limitMb: this.options.limits.memoryMb };
    }
    return reason;
  }

  private terminate(reason: Termination): void {
    if (this.terminated) return;
    this.sample();
    reason = this.classify(reason);
    this.terminated = reason;
    clearInterval(this.watch);
    if (this.child.pid !== undefined && this.child.exitCode === null && this.child.signalCode === null) {
      try {
        process.kill(-this.child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    // Whoever waits learns of the end once the pipe has drained: by then an `evaluating` the
    // runner wrote is known, and the run is told apart from a runner that failed on its own.
    const fallback = setTimeout(() => this.resolveTermination(reason), DRAIN_LIMIT_MS);
    void this.drained.then(() => {
      clearTimeout(fallback);
      this.resolveTermination(reason);
    });
  }
}
