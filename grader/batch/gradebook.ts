/** grades.csv and summary.json, made from the reports alone. */
import type { Report } from '../report/types.js';
import { compareIds, type BatchSummary, type EntryProblem, type GradedStudent, type PartialMerge, type Shard, type StudentIdentity, type UngradedRow, type UngradedStudent, type ViolationSummary } from '../report/class-summary.js';

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

/** How many sandbox violations a report records; a line standing for those past the listed ones counts as many as it says. */
export function violationCount(report: Report): number {
  return report.sandbox.violations.reduce((sum, violation) => sum + (violation.count ?? 1), 0);
}

/** The columns before the points of each part, in order. */
export const GRADES_COLUMNS = ['student', 'score', 'max_score', 'percent', 'status', 'late', 'incomplete', 'violations', 'lms', 'user_id', 'email'] as const;

/**
 * One row per student the class names, sorted by id: id, score, max, percent, status, late, then
 * `incomplete`, the number of checks the grader failed to score (their points are in neither score
 * nor max_score: such a row is not a final grade until it is graded again), `violations`, what the
 * sandbox refused the student's code, then the LMS and the ids it gives (empty where unknown), then
 * points per part. A student with no grade has their status (`not-submitted`, `empty`,
 * `unreadable`) and 0 of the maximum.
 */
export function toGradesCsv(graded: GradedStudent[], ungraded: UngradedRow[] = []): string {
  const parts = [...new Set(graded.flatMap((g) => g.report.checks.map((c) => c.part)))];
  const header = [...GRADES_COLUMNS, ...parts];
  const identityOf = ({ lms, userId, email }: StudentIdentity) => [lms, userId, email];
  const rows = [
    ...graded.map(({ student, isLate, report, identity }) => {
      const percent = report.maxScore > 0 ? Math.round((1000 * report.score) / report.maxScore) / 10 : 0;
      const perPart = parts.map((part) => report.checks.filter((c) => c.part === part).reduce((sum, c) => sum + c.score, 0));
      return { student, cells: [student, report.score, report.maxScore, percent, report.status, String(isLate), report.incomplete?.checks.length ?? 0, violationCount(report), ...identityOf(identity), ...perPart] };
    }),
    ...ungraded.map(({ student, isLate, status, maxScore, identity }) => ({
      student,
      cells: [student, 0, maxScore, 0, status, String(isLate), 0, 0, ...identityOf(identity), ...parts.map(() => 0)],
    })),
  ].sort((a, b) => compareIds(a.student, b.student));
  return [header, ...rows.map((row) => row.cells)].map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}

/** Messages kept per student in the summary: enough to see what was tried. */
const VIOLATION_MESSAGES_KEPT = 3;

function summarizeViolations(graded: GradedStudent[]): ViolationSummary[] {
  return graded.flatMap(({ student, report }) => {
    const { violations } = report.sandbox;
    if (violations.length === 0) return [];
    return [{
      student,
      count: violationCount(report),
      observed: violations.filter((v) => v.source === 'observed' && v.count === undefined).length,
      kinds: [...new Set(violations.map((v) => v.kind))].sort(),
      messages: violations.slice(0, VIOLATION_MESSAGES_KEPT).map((v) => (v.checkId ? `${v.checkId}: ${v.message}` : v.message)),
    }];
  });
}

export interface SummaryInfo {
  exercise: string;
  backend: string;
  graderVersion: string;
  shard?: Shard;
  partial?: PartialMerge;
  wallMs: number;
  graderCpuMs: number;
  compileWorkerCpuMs: number;
}

export function toSummary(graded: GradedStudent[], ungraded: UngradedRow[], problems: EntryProblem[], info: SummaryInfo): BatchSummary {
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
  // A student with no grade is counted by why: how many did not hand in, or handed in what cannot be read.
  for (const { status } of ungraded) statuses[status] = (statuses[status] ?? 0) + 1;
  const fresh = graded.filter((g) => !g.isResumed).map((g) => g.durationMs).sort((a, b) => a - b);
  const byHash = new Map<string, string[]>();
  for (const { student, report } of graded) byHash.set(report.submissionHash, [...(byHash.get(report.submissionHash) ?? []), student]);
  return {
    exercise: info.exercise,
    backend: info.backend,
    graderVersion: info.graderVersion,
    ...(info.shard ? { shard: info.shard } : {}),
    ...(info.partial ? { partial: info.partial } : {}),
    students: graded.length + ungraded.length,
    graded: graded.length,
    resumed: graded.filter((g) => g.isResumed).length,
    ungraded: [...ungraded].sort((a, b) => compareIds(a.student, b.student)),
    problems,
    incomplete: graded.flatMap(({ student, report }) => (report.incomplete ? [{ student, ...report.incomplete }] : [])),
    violations: summarizeViolations(graded),
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
