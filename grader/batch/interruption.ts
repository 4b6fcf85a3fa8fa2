/**
 * A batch stopped by Ctrl-C or SIGTERM. The reports written so far are whole (write-atomically.ts),
 * so the class can be resumed from them; what must not outlive the grader is ended here: the
 * copy of the class unpacked from a zip, the runners (whose process groups a terminal's signal
 * does not reach) with their scratch folders, and the compile worker. What the batch makes it
 * registers as it makes it; the command that owns the process decides when to stop and how to exit.
 */
import os from 'node:os';

/** What a batch has done so far, for the line that says how far it got. */
export interface BatchCounts {
  /** Students the run has a report for: graded in this run, or kept from an earlier one. */
  saved: number;
  /** Students it was to grade. */
  total: number;
}

export class BatchInterruption {
  readonly counts: BatchCounts = { saved: 0, total: 0 };
  private readonly cleanups = new Set<() => void>();

  /** Registers something to undo if the batch is stopped; the returned function unregisters it once undone normally. */
  onCleanup(step: () => void): () => void {
    this.cleanups.add(step);
    return () => this.cleanups.delete(step);
  }

  /** Undoes everything registered, newest first; one step that fails does not keep the others from running. */
  cleanUp(): void {
    for (const step of [...this.cleanups].reverse()) {
      this.cleanups.delete(step);
      try {
        step();
      } catch {
        // Exiting anyway: what is left is the least of it.
      }
    }
  }
}

/** The signals that stop a batch, and the status a shell gives a process they end: 128 plus the signal's number. */
export const STOPPING_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
export type StoppingSignal = (typeof STOPPING_SIGNALS)[number];

export function exitCodeOfSignal(signal: StoppingSignal): number {
  return 128 + os.constants.signals[signal];
}

/** An argument as a POSIX shell reads it back: bare when it is plain, single-quoted otherwise. */
export function quoteForShell(argument: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(argument) ? argument : `'${argument.replace(/'/g, `'\\''`)}'`;
}

/** The command line that carries on where this one stopped: the same, with --resume. */
export function resumeCommandOf(args: readonly string[]): string {
  const resumed = args.includes('--resume') ? args : [...args, '--resume'];
  return ['npx', 'autograde', ...resumed].map(quoteForShell).join(' ');
}
