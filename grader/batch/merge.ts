/**
 * `merge`: the outputs of several shards of one class, joined into one gradebook. Reports are
 * copied as they are, with their feedback pages; grades.csv, summary.json and summary.html are made
 * again from them. Each shard's summary says which shard it graded, so that a gradebook missing a
 * part of the class, or holding one twice, is refused by name instead of quietly short of students.
 */
import fs from 'node:fs';
import path from 'node:path';
import { GraderError } from '../errors.js';
import type { Report } from '../report/types.js';
import { readGradesCsv, toGradesCsv, toSummary } from './gradebook.js';
import { writeAtomically } from './write-atomically.js';
import { writeSummaryPage } from './write-summary-page.js';
import { compareIds, type BatchSummary, type EntryProblem, type GradedStudent, type StudentIdentity, type UngradedRow } from '../report/class-summary.js';

export interface MergeOptions {
  /** Merge what was given even when shards are missing; the summary says which. */
  isPartialAllowed?: boolean;
}

interface ShardOutput {
  dir: string;
  graded: GradedStudent[];
  summary: BatchSummary;
}

const LMS_NAMES: ReadonlySet<string> = new Set(['canvas', 'moodle', 'blackboard', 'gradescope']);

function identityOf(row: Record<string, string>): StudentIdentity {
  const lms = LMS_NAMES.has(row.lms ?? '') ? (row.lms as StudentIdentity['lms']) : '';
  return { lms, userId: row.user_id ?? '', email: row.email ?? '' };
}

function readShard(dir: string): ShardOutput {
  const summaryFile = path.join(dir, 'summary.json');
  if (!fs.existsSync(summaryFile)) {
    throw new GraderError('USAGE', `${dir} has no summary.json: is it the --out folder of a finished batch? Finish it (batch --resume) before merging.`);
  }
  const summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8')) as BatchSummary;
  summary.ungraded ??= [];
  const ungraded = new Set(summary.ungraded.map((u) => u.student));
  // Students with no grade have no report: their rows are made again from the summary.
  const rows = readGradesCsv(fs.readFileSync(path.join(dir, 'grades.csv'), 'utf8')).filter((row) => !ungraded.has(row.student));
  const graded = rows.map((row) => {
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'reports', `${row.student}.json`), 'utf8')) as Report;
    return { student: row.student, isLate: row.late === 'true', identity: identityOf(row), report, isResumed: false, durationMs: report.durationMs };
  });
  return { dir, graded, summary };
}

/** The shards an output covers, of how many; null for a whole class graded at once (no --shard). */
function coverageOf(summary: BatchSummary): { count: number; indices: number[] } | null {
  if (summary.shard) return { count: summary.shard.count, indices: [summary.shard.index] };
  if (summary.partial) return { count: summary.partial.count, indices: summary.partial.merged };
  return null;
}

const named = (indices: number[], count: number): string => indices.map((i) => `${i}/${count}`).join(', ');

/**
 * Which shards the outputs make up together, refusing any given twice, any of another count, and
 * (unless allowed) any missing; null when none of them is a shard.
 */
function checkShards(outputs: ShardOutput[], options: MergeOptions): { count: number; merged: number[]; missing: number[] } | null {
  const seen = new Map<string, string>();
  for (const { dir } of outputs) {
    const real = fs.realpathSync(dir);
    const earlier = seen.get(real);
    if (earlier !== undefined) throw new GraderError('USAGE', `${dir} is given twice (also as ${earlier}); name each shard's folder once.`);
    seen.set(real, dir);
  }
  const covered = outputs.map((output) => ({ dir: output.dir, coverage: coverageOf(output.summary) }));
  const whole = covered.filter((c) => c.coverage === null);
  if (whole.length === outputs.length) return null;
  if (whole.length > 0) {
    throw new GraderError('USAGE', `${whole.map((c) => c.dir).join(', ')} graded a whole class (no --shard), the others shards of one: merge the shards of one run, each run with --shard i/n.`);
  }
  const [first] = covered;
  const count = first.coverage!.count;
  const other = covered.find((c) => c.coverage!.count !== count);
  if (other) {
    throw new GraderError('USAGE', `${other.dir} is a shard of ${other.coverage!.count} parts, ${first.dir} of ${count}: merge the shards of one run, all graded with the same --shard count.`);
  }
  const byIndex = new Map<number, string>();
  for (const { dir, coverage } of covered) {
    for (const index of coverage!.indices) {
      const earlier = byIndex.get(index);
      if (earlier !== undefined) throw new GraderError('USAGE', `Shard ${index}/${count} is given twice: in ${earlier} and in ${dir}. Keep one of them.`);
      byIndex.set(index, dir);
    }
  }
  const merged = [...byIndex.keys()].sort((a, b) => a - b);
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !byIndex.has(index));
  if (missing.length > 0 && !options.isPartialAllowed) {
    throw new GraderError(
      'USAGE',
      `Shard${missing.length === 1 ? '' : 's'} ${named(missing, count)} ${missing.length === 1 ? 'is' : 'are'} missing (given: ${named(merged, count)}): the gradebook would lack their students. Add their --out folders, or merge with --allow-partial to join what there is.`,
    );
  }
  return { count, merged, missing };
}

export function mergeBatches(dirs: string[], out: string, options: MergeOptions = {}): BatchSummary {
  const outputs = dirs.map(readShard);
  const shards = checkShards(outputs, options);
  const byStudent = new Map<string, { graded: GradedStudent; from: string }>();
  const ungraded = new Map<string, UngradedRow>();
  const problems = new Map<string, EntryProblem>();
  for (const { dir, graded: students, summary } of outputs) {
    for (const problem of summary.problems) problems.set(problem.entry, problem);
    for (const row of summary.ungraded) ungraded.set(row.student, row);
    for (const graded of students) {
      const earlier = byStudent.get(graded.student);
      if (earlier && JSON.stringify(earlier.graded.report.checks) !== JSON.stringify(graded.report.checks)) {
        throw new GraderError('USAGE', `${graded.student} was graded differently in ${earlier.from} and ${dir}; were these shards of the same class with the same --shard count?`);
      }
      byStudent.set(graded.student, { graded, from: dir });
    }
  }
  // A student graded in one output is not also one with no grade.
  for (const student of byStudent.keys()) ungraded.delete(student);
  const summaries = outputs.map((output) => output.summary);
  const [first] = summaries;
  const mismatch = summaries.find((s) => s.exercise !== first.exercise || s.backend !== first.backend || s.graderVersion !== first.graderVersion);
  if (mismatch) {
    throw new GraderError('USAGE', `The shards were graded differently (exercise ${mismatch.exercise} vs ${first.exercise}, backend ${mismatch.backend} vs ${first.backend}, grader ${mismatch.graderVersion} vs ${first.graderVersion}); grade every shard the same way.`);
  }
  const graded = [...byStudent.values()].map((entry) => entry.graded).sort((a, b) => compareIds(a.student, b.student));
  for (const { student, report } of graded) writeAtomically(path.join(out, 'reports', `${student}.json`), `${JSON.stringify(report, null, 2)}\n`);
  // Feedback pages travel with their reports, from the shard that graded the student.
  for (const { graded: { student }, from } of byStudent.values()) {
    const feedback = path.join(from, 'feedback', student);
    if (fs.existsSync(feedback)) fs.cpSync(feedback, path.join(out, 'feedback', student), { recursive: true });
  }
  const rows = [...ungraded.values()];
  const summary = toSummary(graded, rows, [...problems.values()], {
    exercise: first.exercise,
    backend: first.backend,
    graderVersion: first.graderVersion,
    ...(shards && shards.missing.length > 0 ? { partial: shards } : {}),
    // Shards run side by side: the class took as long as the slowest one.
    wallMs: Math.max(...summaries.map((s) => s.timings.wallMs)),
    graderCpuMs: summaries.reduce((sum, s) => sum + s.timings.graderCpuMs, 0),
    compileWorkerCpuMs: summaries.reduce((sum, s) => sum + (s.timings.compileWorkerCpuMs ?? 0), 0),
  });
  writeAtomically(path.join(out, 'grades.csv'), toGradesCsv(graded, rows));
  writeAtomically(path.join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  writeSummaryPage(out, summary, graded);
  return summary;
}
