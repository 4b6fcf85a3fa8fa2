/**
 * `--format html`: a student's feedback page. The score first, then every check by part, then
 * what went wrong with expected and actual side by side, then the plots of their code beside the
 * reference's, then type warnings and what the code printed. It only formats the report.
 */
import { formatNumber, formatShape } from '../../checks/compare.js';
import { differenceOf, type CheckResult, type CheckStatus, type NumericDifference, type Report } from '../../report/types.js';
import { describeIncomplete, formatCheckPoints, formatPoints, groupByPart, percentOf } from '../report-summary.js';
import { escapeHtml, statusBadge } from './escape.js';
import { renderPage } from './page-shell.js';
import { renderFigure } from './render-figure.js';

const SYMBOLS: Record<CheckStatus, string> = {
  passed: '✓',
  failed: '✗',
  error: '!',
  timeout: '⏱',
  memory: 'M',
  'output-limit': 'O',
  'not-implemented': '○',
  skipped: '–',
  'compile-error': '✗',
  'internal-error': '?',
};

/** Statuses that the check list's one-line note explains well enough: no card of their own. */
const LISTED_ONLY: ReadonlySet<CheckStatus> = new Set(['passed', 'skipped', 'not-implemented']);


/** Ids for one report's elements; a page with several reports numbers them apart. */
function anchors(prefix: string) {
  return {
    report: `${prefix}`,
    check: (id: string) => `${prefix}-check-${id}`,
    failure: (id: string) => `${prefix}-failure-${id}`,
    figure: (index: number) => `${prefix}-figure-${index + 1}`,
    section: (name: string) => `${prefix}-${name}`,
  };
}

type Anchors = ReturnType<typeof anchors>;

function renderHeader(report: Report, isMain: boolean): string {
  const heading = isMain ? 'h1' : 'h2';
  const percent = percentOf(report);
  return (
    `<header><${heading}>Feedback on <code>${escapeHtml(report.submission)}</code></${heading}>` +
    `<p class="meta">${escapeHtml(report.exercise)} · ${escapeHtml(report.backend)} backend · graded in ${(report.durationMs / 1000).toFixed(1)} s</p>` +
    '<div class="scoreline">' +
    `<span class="points">${formatPoints(report.score, report.maxScore)}</span>` +
    `<span class="percent">${percent}%</span>` +
    statusBadge(report.status) +
    `<span class="bar" role="img" aria-label="${percent}% of the points"><span style="width:${percent}%"></span></span>` +
    '</div>' +
    (report.incomplete ? `<p class="incomplete"><strong>${escapeHtml(describeIncomplete(report)!)}.</strong></p>` : '') +
    '</header>'
  );
}

function renderToc(report: Report, ids: Anchors, failures: number): string {
  const links = [`<a href="#${ids.section('checks')}">Checks</a>`];
  if (failures > 0) links.push(`<a href="#${ids.section('failures')}">What went wrong (${failures})</a>`);
  if ((report.figures ?? []).length > 0) links.push(`<a href="#${ids.section('figures')}">Plots (${report.figures!.length})</a>`);
  if (report.diagnostics.length > 0) links.push(`<a href="#${ids.section('diagnostics')}">Type warnings (${report.diagnostics.length})</a>`);
  if (report.output.trim() !== '') links.push(`<a href="#${ids.section('output')}">Output</a>`);
  return `<nav class="toc">${links.join('')}</nav>`;
}

function renderCheckRow(check: CheckResult, ids: Anchors, hasCard: boolean): string {
  const hidden = check.visibility === 'hidden' ? ' <span class="hidden-tag">(hidden)</span>' : '';
  let note = '';
  if (hasCard) note = `<div class="check-note"><a href="#${escapeHtml(ids.failure(check.id))}">what went wrong</a></div>`;
  else if (check.status !== 'passed') note = `<div class="check-note">${escapeHtml(check.message)}</div>`;
  return (
    `<tr class="check-row" id="${escapeHtml(ids.check(check.id))}">` +
    `<td>${statusBadge(check.status)}</td>` +
    `<td><span aria-hidden="true">${SYMBOLS[check.status]}</span> <code>${escapeHtml(check.id)}</code>${hidden}<div>${escapeHtml(check.title)}</div>${note}</td>` +
    `<td class="num">${formatCheckPoints(check)}</td>` +
    '</tr>'
  );
}

function renderChecks(report: Report, ids: Anchors, carded: ReadonlySet<string>): string {
  const sections = groupByPart(report.checks).map(
    ({ part, checks, score, maxScore }) =>
      `<h3>${escapeHtml(part)} <span class="percent">${formatPoints(score, maxScore)}</span></h3>` +
      '<table class="checks"><thead><tr><th>status</th><th>check</th><th class="num">points</th></tr></thead><tbody>' +
      checks.map((check) => renderCheckRow(check, ids, carded.has(check.id))).join('\n') +
      '</tbody></table>',
  );
  return `<section id="${ids.section('checks')}"><h2>Checks</h2>\n${sections.join('\n')}\n</section>`;
}

function cellOf(value: number | undefined): string {
  return value === undefined ? '' : escapeHtml(formatNumber(value));
}

/** Expected against actual: shapes, then the entry with the largest difference, highlighted. */
export function renderDifference(difference: NumericDifference): string {
  const rows: string[] = [];
  const { expectedShape, actualShape } = difference;
  const isShapeMismatch = expectedShape !== undefined && actualShape !== undefined && formatShape(expectedShape) !== formatShape(actualShape);
  if (expectedShape || actualShape) {
    rows.push(
      `<tr${isShapeMismatch ? ' class="largest"' : ''}><td>shape</td><td>${escapeHtml(expectedShape ? formatShape(expectedShape) : '')}</td><td>${escapeHtml(actualShape ? formatShape(actualShape) : '')}</td></tr>`,
    );
  }
  if (difference.expectedValue !== undefined || difference.actualValue !== undefined) {
    const where = difference.at && difference.at.length > 0 ? ` at ${formatShape(difference.at)}` : '';
    const label = difference.maxAbsDiff !== undefined ? `largest difference${where}: ${formatNumber(difference.maxAbsDiff)}` : `value${where}`;
    rows.push(`<tr class="largest"><td>${escapeHtml(label)}</td><td>${cellOf(difference.expectedValue)}</td><td>${cellOf(difference.actualValue)}</td></tr>`);
  } else if (difference.maxAbsDiff !== undefined) {
    rows.push(`<tr class="largest"><td>largest difference</td><td colspan="2">${cellOf(difference.maxAbsDiff)}</td></tr>`);
  }
  const flags = [difference.hasNaN ? 'Your result contains NaN.' : '', difference.hasInfinity ? 'Your result contains Infinity.' : ''].filter(Boolean);
  if (rows.length === 0 && flags.length === 0) return '';
  const table = rows.length > 0 ? `<table class="difference"><thead><tr><th></th><th>expected</th><th>your code</th></tr></thead><tbody>${rows.join('')}</tbody></table>` : '';
  return table + (flags.length > 0 ? `<p class="flags">${flags.join(' ')}</p>` : '');
}

/**
 * One card per distinct failure. Checks that failed in the same way (a compile error fails them
 * all with one message) share a card, as the text reporter's "(as above)" does.
 */
function groupFailures(report: Report): CheckResult[][] {
  const groups: CheckResult[][] = [];
  for (const check of report.checks) {
    if (LISTED_ONLY.has(check.status)) continue;
    const same = groups.find((group) => group[0].status === check.status && group[0].message === check.message && !differenceOf(group[0]) && !differenceOf(check));
    if (same) same.push(check);
    else groups.push([check]);
  }
  return groups;
}

function renderFailure(group: CheckResult[], ids: Anchors, report: Report): string {
  const [first] = group;
  const plotted = (report.figures ?? []).flatMap((figure, index) => (group.some((check) => check.id === figure.checkId) ? [index] : []));
  const plots =
    plotted.length > 0
      ? `<p class="check-note">Plotted beside the reference: ${plotted.map((index) => `<a href="#${ids.figure(index)}">${escapeHtml(report.figures![index].title)}</a>`).join(', ')}.</p>`
      : '';
  const more = group.length > 1 ? ` <span class="check-note">and ${group.length - 1} more: ${group.slice(1).map((check) => `<code>${escapeHtml(check.id)}</code>`).join(', ')}</span>` : '';
  const score = group.reduce((sum, check) => sum + check.score, 0);
  const max = group.reduce((sum, check) => sum + check.maxScore, 0);
  return (
    `<section class="failure status-${escapeHtml(first.status)}" id="${escapeHtml(ids.failure(first.id))}">` +
    `<h3>${statusBadge(first.status)} <a href="#${escapeHtml(ids.check(first.id))}"><code>${escapeHtml(first.id)}</code></a>${more}</h3>` +
    `<div>${escapeHtml(first.title)} <span class="check-note">(${formatPoints(score, max)} points)</span></div>` +
    `<p class="message">${escapeHtml(first.message)}</p>` +
    (differenceOf(first) ? renderDifference(differenceOf(first)!) : '') +
    plots +
    '</section>'
  );
}

function renderFigures(report: Report, ids: Anchors): string {
  const figures = report.figures ?? [];
  if (figures.length === 0) return '';
  const statusOf = new Map(report.checks.map((check) => [check.id, check.status]));
  const items = figures.map((figure, index) => {
    const status = statusOf.get(figure.checkId);
    return renderFigure(figure, ids.figure(index), status ? { anchor: ids.check(figure.checkId), status } : undefined);
  });
  return (
    `<section id="${ids.section('figures')}"><h2>Your plots beside the reference</h2>` +
    `<p class="legend-note">Drawn from what your functions returned in the checks (<span style="color:var(--student)">your code</span>) and what the reference solution returned for the same call (<span style="color:var(--reference)">reference</span>).</p>` +
    `<div class="figures">\n${items.join('\n')}\n</div></section>`
  );
}

function renderDiagnostics(report: Report, ids: Anchors): string {
  if (report.diagnostics.length === 0) return '';
  const hasErrors = report.diagnostics.some((d) => d.severity === 'error');
  const items = report.diagnostics.map(
    (d) =>
      `<li><code>${escapeHtml(`${d.file}:${d.line}:${d.column}`)}</code> <span class="severity-${d.severity}">${escapeHtml(d.severity)}</span> <span class="diagnostic-message">${escapeHtml(d.message)}</span></li>`,
  );
  const note = hasErrors ? 'Errors stop your file from running; fix them first.' : 'Type warnings do not stop your code from running, but they often point at the bug.';
  return `<section id="${ids.section('diagnostics')}"><h2>Type ${hasErrors ? 'errors and warnings' : 'warnings'}</h2><p class="legend-note">${note}</p><ul class="diagnostics">\n${items.join('\n')}\n</ul></section>`;
}

function renderOutput(report: Report, ids: Anchors): string {
  if (report.output.trim() === '') return '';
  return (
    `<section id="${ids.section('output')}"><h2>What your code printed</h2>` +
    '<p class="legend-note">Standard output and error of your code while it was graded, shown as text; only the first kilobytes are kept.</p>' +
    `<pre class="output">${escapeHtml(report.output)}</pre></section>`
  );
}

function renderSandbox(report: Report, ids: Anchors): string {
  const { violations } = report.sandbox;
  if (violations.length === 0) return '';
  const items = violations.map((v) => `<li><code>${escapeHtml(v.checkId ?? '(loading)')}</code> ${escapeHtml(v.kind)}: ${escapeHtml(v.message)}</li>`);
  return `<section id="${ids.section('sandbox')}"><h2>Refused operations</h2><p class="legend-note">Your code tried something the sandbox does not allow; staff are shown this too.</p><ul>${items.join('')}</ul></section>`;
}

function renderReportArticle(report: Report, prefix: string, isMain: boolean): string {
  const ids = anchors(prefix);
  const groups = groupFailures(report);
  const carded = new Set(groups.flat().map((check) => check.id));
  const failures =
    groups.length > 0 ? `<section id="${ids.section('failures')}"><h2>What went wrong</h2>${groups.map((group) => renderFailure(group, ids, report)).join('\n')}</section>` : '';
  return (
    [
      `<article class="report" id="${escapeHtml(ids.report)}">`,
      renderHeader(report, isMain),
      renderToc(report, ids, groups.length),
      renderChecks(report, ids, carded),
      failures,
      renderFigures(report, ids),
      renderDiagnostics(report, ids),
      renderOutput(report, ids),
      renderSandbox(report, ids),
      '</article>',
    ]
      .filter((part) => part !== '')
      .join('\n')
  );
}

/** One page for one report; several reports (one `grade` run of several paths) get an index on top. */
export function renderFeedbackPage(reports: readonly Report[]): string {
  const version = reports[0]?.graderVersion ?? '';
  const footer = `Graded by autograde ${escapeHtml(version)}. This page is self-contained: it loads nothing and runs no scripts.`;
  if (reports.length === 1) {
    return renderPage(`Feedback: ${reports[0].submission}`, renderReportArticle(reports[0], 'report', true), footer);
  }
  const index = reports.map(
    (report, i) =>
      `<tr><td><a href="#report-${i + 1}"><code>${escapeHtml(report.submission)}</code></a></td><td class="num">${formatPoints(report.score, report.maxScore)}</td><td>${statusBadge(report.status)}</td></tr>`,
  );
  const body =
    `<h1>Feedback on ${reports.length} submissions</h1>` +
    (reports.length > 0 ? `<table class="index"><thead><tr><th>submission</th><th class="num">points</th><th>status</th></tr></thead><tbody>${index.join('')}</tbody></table>` : '<p>Nothing was graded.</p>') +
    reports.map((report, i) => renderReportArticle(report, `report-${i + 1}`, false)).join('');
  return renderPage(`Feedback on ${reports.length} submissions`, body, footer);
}
