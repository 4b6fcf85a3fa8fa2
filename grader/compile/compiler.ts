/**
 * The grader's side of the compile worker: one long-lived process for a whole grader run, started
 * before the grader loads anything heavy and restarted only when a submission made it exceed a
 * limit. The worker's type checks may run in a process of their own (the native checker, see
 * typechecker.ts), so the worker is killed together with whatever it started.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { DIST_DIR } from '../paths.js';
import { nodeExecutable, permissionFlag } from '../sandbox/layers.js';
import { canWatchProcesses, listTree, readTreeUsage } from '../sandbox/process-tree.js';
import type { Diagnostic } from '../report/types.js';
import type { CompileResultsCache } from './compile-results-cache.js';
import type { CompileRequest, CompileResult, SourceFile, TypecheckRequest, WorkerResponse } from './compile-protocol.js';
import { chooseTypechecker, type TypecheckerChoice } from './typechecker.js';
import { COMPILE_WORKER_V8_FLAGS, findTypeScriptCodeCache } from './typescript-code-cache.js';
import { CODE_CACHE_FLAG } from './typescript-code-cache-hook.js';

export type CompileOutcome =
  | { kind: 'compiled'; result: CompileResult; durationMs: number }
  | { kind: 'timeout'; limitMs: number; durationMs: number }
  | { kind: 'failed'; message: string; durationMs: number };

export type TypecheckOutcome =
  | { kind: 'checked'; diagnostics: Diagnostic[]; durationMs: number }
  | { kind: 'timeout'; limitMs: number; durationMs: number }
  /** V8 aborted the worker at its heap cap, or its processes grew past TYPECHECK_MEMORY_MB: what a type-level bomb usually does. */
  | { kind: 'out-of-memory'; durationMs: number }
  | { kind: 'failed'; message: string; durationMs: number };

export type SourceToCompile = SourceFile;

/** Several files type-checked together: one outcome for all, diagnostics in the order given. */
export type GroupTypecheckOutcome = Exclude<TypecheckOutcome, { kind: 'checked' }> | { kind: 'checked'; diagnostics: Diagnostic[][]; durationMs: number };

/** The worker answered, but not with what was asked: its own failure, or a mix-up. */
function failedAnswer(response: WorkerResponse, durationMs: number): { kind: 'failed'; message: string; durationMs: number } {
  return { kind: 'failed', message: response.type === 'failed' ? response.message : `unexpected answer '${response.type}'`, durationMs };
}

type WorkerAnswer =
  | { kind: 'answered'; response: WorkerResponse; durationMs: number }
  | { kind: 'timeout'; limitMs: number; durationMs: number }
  | { kind: 'out-of-memory'; durationMs: number }
  | { kind: 'failed'; message: string; durationMs: number };

const WORKER_PATH = path.join(DIST_DIR, 'grader', 'compile', 'compile-worker.js');

/** Compiling a file takes milliseconds once TypeScript is loaded; this allows for loading it too. */
const COMPILE_LIMIT_MS = 30_000;

/**
 * Resident memory of the worker and the checker it runs, during a type check: the worker's heap
 * cap below, and room beside it for what V8 keeps outside its heap. The native checker's memory is
 * no V8 heap, so this is the limit that stops a type-level bomb there.
 */
export const TYPECHECK_MEMORY_MB = 2560;
/** A bomb grows the native checker by a few hundred megabytes a second: this many milliseconds between looks is a few tens of them. */
const MEMORY_WATCH_MS = 100;

/** A request in a worker's queue; its time limit starts when the worker gets to it. */
interface QueuedRequest {
  id: number;
  startClock: () => void;
}

export class Compiler {
  private worker: ChildProcess | null = null;
  private resultsCache: CompileResultsCache | null = null;
  private retiredCpuMs = 0;
  private nextId = 1;
  private pending = 0;
  /** The worker last killed because a request in it ran out of time or memory. */
  private killedForLimit: ChildProcess | null = null;
  /** Each worker's unanswered requests, oldest first: the oldest is the one it is working on. */
  private readonly queues = new WeakMap<ChildProcess, QueuedRequest[]>();

  /**
   * The type-check limit is the rubric's; this default holds until the rubric is loaded. The type
   * checker is the native one wherever it is installed.
   */
  constructor(
    private typecheckLimitMs = 30_000,
    private readonly compileLimitMs = COMPILE_LIMIT_MS,
    readonly typechecker: TypecheckerChoice = chooseTypechecker(),
  ) {}

  setTypecheckLimit(limitMs: number): void {
    this.typecheckLimitMs = limitMs;
  }

  /** Starts the worker now, so that it loads TypeScript while the grader does other work. */
  warmUp(): void {
    this.ensureWorker();
  }

  /**
   * From now on, answers about one file are looked up in `cache` first, and complete ones kept
   * there (`check`, run again on the same file). A worker left with nothing to do once a type check
   * (the last request of a self-check) is found is stopped: it would only take a core from the
   * sandboxed checks; a request that needs one after all starts another.
   */
  useResultsCache(cache: CompileResultsCache | null): void {
    this.resultsCache = cache;
  }

  /** `checkIds` limits the static checks judged to these (a run of the visible checks only). */
  async compile(file: SourceToCompile, exerciseId: string | null, checkIds?: string[]): Promise<CompileOutcome> {
    const cached = this.resultsCache?.compiled(file, exerciseId, checkIds);
    if (cached) return { kind: 'compiled', result: cached, durationMs: 0 };
    const answer = await this.request({ type: 'compile', id: this.nextId++, exerciseId, ...file, ...(checkIds ? { checkIds } : {}) }, this.compileLimitMs);
    // Parsing never runs out of memory on honest input: treat it as the time limit.
    if (answer.kind === 'out-of-memory') return { kind: 'timeout', limitMs: this.compileLimitMs, durationMs: answer.durationMs };
    if (answer.kind !== 'answered') return answer;
    const { response, durationMs } = answer;
    if (response.type !== 'compiled') return failedAnswer(response, durationMs);
    this.resultsCache?.storeCompiled(file, exerciseId, checkIds, response.result);
    return { kind: 'compiled', result: response.result, durationMs };
  }

  async typecheck(file: SourceToCompile): Promise<TypecheckOutcome> {
    const cached = this.resultsCache?.typechecked(file, this.typecheckLimitMs);
    if (cached) {
      this.retireIfIdle();
      return { kind: 'checked', diagnostics: cached, durationMs: 0 };
    }
    const outcome = await this.typecheckGroup([file]);
    if (outcome.kind !== 'checked') return outcome;
    this.resultsCache?.storeTypechecked(file, this.typecheckLimitMs, outcome.diagnostics[0]);
    return { ...outcome, diagnostics: outcome.diagnostics[0] };
  }

  private retireIfIdle(): void {
    if (this.pending === 0) this.close();
  }

  /**
   * Several files in one program, which costs far less per file than one at a time. A group that
   * fails (a type-level bomb among them) fails as a whole: check its files one by one to learn
   * which. `limitMs` can be shorter than the rubric's, for that reason.
   */
  async typecheckGroup(files: SourceToCompile[], limitMs = this.typecheckLimitMs): Promise<GroupTypecheckOutcome> {
    const answer = await this.request({ type: 'typecheck', id: this.nextId++, files }, Math.min(limitMs, this.typecheckLimitMs));
    if (answer.kind !== 'answered') return answer;
    const { response, durationMs } = answer;
    return response.type === 'typechecked' && response.diagnostics.length === files.length
      ? { kind: 'checked', diagnostics: response.diagnostics, durationMs }
      : failedAnswer(response, durationMs);
  }

  /** CPU time the worker processes used so far (the current one read from /proc, earlier ones as they ended). */
  get cpuMs(): number {
    return this.retiredCpuMs + (this.worker?.pid ? readTreeUsage(this.worker.pid).cpuMs : 0);
  }

  close(): void {
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    if (!worker.pid) {
      worker.kill('SIGKILL');
      return;
    }
    this.retiredCpuMs += readTreeUsage(worker.pid).cpuMs;
    // The native checker first, listed while its parent is alive: once the worker is gone, /proc no
    // longer tells whose it was, and a checker caught in a bomb would go on until its own limit.
    const [, ...descendants] = listTree(worker.pid);
    for (const pid of descendants) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Ended already.
      }
    }
    worker.kill('SIGKILL');
  }

  private ensureWorker(): ChildProcess {
    if (this.worker && this.worker.exitCode === null && this.worker.connected) return this.worker;
    const isNative = this.typechecker.kind === 'native';
    const codeCache = findTypeScriptCodeCache();
    const args = [...(isNative ? [`--native-typechecker=${this.typechecker.executable}`] : []), ...(codeCache ? [`${CODE_CACHE_FLAG}${codeCache}`] : [])];
    this.worker = fork(WORKER_PATH, args, {
      execPath: nodeExecutable(),
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      // One V8 helper thread: type checking runs beside the sandboxed checks, and its garbage
      // collection spread over every core slowed them down (about 5% on a cold two-core run).
      // The permission model keeps the worker, which parses untrusted source, from writing files;
      // it reads the typings wherever npm put them. It starts no process but the native checker
      // (and `prlimit` to cap that checker's address space), and none at all without it.
      execArgv: [...COMPILE_WORKER_V8_FLAGS, '--v8-pool-size=1', permissionFlag(), '--allow-fs-read=*', ...(isNative ? ['--allow-child-process'] : []), '--disable-warning=ExperimentalWarning'],
    });
    // An idle worker must not keep the grader alive once the work is done.
    this.worker.unref();
    this.worker.channel?.unref();
    return this.worker;
  }

  /**
   * Sends one request; the worker serves them in order. A time limit counts from when the worker
   * gets to the request, not from sending: a file queued behind another's type-level bomb must
   * not run out of time waiting, and be charged for it.
   */
  private async request(request: CompileRequest | TypecheckRequest, limitMs: number): Promise<WorkerAnswer> {
    const answer = await this.send(request, limitMs);
    // Another request's bomb took the worker down with this one in its queue: that is not this
    // file's doing, so it is asked again, once, of a fresh worker.
    if (answer.kind === 'collateral') {
      const retried = await this.send(request, limitMs);
      return retried.kind === 'collateral' ? { kind: 'failed', message: 'the compile worker was restarted twice while this file waited', durationMs: answer.durationMs + retried.durationMs } : { ...retried, durationMs: answer.durationMs + retried.durationMs };
    }
    return answer;
  }

  private send(request: CompileRequest | TypecheckRequest, limitMs: number): Promise<WorkerAnswer | { kind: 'collateral'; durationMs: number }> {
    const startedAt = performance.now();
    const elapsed = (): number => performance.now() - startedAt;
    const worker = this.ensureWorker();
    const queue = this.queues.get(worker) ?? [];
    this.queues.set(worker, queue);
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      let watch: NodeJS.Timeout | undefined;
      // A stuck worker holds every request behind it: it is replaced, and those are asked again.
      const stop = (answer: WorkerAnswer): void => {
        cleanup();
        this.killedForLimit = worker;
        this.close();
        resolve(answer);
      };
      const startClock = (): void => {
        timer ??= setTimeout(() => stop({ kind: 'timeout', limitMs, durationMs: elapsed() }), limitMs);
        // Only a type check can grow without bound, and only where /proc shows how much it holds.
        if (request.type === 'typecheck' && worker.pid !== undefined && canWatchProcesses()) {
          const pid = worker.pid;
          watch ??= setInterval(() => {
            if (readTreeUsage(pid).rssMb > TYPECHECK_MEMORY_MB) stop({ kind: 'out-of-memory', durationMs: elapsed() });
          }, MEMORY_WATCH_MS);
        }
      };
      const onMessage = (raw: unknown): void => {
        const response = raw as WorkerResponse;
        if (response.id !== request.id) return;
        cleanup();
        resolve({ kind: 'answered', response, durationMs: elapsed() });
      };
      const onExit = (code: number | null, signal: string | null): void => {
        const isOldest = queue[0]?.id === request.id;
        cleanup();
        if (this.worker === worker) this.worker = null;
        const isOutOfMemory = signal === 'SIGABRT' || code === 134;
        // Requests are served in order, so only the oldest can have caused what ended the worker.
        if (this.killedForLimit === worker || (isOutOfMemory && !isOldest)) resolve({ kind: 'collateral', durationMs: elapsed() });
        else if (isOutOfMemory) resolve({ kind: 'out-of-memory', durationMs: elapsed() });
        else resolve({ kind: 'failed', message: `the compile worker stopped (exit ${code ?? signal})`, durationMs: elapsed() });
      };
      const cleanup = (): void => {
        const position = queue.findIndex((queued) => queued.id === request.id);
        if (position >= 0) queue.splice(position, 1);
        // The next request is the one the worker is on now: its clock starts.
        if (position === 0) queue[0]?.startClock();
        clearTimeout(timer);
        clearInterval(watch);
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        if (--this.pending === 0) worker.channel?.unref();
      };
      queue.push({ id: request.id, startClock });
      if (queue.length === 1) startClock();
      if (this.pending++ === 0) worker.channel?.ref();
      worker.on('message', onMessage);
      worker.on('exit', onExit);
      try {
        worker.send(request);
      } catch (error) {
        // A request too large for the channel: this file's, told as the worker's failure to take it.
        cleanup();
        resolve({ kind: 'failed', message: `the compile worker could not be sent this file: ${(error as Error).message}`, durationMs: elapsed() });
      }
    });
  }
}
