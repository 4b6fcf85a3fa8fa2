/**
 * `batch` as the command line runs it: what it prints, how a stop by Ctrl-C or SIGTERM ends it, and
 * the exit status. The grading itself is grader/batch's.
 */
import { toSafeText } from '../report/safe-text.js';
import type { BatchOptions } from '../batch/run-batch.js';
import { BatchInterruption, exitCodeOfSignal, resumeCommandOf, STOPPING_SIGNALS, type StoppingSignal } from '../batch/interruption.js';
import type { BatchSummary, Shard } from '../report/class-summary.js';
import type { ReporterName } from '../reporters/index.js';
import { EXIT } from './exit-codes.js';
import { sessionOptions, type SessionFlags } from './session-flags.js';
import { refuseInStudentKit } from './staff-only.js';
import { withCompiler } from './with-compiler.js';

export interface BatchFlags extends SessionFlags {
  out: string;
  format: ReporterName[];
  jobs?: number;
  resume?: boolean;
  quiet?: boolean;
  shard?: Shard;
}

/** How much of one entry's name and reason a terminal line shows. */
const LINE_LIMIT = 2000;

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * Ends the process on Ctrl-C or SIGTERM: what the batch made is undone, a line says how far it got
 * and how to go on, and the status is the signal's (130, 143). Returns the function that stops
 * listening once the batch is over.
 */
function stopOnSignal(interruption: BatchInterruption, out: string, args: readonly string[]): () => void {
  const stop = (signal: StoppingSignal): void => {
    interruption.cleanUp();
    const { saved, total } = interruption.counts;
    process.stderr.write(
      `\nautograde: stopped by ${signal}: the reports of ${saved} of ${plural(total, 'student')} are saved in ${out}/reports/ ` +
        `(grades.csv and the summary are written once the class is done). To go on where it stopped:\n  ${resumeCommandOf(args)}\n`,
    );
    process.exit(exitCodeOfSignal(signal));
  };
  const listeners = STOPPING_SIGNALS.map((signal) => [signal, () => stop(signal)] as const);
  for (const [signal, listener] of listeners) process.once(signal, listener);
  return () => {
    for (const [signal, listener] of listeners) process.off(signal, listener);
  };
}

/** The lines a finished batch prints: what was not graded and why on stderr, the totals on stdout. */
function printSummary(input: string, out: string, summary: BatchSummary): void {
  const line = (text: string): string => `autograde: ${toSafeText(text, { limit: LINE_LIMIT })}\n`;
  for (const row of summary.ungraded) process.stderr.write(line(`${row.student}: ${row.status}, 0 points: ${row.reason}`));
  for (const problem of summary.problems) process.stderr.write(line(`${input}/${problem.entry}: ${problem.message}`));
  for (const { student, checks } of summary.incomplete) {
    process.stderr.write(`autograde: ${student}: incomplete, the grader failed on ${plural(checks.length, 'check')} (not scored; grade again with --resume)\n`);
  }
  for (const { student, count, kinds } of summary.violations) {
    process.stderr.write(`autograde: ${student}: ${plural(count, 'sandbox violation')} (${kinds.join(', ')}); see summary.html\n`);
  }
  for (const group of summary.duplicates) process.stderr.write(`autograde: identical files handed in by ${group.join(', ')} (all graded)\n`);
  const shard = summary.shard ? `shard ${summary.shard.index}/${summary.shard.count}: ` : '';
  const ungraded = summary.ungraded.length > 0 ? `, ${summary.ungraded.length} with nothing to grade` : '';
  process.stdout.write(
    `Graded ${shard}${summary.graded} of ${summary.students} students (${summary.resumed} from an earlier run${ungraded}) in ${(summary.timings.wallMs / 1000).toFixed(1)} s. ` +
      `Grades: ${out}/grades.csv; reports: ${out}/reports/; summary: ${out}/summary.json and summary.html\n`,
  );
}

/** `batch`; `args` is the command line after `autograde`, for the line that resumes a stopped batch. */
export async function runBatchCli(dir: string, flags: BatchFlags, args: readonly string[]): Promise<number> {
  refuseInStudentKit('batch');
  return withCompiler((compiler) =>
    gradeClass(
      {
        ...sessionOptions(flags, compiler),
        // The class's files say which exercise it is, once a zip is unpacked: runBatch decides.
        exercise: flags.exercise,
        input: dir,
        out: flags.out,
        jobs: flags.jobs,
        isResume: flags.resume,
        isQuiet: flags.quiet,
        shard: flags.shard,
        formats: flags.format,
      },
      args,
    ),
  );
}

async function gradeClass(options: BatchOptions, args: readonly string[]): Promise<number> {
  const { runBatch } = await import('../batch/run-batch.js');
  const interruption = new BatchInterruption();
  // The compile worker was started before the batch: it ends with it, however it ends.
  if (options.compiler) {
    const { compiler } = options;
    interruption.onCleanup(() => compiler.close());
  }
  const stopListening = stopOnSignal(interruption, options.out, args);
  try {
    const { summary } = await runBatch({ ...options, interruption });
    printSummary(options.input, options.out, summary);
    return (summary.statuses['internal-error'] ?? 0) > 0 ? EXIT.internal : EXIT.ok;
  } finally {
    stopListening();
  }
}
