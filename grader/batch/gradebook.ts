/** grades.csv and summary.json, made from the reports alone. */
import type { Report } from '../report/types.js';
import type { EntryProblem } from './discover-entries.js';

export interface GradedStudent {
  student: string;
  isLate: boolean;
  report: Report;
  /** Graded in an earlier run with the same file, rubric, grader and backend. */
  isResumed: boolean;
  durationMs: number;
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** grades.csv back as rows of named fields, quoted fields included: what merge joins. */
export function readGradesCsv(text: string): Array<Record<string, string>> {
  const records: string[][] = [];
  let record: string[] = [];
  let fieldText = '';
  let isQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (isQuoted) {
      if (char === '"' && text[i + 1] === '"') {
        fieldText += '"';
        i++;
      } else if (char === '"') isQuoted = false;
      else fieldText += char;
    } else if (char === '"') isQuoted = true;
    else if (char === ',') {
      record.push(fieldText);
      fieldText = '';
    } else if (char === '\n') {
      records.push([...record, fieldText]);
      record = [];
      fieldText = '';
    } else fieldText += char;
  }
  if (fieldText !== '' || record.length > 0) records.push([...record, fieldText]);
  const [header, ...rows] = records;
  return rows.map((row) => Object.fromEntries(header.map((name, column) => [name, row[column] ?? ''])));
}

/**
 * One row per student: id, score, max, percent, status, late, then `incomplete`, the number of checks
 * the grader failed to score (their points are in neither score nor max_score: such a row is not a
 * final grade until it is graded again), then points per part.
 */
export function toGradesCsv(graded: GradedStudent[]): string {
  const parts = [...new Set(graded.flatMap((g) => g.report.checks.map((c) => c.part)))];
  const header = ['student', 'score', 'max_score', 'percent', 'status', 'late', 'incomplete', ...parts];
  const rows = graded.map(({ student, isLate, report }) => {
    const percent = report.maxScore > 0 ? Math.round((1000 * report.score) / report.maxScore) / 10 : 0;
    const perPart = parts.map((part) => report.checks.filter((c) => c.part === part).reduce((sum, c) => sum + c.score, 0));
    return [student, report.score, report.maxScore, percent, report.status, String(isLate), report.incomplete?.checks.length ?? 0, ...perPart];
  });
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}

export interface BatchSummary {
  exercise: string;
  backend: string;
  graderVersion: string;
  students: number;
  graded: number;
  resumed: number;
  problems: EntryProblem[];
  /** Students whose grade is incomplete: the grader failed on these checks, whose points are left out. */
  incomplete: Array<{ student: string; checks: string[]; points: number }>;
  /** Students who handed in byte-identical files, for staff to look at; each was graded. */
  duplicates: string[][];
  statuses: Record<string, number>;
  /** Students per tenth of the maximum score: [0, 10%), [10%, 20%) ... [90%, 100%]. */
  scoreHistogram: number[];
  checks: Array<{ id: string; passRate: number; statuses: Record<string, number> }>;
  slowest: Array<{ student: string; durationMs: number }>;
  timings: {
    wallMs: number;
    medianSubmissionMs: number;
    /** CPU of the grader process and its compile worker; the sandboxes' CPU is in each report's sandbox.runs. */
    graderCpuMs: number;
    /** The part of graderCpuMs that the compile worker used: compiling and type checking. */
    compileWorkerCpuMs: number;
  };
}

export function toSummary(
  graded: GradedStudent[],
  problems: EntryProblem[],
  info: { exercise: string; backend: string; graderVersion: string; wallMs: number; graderCpuMs: number; compileWorkerCpuMs: number },
): BatchSummary {
  const histogram = new Array<number>(10).fill(0);
  const statuses: Record<string, number> = {};
  const byCheck = new Map<string, Record<string, number>>();
  for (const { report } of graded) {
    const fraction = report.maxScore > 0 ? report.score / report.maxScore : 0;
    histogram[Math.min(9, Math.floor(fraction * 10))]++;
    statuses[report.status] = (statuses[report.status] ?? 0) + 1;
    for (const check of report.checks) {
      const counts = byCheck.get(check.id) ?? {};
      counts[check.status] = (counts[check.status] ?? 0) + 1;
      byCheck.set(check.id, counts);
    }
  }
  const fresh = graded.filter((g) => !g.isResumed).map((g) => g.durationMs).sort((a, b) => a - b);
  const byHash = new Map<string, string[]>();
  for (const { student, report } of graded) byHash.set(report.submissionHash, [...(byHash.get(report.submissionHash) ?? []), student]);
  return {
    exercise: info.exercise,
    backend: info.backend,
    graderVersion: info.graderVersion,
    students: graded.length + problems.length,
    graded: graded.length,
    resumed: graded.filter((g) => g.isResumed).length,
    problems,
    incomplete: graded.flatMap(({ student, report }) => (report.incomplete ? [{ student, ...report.incomplete }] : [])),
    duplicates: [...byHash.values()].filter((students) => students.length > 1),
    statuses,
    scoreHistogram: histogram,
    checks: [...byCheck].map(([id, counts]) => ({
      id,
      passRate: Math.round((1000 * (counts.passed ?? 0)) / graded.length) / 1000,
      statuses: counts,
    })),
    slowest: [...graded]
      .filter((g) => !g.isResumed)
      .sort((a, b) => b.durationMs - a.durationMs)
      .slice(0, 5)
      .map(({ student, durationMs }) => ({ student, durationMs: Math.round(durationMs) })),
    timings: {
      wallMs: Math.round(info.wallMs),
      medianSubmissionMs: fresh.length > 0 ? Math.round(fresh[Math.floor(fresh.length / 2)]) : 0,
      graderCpuMs: Math.round(info.graderCpuMs),
      compileWorkerCpuMs: Math.round(info.compileWorkerCpuMs),
    },
  };
}
