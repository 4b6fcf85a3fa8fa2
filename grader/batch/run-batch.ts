/**
 * `batch`: a class at once. Students are graded several at a time, each report is written as soon
 * as it is done (so an interrupted batch loses nothing), and `--resume` grades only what is missing
 * or changed: the same file, rubric, grader version and backend reuse the report already written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GraderError } from '../errors.js';
import type { SelectedBackend } from '../backend/select-backend.js';
import type { Report } from '../report/types.js';
import { openGradingSession, type GradingSession, type GradingSessionOptions } from '../pipeline/grading-session.js';
import { readSubmission } from '../pipeline/read-submission.js';
import { GRADER_VERSION } from '../version.js';
import { inferFromClass, resolveExercise } from '../exercise/infer-exercise.js';
import { toSafeText } from '../report/safe-text.js';
import { classPathOf, discoverEntries, unpackClass, type BatchEntry } from './discover-entries.js';
import { toGradesCsv, toSummary } from './gradebook.js';
import { createProgress } from './progress.js';
import type { BatchInterruption } from './interruption.js';
import { disposeAllRunners } from '../sandbox/sandbox-process.js';
import { takeShard } from './shard.js';
import { writeAtomically } from './write-atomically.js';
import { writeSummaryPage } from './write-summary-page.js';
import { REPORTERS, renderReports, type ReporterName } from '../reporters/index.js';
import type { BatchSummary, GradedStudent, Shard, UngradedRow } from '../report/class-summary.js';

export interface BatchOptions extends Omit<GradingSessionOptions, 'exercise'> {
  /** Absent: the rubric's, else the one the class's files are named for, else the only one. */
  exercise?: string;
  input: string;
  out: string;
  /** Submissions graded at once; one per core by default. */
  jobs?: number;
  isResume?: boolean;
  isQuiet?: boolean;
  /** Grade only this part of the class (`--shard i/n`). */
  shard?: Shard;
  progressStream?: NodeJS.WriteStream;
  /** Formats written for each student too, as `feedback/<student>/<file>` (the JSON report is always written). */
  formats?: ReporterName[];
  /** Where the batch registers what a stop by signal must undo, and counts what it has saved. */
  interruption?: BatchInterruption;
}

export interface BatchResult {
  summary: BatchSummary;
  graded: GradedStudent[];
}

/** Whether a report was graded on this backend: its name, its tfjs-node package, its GPU adapter. */
function isSameBackend(report: Report, backend: SelectedBackend): boolean {
  return (
    report.backend === backend.request.name &&
    (report.backendPackage ?? null) === (backend.request.module ?? null) &&
    JSON.stringify(report.adapter ?? null) === JSON.stringify(backend.adapter ?? null)
  );
}

function readResumable(file: string, entry: BatchEntry, rubricHash: string, backend: SelectedBackend): Report | null {
  try {
    const report = JSON.parse(fs.readFileSync(file, 'utf8')) as Report;
    // Hashed as grading hashes it, and read as grading reads it: a link put there since is not followed.
    const { hash } = readSubmission(entry.file);
    const isSame = report.submissionHash === hash && report.rubricHash === rubricHash && report.graderVersion === GRADER_VERSION && isSameBackend(report, backend);
    // An incomplete report is graded again: the grader's failure may not happen twice.
    return isSame && !report.incomplete ? report : null;
  } catch {
    // Missing or unreadable: graded again.
    return null;
  }
}

export async function runBatch(options: BatchOptions): Promise<BatchResult> {
  const startedAt = performance.now();
  // A zip is unpacked first: the names of the files in it may be what says which exercise this is.
  const { dir, unpackedDir } = unpackClass(options.input);
  const removeUnpacked = (): void => {
    if (unpackedDir) fs.rmSync(unpackedDir, { recursive: true, force: true });
  };
  const { interruption } = options;
  const undoUnpack = interruption?.onCleanup(removeUnpacked);
  // Runners in flight are no session's to close: a stopped batch ends them all.
  const undoRunners = interruption?.onCleanup(disposeAllRunners);
  let session: GradingSession | undefined;
  let undoSession: (() => void) | undefined;
  try {
    const exercise = await resolveExercise(options.exercise, options.rubricPath, (known) => inferFromClass(dir, known));
    // Each file is named as the class handed it in, never by the scratch folder a zip went to.
    session = await openGradingSession({ ...options, exercise, nameFile: (file) => classPathOf(dir, file) });
    const opened = session;
    undoSession = interruption?.onCleanup(() => opened.close());
    return await gradeClass(session, dir, options, startedAt);
  } finally {
    session?.close();
    // A student's grading still in flight when another's failed the batch leaves its runner behind otherwise.
    disposeAllRunners();
    removeUnpacked();
    for (const undo of [undoSession, undoRunners, undoUnpack]) undo?.();
  }
}

/** The points of every check graded: what a student with no grade has 0 of. */
function maxScoreOf(session: GradingSession): number {
  return [...session.selection.checks.values()].reduce((sum, check) => sum + check.points, 0);
}

async function gradeClass(session: GradingSession, dir: string, options: BatchOptions, startedAt: number): Promise<BatchResult> {
  const discovered = discoverEntries(dir, session.exercise.definition.fileName, { ignore: [options.out] });
  const { problems } = discovered;
  // A shard is a share of the students, those with no grade among them, split the same on every machine.
  const inShard = options.shard ? new Set(takeShard([...discovered.entries, ...discovered.ungraded], options.shard).map((s) => s.student)) : null;
  const entries = inShard ? discovered.entries.filter((e) => inShard.has(e.student)) : discovered.entries;
  const maxScore = maxScoreOf(session);
  const ungraded: UngradedRow[] = (inShard ? discovered.ungraded.filter((u) => inShard.has(u.student)) : discovered.ungraded).map((u) => ({ ...u, maxScore }));
  const reportsDir = path.join(options.out, 'reports');
  const jobs = Math.max(1, options.jobs ?? os.availableParallelism());
  const graded = new Array<GradedStudent | undefined>(entries.length);
  let next = 0;
  if (options.interruption) options.interruption.counts.total = entries.length;
  const reportFileOf = (entry: BatchEntry): string => path.join(reportsDir, `${entry.student}.json`);
  const resumable = entries.map((entry) => (options.isResume ? readResumable(reportFileOf(entry), entry, session.exercise.rubric.hash, session.backend) : null));
  session.plan(entries.filter((_, index) => resumable[index] === null).map((entry) => entry.file));
  const progress = createProgress({
    total: entries.length,
    jobs: Math.min(jobs, Math.max(1, entries.length)),
    resumed: resumable.filter((report) => report !== null).length,
    ungraded: ungraded.length,
    stream: options.progressStream ?? process.stderr,
    isQuiet: options.isQuiet ?? false,
  });
  const record = async (index: number, student: GradedStudent): Promise<void> => {
    for (const name of options.formats ?? []) {
      const text = await renderReports(name, [student.report], { isColor: false, env: process.env, isBatchFeedback: true });
      writeAtomically(path.join(options.out, 'feedback', student.student, REPORTERS[name].fileName), text);
    }
    graded[index] = student;
    progress.ended(student.student, student.report.status === 'passed');
  };


  const work = async (): Promise<void> => {
    while (next < entries.length) {
      const index = next++;
      const entry = entries[index];
      const reportFile = reportFileOf(entry);
      const previous = resumable[index];
      const { student, isLate, identity } = entry;
      if (previous) {
        if (options.interruption) options.interruption.counts.saved++;
        await record(index, { student, isLate, identity, report: previous, isResumed: true, durationMs: previous.durationMs });
        continue;
      }
      let report: Report;
      progress.began(student);
      try {
        report = await session.grade(entry.file, next < entries.length);
      } catch (error) {
        // A file that vanished or cannot be read since discovery: that student, not the batch.
        if (!(error instanceof GraderError && error.code === 'SUBMISSION_UNREADABLE')) throw error;
        // Named as the class names it (the message may hold the scratch folder a zip went to).
        const reason = toSafeText(error.message.split(`${dir}${path.sep}`).join(''), { limit: 2000 });
        ungraded.push({ student, entry: entry.displayPath, status: 'unreadable', reason, isLate, identity, maxScore });
        progress.ended(student, false);
        continue;
      }
      writeAtomically(reportFile, `${JSON.stringify(report, null, 2)}\n`);
      // Counted as soon as it is on disk: a stop from here on keeps it.
      if (options.interruption) options.interruption.counts.saved++;
      await record(index, { student, isLate, identity, report, isResumed: false, durationMs: report.durationMs });
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(jobs, Math.max(1, entries.length)) }, work));
  } finally {
    progress.finish();
  }

  const all = graded.filter((g): g is GradedStudent => g !== undefined);
  const summary = toSummary(all, ungraded, problems, {
    exercise: session.exercise.definition.id,
    backend: session.backend.request.name,
    graderVersion: GRADER_VERSION,
    shard: options.shard,
    wallMs: performance.now() - startedAt,
    graderCpuMs: session.graderCpuMs(),
    compileWorkerCpuMs: session.compileWorkerCpuMs(),
  });
  writeAtomically(path.join(options.out, 'grades.csv'), toGradesCsv(all, ungraded));
  writeAtomically(path.join(options.out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  writeSummaryPage(options.out, summary, all);
  return { summary, graded: all };
}
