/**
 * Where a batch is: done/total, rate, ETA, students not passed so far, and the student who has
 * been grading longest when that is long (a loop that runs to its time limit, say). A first line
 * says what is to be done; then on a terminal one line is redrawn every second and at each student,
 * and elsewhere (CI logs) a plain line is printed every ten seconds and at the end.
 */
export interface Progress {
  /** A student's grading began. */
  began(student: string): void;
  /** A student is done: graded, kept from an earlier run, or found to have nothing to grade. */
  ended(student: string, hasPassed: boolean): void;
  finish(): void;
}

export interface ProgressOptions {
  /** Students to grade, those kept from an earlier run among them. */
  total: number;
  /** Graded at once. */
  jobs: number;
  /** Of `total`, kept from an earlier run (`--resume`). */
  resumed: number;
  /** Named by the class but with nothing to grade: not in `total`. */
  ungraded: number;
  stream: Pick<NodeJS.WriteStream, 'write' | 'isTTY'>;
  isQuiet: boolean;
  /** For tests; performance.now otherwise. */
  now?: () => number;
}

/** A student in flight this long is named on the line: longer than honest code takes, short of most time limits. */
export const SLOW_STUDENT_MS = 10_000;

/** How often the line is drawn with nothing finished: every second on a terminal, every ten seconds in a log. */
const TERMINAL_INTERVAL_MS = 1_000;
const LOG_INTERVAL_MS = 10_000;

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? (() => performance.now());
  const { total, stream, isQuiet } = options;
  const startedAt = now();
  const isTerminal = stream.isTTY === true;
  const inFlight = new Map<string, number>();
  let done = 0;
  let failures = 0;

  const slowest = (): string => {
    let oldest: [string, number] | null = null;
    for (const entry of inFlight) if (oldest === null || entry[1] < oldest[1]) oldest = entry;
    if (oldest === null || now() - oldest[1] < SLOW_STUDENT_MS) return '';
    return `, slowest in flight: ${oldest[0]} (${formatDuration(now() - oldest[1])})`;
  };
  const line = (): string => {
    const elapsed = now() - startedAt;
    const perMinute = done > 0 && elapsed > 0 ? (60_000 * done) / elapsed : 0;
    const eta = done > 0 ? ((total - done) * elapsed) / done : 0;
    return `[${done}/${total}] ${perMinute.toFixed(1)}/min, ETA ${done > 0 ? formatDuration(eta) : '?'}, ${failures} not passed${slowest()}`;
  };
  const draw = (): void => {
    if (isTerminal) stream.write(`\r${line()}\x1b[K`);
    else stream.write(`${line()}\n`);
  };

  if (!isQuiet) {
    const kept = options.resumed > 0 ? `, ${options.resumed} of them kept from an earlier run` : '';
    const nothing = options.ungraded > 0 ? ` (and ${plural(options.ungraded, 'student')} with nothing to grade)` : '';
    stream.write(`Grading ${plural(total, 'student')}${nothing}, ${options.jobs} at a time${kept}.\n`);
  }
  // The line comes on its own as well: a student stuck in a loop holds up every update.
  const timer = isQuiet ? null : setInterval(draw, isTerminal ? TERMINAL_INTERVAL_MS : LOG_INTERVAL_MS);
  // Never what keeps the grader running.
  timer?.unref();

  return {
    began(student) {
      inFlight.set(student, now());
    },
    ended(student, hasPassed) {
      inFlight.delete(student);
      done++;
      if (!hasPassed) failures++;
      if (!isQuiet && isTerminal) draw();
    },
    finish() {
      if (timer) clearInterval(timer);
      if (isQuiet) return;
      stream.write(isTerminal ? `\r${line()}\x1b[K\n` : `${line()}\n`);
    },
  };
}
