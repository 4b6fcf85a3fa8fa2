/**
 * The grader's side of the type-check worker: one long-lived process for a whole grader run,
 * restarted only when a submission made it time out.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { DIST_DIR } from '../paths.js';
import type { Diagnostic } from '../report/types.js';
import type { TypecheckRequest, TypecheckResponse } from './typecheck-protocol.js';

export type TypecheckOutcome =
  | { kind: 'checked'; diagnostics: Diagnostic[]; durationMs: number }
  | { kind: 'timeout'; limitMs: number; durationMs: number }
  | { kind: 'failed'; message: string; durationMs: number };

const WORKER_PATH = path.join(DIST_DIR, 'grader', 'compile', 'typecheck-worker.js');

export class TypeChecker {
  private worker: ChildProcess | null = null;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();

  /** The default until the rubric, which sets the real limit, is loaded. */
  constructor(private limitMs = 30_000) {}

  setLimit(limitMs: number): void {
    this.limitMs = limitMs;
  }

  /** Starts the worker now, so that it loads the typings while the grader does other work. */
  warmUp(): void {
    this.ensureWorker();
  }

  /** Checks one file; requests are served one at a time, in the order they were made. */
  check(source: string, fileName: string, displayPath: string): Promise<TypecheckOutcome> {
    const run = this.queue.then(() => this.run({ id: this.nextId++, source, fileName, displayPath }));
    this.queue = run.catch(() => undefined);
    return run;
  }

  close(): void {
    this.worker?.kill('SIGKILL');
    this.worker = null;
  }

  private ensureWorker(): ChildProcess {
    if (this.worker && this.worker.exitCode === null && this.worker.connected) return this.worker;
    this.worker = fork(WORKER_PATH, [], {
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      execArgv: ['--max-old-space-size=2048'],
    });
    // An idle worker must not keep the grader alive once the work is done.
    this.worker.unref();
    this.worker.channel?.unref();
    return this.worker;
  }

  private run(request: TypecheckRequest): Promise<TypecheckOutcome> {
    const startedAt = performance.now();
    const elapsed = (): number => performance.now() - startedAt;
    const worker = this.ensureWorker();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        cleanup();
        this.close();
        resolve({ kind: 'timeout', limitMs: this.limitMs, durationMs: elapsed() });
      }, this.limitMs);
      const onMessage = (raw: unknown): void => {
        const response = raw as TypecheckResponse;
        if (response.id !== request.id) return;
        cleanup();
        resolve({ kind: 'checked', diagnostics: response.diagnostics, durationMs: elapsed() });
      };
      const onExit = (code: number | null, signal: string | null): void => {
        cleanup();
        this.worker = null;
        resolve({ kind: 'failed', message: `the type checker stopped (exit ${code ?? signal})`, durationMs: elapsed() });
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        worker.channel?.unref();
      };
      worker.channel?.ref();
      worker.on('message', onMessage);
      worker.on('exit', onExit);
      worker.send(request);
    });
  }
}
