/**
 * summary.html: a class at a glance for the staff. The score histogram, each check's pass rate
 * with the class's most common mistakes first, every student with a link to their feedback page
 * where one was written (and those with nothing to grade, with why), what the sandbox refused
 * whose code, and the slowest submissions. Made from the summary and the reports alone.
 */
import type { CheckResult, CheckStatus } from '../../report/types.js';
import { percentOf } from '../report-summary.js';
import { escapeHtml, hrefOf, statusBadge } from './escape.js';
import { renderPage } from './page-shell.js';
import { renderBarChart } from './svg/bar-chart.js';
import { SOURCE_COLORS } from './svg/palette.js';
import { compareIds, type BatchSummary } from '../../report/class-summary.js';
import type { ClassStudent } from '../types.js';


function studentCell(student: ClassStudent): string {
  const name = `<code>${escapeHtml(student.student)}</code>`;
  return student.feedbackPath ? `<a href="${hrefOf(student.feedbackPath)}">${name}</a>` : name;
}

function renderHistogram(summary: BatchSummary): string {
  const categories = summary.scoreHistogram.map((_, i) => (i === 9 ? '90–100%' : `${i * 10}–${i * 10 + 9}%`));
  return renderBarChart({
    label: 'Students per tenth of the maximum score',
    xLabel: 'score (share of the maximum)',
    yLabel: 'students',
    categories,
    values: summary.scoreHistogram,
    color: SOURCE_COLORS.reference,
  });
}

/**
 * Outcomes that say nothing of the check itself: the file did not compile, the function is still
 * the skeleton's, or a prerequisite failed. Their message is the same for every check, and one of
 * them (a compile error, quoting its file) would otherwise stand for every check.
 */
const NOT_ABOUT_THE_CHECK: ReadonlySet<CheckStatus> = new Set(['passed', 'compile-error', 'not-implemented', 'skipped']);

/** The message most students who missed this check got, and how many got it; only from outcomes that are about the check. */
export function commonMistake(results: CheckResult[]): { message: string; count: number } | null {
  const counts = new Map<string, number>();
  for (const result of results) {
    if (NOT_ABOUT_THE_CHECK.has(result.status)) continue;
    counts.set(result.message, (counts.get(result.message) ?? 0) + 1);
  }
  let best: { message: string; count: number } | null = null;
  for (const [message, count] of counts) if (!best || count > best.count) best = { message, count };
  return best;
}

function renderChecks(summary: BatchSummary, students: readonly ClassStudent[]): string {
  const results = new Map<string, CheckResult[]>();
  for (const { report } of students) {
    for (const check of report.checks) results.set(check.id, [...(results.get(check.id) ?? []), check]);
  }
  const order = [...results.keys()];
  // Lowest pass rate first; checks that fare the same keep the exercise's order.
  const sorted = [...summary.checks].sort((a, b) => a.passRate - b.passRate || order.indexOf(a.id) - order.indexOf(b.id));
  const rows = sorted.map((check) => {
    const ofCheck = results.get(check.id) ?? [];
    const title = ofCheck[0]?.title ?? '';
    const percent = Math.round(check.passRate * 100);
    const passed = check.statuses.passed ?? 0;
    const total = Object.values(check.statuses).reduce((sum, n) => sum + n, 0);
    const others = Object.entries(check.statuses)
      .filter(([status]) => status !== 'passed')
      .sort((a, b) => b[1] - a[1])
      .map(([status, count]) => `<span>${statusBadge(status)} ${count}</span>`)
      .join('');
    const mistake = commonMistake(ofCheck);
    const mistakeText = mistake ? `${escapeHtml(mistake.message)} <span class="check-note">(${mistake.count} student${mistake.count === 1 ? '' : 's'})</span>` : '';
    return (
      `<tr><td><code>${escapeHtml(check.id)}</code><div>${escapeHtml(title)}</div></td>` +
      `<td class="num"><span class="rate" role="img" aria-label="${percent}% passed"><span style="width:${percent}%"></span></span>${percent}%</td>` +
      `<td class="num">${passed}/${total}</td>` +
      `<td class="counts">${others}</td>` +
      `<td class="check-note">${mistakeText}</td></tr>`
    );
  });
  return (
    '<section id="checks"><h2>Checks, most missed first</h2>' +
    '<table class="checks"><thead><tr><th>check</th><th class="num">pass rate</th><th class="num">passed</th><th>other outcomes</th><th>most common message among those who ran it and missed it</th></tr></thead>' +
    `<tbody>\n${rows.join('\n')}\n</tbody></table></section>`
  );
}

function renderStudents(summary: BatchSummary, students: readonly ClassStudent[]): string {
  const late = (isLate: boolean): string => (isLate ? ' <span class="check-note">late</span>' : '');
  const rows = [
    ...students.map((student) => {
      const { report } = student;
      return {
        student: student.student,
        html:
          `<tr><td>${studentCell(student)}${late(student.isLate)}</td>` +
          `<td class="num">${Number(report.score.toFixed(2))}/${Number(report.maxScore.toFixed(2))}</td>` +
          `<td class="num">${percentOf(report)}%</td>` +
          `<td>${statusBadge(report.status)}</td></tr>`,
      };
    }),
    ...summary.ungraded.map((row) => ({
      student: row.student,
      html:
        `<tr><td><code>${escapeHtml(row.student)}</code>${late(row.isLate)}</td>` +
        `<td class="num">0/${Number(row.maxScore.toFixed(2))}</td><td class="num">0%</td>` +
        `<td>${statusBadge(row.status)} <span class="check-note">${escapeHtml(row.reason)}</span></td></tr>`,
    })),
  ]
    .sort((a, b) => compareIds(a.student, b.student))
    .map((row) => row.html);
  const linked = students.filter((s) => s.feedbackPath).length;
  const pages =
    linked === students.length
      ? `Each ${summary.ungraded.length > 0 ? 'graded ' : ''}student's name links to the feedback page they see.`
      : linked === 0
        ? 'No feedback pages were written; run the batch with <code>--format html</code> to write them.'
        : `${linked} of ${students.length} graded students have a feedback page; names without a link have none.`;
  // Those with nothing to grade have no page: their row says why instead.
  const ungraded = summary.ungraded.length;
  const note = ungraded > 0 ? `${pages} ${ungraded === 1 ? 'The student' : `The ${ungraded} students`} with nothing to grade ${ungraded === 1 ? 'is' : 'are'} listed with why.` : pages;
  return (
    `<section id="students"><h2>Students (${rows.length})</h2><p class="legend-note">${note}</p>` +
    '<table class="students"><thead><tr><th>student</th><th class="num">points</th><th class="num">score</th><th>status</th></tr></thead>' +
    `<tbody>\n${rows.join('\n')}\n</tbody></table></section>`
  );
}

function renderSlowest(summary: BatchSummary, students: readonly ClassStudent[]): string {
  if (summary.slowest.length === 0) return '';
  const byName = new Map(students.map((s) => [s.student, s]));
  const rows = summary.slowest.map(({ student, durationMs }) => {
    const entry = byName.get(student);
    const cell = entry ? studentCell(entry) : `<code>${escapeHtml(student)}</code>`;
    return `<tr><td>${cell}</td><td class="num">${(durationMs / 1000).toFixed(1)} s</td></tr>`;
  });
  return (
    '<section id="slowest"><h2>Slowest submissions</h2><p class="legend-note">Wall time to grade each, this run only; a slow one is often an accidental loop or a leak.</p>' +
    `<table class="slowest"><thead><tr><th>student</th><th class="num">graded in</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table></section>`
  );
}

/** Whose code the sandbox refused something: an academic-integrity matter, where staff look first. */
function renderViolations(summary: BatchSummary, students: readonly ClassStudent[]): string {
  if (summary.violations.length === 0) return '';
  const byName = new Map(students.map((s) => [s.student, s]));
  const rows = [...summary.violations]
    .sort((a, b) => b.count - a.count || compareIds(a.student, b.student))
    .map(({ student, count, observed, kinds, messages }) => {
      const entry = byName.get(student);
      const cell = entry ? studentCell(entry) : `<code>${escapeHtml(student)}</code>`;
      const shown = messages.map((message) => `<li>${escapeHtml(message)}</li>`).join('');
      return (
        `<tr><td>${cell}</td><td class="num">${count}</td><td class="num">${observed}</td>` +
        `<td>${kinds.map((kind) => `<code>${escapeHtml(kind)}</code>`).join(', ')}</td>` +
        `<td class="check-note"><ul>${shown}</ul></td></tr>`
      );
    });
  return (
    `<section id="violations"><h2>Sandbox violations (${summary.violations.length} student${summary.violations.length === 1 ? '' : 's'})</h2>` +
    '<p class="legend-note">What the sandbox refused these students\' code: reading files beyond its own (the solution, <code>/etc/passwd</code>), starting processes or workers, the network, writing to the results channel. ' +
    'Observed ones the grader saw from outside, and nothing in the code can fake; the others the runner reported from inside, where the code may keep it from telling, so none listed proves nothing. Look at each before grading it.</p>' +
    '<table class="violations"><thead><tr><th>student</th><th class="num">violations</th><th class="num">observed</th><th>kinds</th><th>first messages</th></tr></thead>' +
    `<tbody>\n${rows.join('\n')}\n</tbody></table></section>`
  );
}

function renderProblems(summary: BatchSummary): string {
  const parts: string[] = [];
  if (summary.incomplete.length > 0) {
    const items = summary.incomplete.map((i) => `<li><code>${escapeHtml(i.student)}</code>: ${i.checks.length} check${i.checks.length === 1 ? '' : 's'} (${i.points} points) not scored: ${i.checks.map((id) => `<code>${escapeHtml(id)}</code>`).join(', ')}</li>`);
    parts.push(
      `<section id="incomplete"><h2>Incomplete grades (${summary.incomplete.length})</h2><p class="legend-note">The grader failed on these checks, not the students' code: their points are in neither the score nor the maximum. Grade these students again (<code>--resume</code> grades them again).</p><ul>${items.join('')}</ul></section>`,
    );
  }
  if (summary.ungraded.length > 0) {
    const items = summary.ungraded.map((u) => `<li><code>${escapeHtml(u.student)}</code> ${statusBadge(u.status)}: ${escapeHtml(u.reason)}</li>`);
    parts.push(
      `<section id="not-graded"><h2>Nothing to grade (${summary.ungraded.length})</h2><p class="legend-note">Students the class names whose file is missing, empty or may not be read: in grades.csv with their status and 0 points.</p><ul>${items.join('')}</ul></section>`,
    );
  }
  if (summary.problems.length > 0) {
    const items = summary.problems.map((p) => `<li><code>${escapeHtml(p.entry)}</code>: ${escapeHtml(p.message)}</li>`);
    parts.push(`<section id="not-counted"><h2>Entries not counted (${summary.problems.length})</h2><p class="legend-note">Not a student's, or a student's second entry; nothing of them is graded.</p><ul>${items.join('')}</ul></section>`);
  }
  if (summary.duplicates.length > 0) {
    const items = summary.duplicates.map((group) => `<li>${group.map((s) => `<code>${escapeHtml(s)}</code>`).join(', ')}</li>`);
    parts.push(`<section id="duplicates"><h2>Identical files</h2><p class="legend-note">These students handed in byte-identical files; each was graded.</p><ul>${items.join('')}</ul></section>`);
  }
  return parts.join('');
}

export function renderSummaryPage(summary: BatchSummary, students: readonly ClassStudent[]): string {
  const statuses = Object.entries(summary.statuses)
    .sort((a, b) => b[1] - a[1])
    .map(([status, count]) => `<span>${statusBadge(status)} ${count}</span>`)
    .join(' ');
  const percents = students.map(({ report }) => percentOf(report)).sort((a, b) => a - b);
  const median = percents.length > 0 ? percents[Math.floor(percents.length / 2)] : 0;
  const body =
    `<header><h1>Class summary: ${escapeHtml(summary.exercise)}</h1>` +
    `<p class="meta">${summary.graded} of ${summary.students} students graded${summary.resumed > 0 ? ` (${summary.resumed} from an earlier run)` : ''} · ${escapeHtml(summary.backend)} backend · ` +
    `${(summary.timings.wallMs / 1000).toFixed(1)} s in all, ${(summary.timings.medianSubmissionMs / 1000).toFixed(1)} s per submission (median)</p>` +
    `<p class="counts">${statuses}</p></header>` +
    `<nav class="toc"><a href="#scores">Scores</a><a href="#checks">Checks</a><a href="#students">Students</a>${summary.violations.length > 0 ? '<a href="#violations">Violations</a>' : ''}<a href="#slowest">Slowest</a></nav>` +
    `<section id="scores"><h2>Scores</h2><p class="legend-note">Median score ${median}%.</p><figure class="figure">${renderHistogram(summary)}</figure></section>` +
    renderChecks(summary, students) +
    renderViolations(summary, students) +
    renderStudents(summary, students) +
    renderSlowest(summary, students) +
    renderProblems(summary);
  return renderPage(`Class summary: ${summary.exercise}`, body, `Graded by autograde ${escapeHtml(summary.graderVersion)}. summary.json holds the same numbers for scripts.`);
}
