/**
 * `merge`: the outputs of several shards of one class, joined into one gradebook. Reports are
 * copied as they are, with their feedback pages; grades.csv, summary.json and summary.html are made
 * again from them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { GraderError } from '../errors.js';
import type { Report } from '../report/types.js';
import type { EntryProblem } from './discover-entries.js';
import { readGradesCsv, toGradesCsv, toSummary, type BatchSummary, type GradedStudent } from './gradebook.js';
import { writeAtomically } from './write-atomically.js';
import { writeSummaryPage } from './write-summary-page.js';

function readShard(dir: string): { graded: GradedStudent[]; summary: BatchSummary } {
  const summaryFile = path.join(dir, 'summary.json');
  if (!fs.existsSync(summaryFile)) {
    throw new GraderError('USAGE', `${dir} has no summary.json: is it the --out folder of a finished batch? Finish it (batch --resume) before merging.`);
  }
  const summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8')) as BatchSummary;
  const graded = readGradesCsv(fs.readFileSync(path.join(dir, 'grades.csv'), 'utf8')).map((row) => {
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'reports', `${row.student}.json`), 'utf8')) as Report;
    return { student: row.student, isLate: row.late === 'true', report, isResumed: false, durationMs: report.durationMs };
  });
  return { graded, summary };
}

export function mergeBatches(dirs: string[], out: string): BatchSummary {
  const byStudent = new Map<string, { graded: GradedStudent; from: string }>();
  const problems = new Map<string, EntryProblem>();
  const summaries: BatchSummary[] = [];
  for (const dir of dirs) {
    const shard = readShard(dir);
    summaries.push(shard.summary);
    for (const problem of shard.summary.problems) problems.set(problem.entry, problem);
    for (const graded of shard.graded) {
      const earlier = byStudent.get(graded.student);
      if (earlier && JSON.stringify(earlier.graded.report.checks) !== JSON.stringify(graded.report.checks)) {
        throw new GraderError('USAGE', `${graded.student} was graded differently in ${earlier.from} and ${dir}; were these shards of the same class with the same --shard count?`);
      }
      byStudent.set(graded.student, { graded, from: dir });
    }
  }
  const [first] = summaries;
  const mismatch = summaries.find((s) => s.exercise !== first.exercise || s.backend !== first.backend || s.graderVersion !== first.graderVersion);
  if (mismatch) {
    throw new GraderError('USAGE', `The shards were graded differently (exercise ${mismatch.exercise} vs ${first.exercise}, backend ${mismatch.backend} vs ${first.backend}, grader ${mismatch.graderVersion} vs ${first.graderVersion}); grade every shard the same way.`);
  }
  const graded = [...byStudent.values()].map((entry) => entry.graded).sort((a, b) => (a.student < b.student ? -1 : 1));
  for (const { student, report } of graded) writeAtomically(path.join(out, 'reports', `${student}.json`), `${JSON.stringify(report, null, 2)}\n`);
  // Feedback pages travel with their reports, from the shard that graded the student.
  for (const { graded: { student }, from } of byStudent.values()) {
    const feedback = path.join(from, 'feedback', student);
    if (fs.existsSync(feedback)) fs.cpSync(feedback, path.join(out, 'feedback', student), { recursive: true });
  }
  const summary = toSummary(graded, [...problems.values()], {
    exercise: first.exercise,
    backend: first.backend,
    graderVersion: first.graderVersion,
    // Shards run side by side: the class took as long as the slowest one.
    wallMs: Math.max(...summaries.map((s) => s.timings.wallMs)),
    graderCpuMs: summaries.reduce((sum, s) => sum + s.timings.graderCpuMs, 0),
    compileWorkerCpuMs: summaries.reduce((sum, s) => sum + (s.timings.compileWorkerCpuMs ?? 0), 0),
  });
  writeAtomically(path.join(out, 'grades.csv'), toGradesCsv(graded));
  writeAtomically(path.join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  writeSummaryPage(out, summary, graded);
  return summary;
}
