/**
 * Where a batch is: done/total, rate, ETA and failures so far. On a terminal one line is redrawn;
 * elsewhere (CI logs) a plain line is printed every ten seconds and at the end.
 */
export interface Progress {
  update(done: number, failures: number): void;
  finish(): void;
}

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

export function createProgress(total: number, options: { stream: NodeJS.WriteStream; isQuiet: boolean }): Progress {
  const startedAt = performance.now();
  const isTerminal = options.stream.isTTY === true;
  let lastPrintedAt = 0;
  let last = { done: 0, failures: 0 };
  const line = (): string => {
    const elapsed = performance.now() - startedAt;
    const perMinute = last.done > 0 ? (60_000 * last.done) / elapsed : 0;
    const eta = last.done > 0 ? ((total - last.done) * elapsed) / last.done : 0;
    return `[${last.done}/${total}] ${perMinute.toFixed(1)}/min, ETA ${last.done > 0 ? formatDuration(eta) : '?'}, ${last.failures} not passed`;
  };
  return {
    update(done, failures) {
      last = { done, failures };
      if (options.isQuiet) return;
      if (isTerminal) options.stream.write(`\r${line()}\x1b[K`);
      else if (performance.now() - lastPrintedAt >= 10_000) {
        lastPrintedAt = performance.now();
        options.stream.write(`${line()}\n`);
      }
    },
    finish() {
      if (options.isQuiet) return;
      options.stream.write(isTerminal ? `\r${line()}\x1b[K\n` : `${line()}\n`);
    },
  };
}
