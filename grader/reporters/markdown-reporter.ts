/**
 * `--format markdown`: feedback.md, what a student reads: the score, a table per part, what to fix
 * for each check that lost points (expected against actual where numbers disagree), the type warnings
 * and what their code printed. GitHub-flavoured Markdown, so it renders in a repository or an issue.
 */
import type { CheckStatus, Report } from '../report/types.js';
import { codeSpan, escapeMarkdown, escapeMarkdownLine, fencedBlock, markdownTable } from './markdown-text.js';
import { describeDifference, describeIncomplete, formatCheckPoints, formatPoints, groupByPart, groupLostChecks, percentOf, STATUS_LABELS, type LostGroup } from './report-summary.js';
import type { Reporter, ReporterDefinition, ReporterOptions } from './types.js';

/** A mark per status, so that a long table can be scanned by eye. */
export const STATUS_MARKS: Record<CheckStatus, string> = {
  passed: '✅',
  failed: '❌',
  error: '💥',
  timeout: '⏱️',
  memory: '🧠',
  'output-limit': '📢',
  'not-implemented': '⬜',
  skipped: '⏭️',
  'compile-error': '🛑',
  'internal-error': '⚠️',
};

/** Our own words, written as Markdown. */
const HEADLINES: Record<Report['status'], string> = {
  passed: 'Every check passed.',
  failed: 'Some checks did not pass. Each one under **What to fix** says what was expected, what your code returned, and what to do next.',
  'compile-error': 'Your file does not compile, so none of its code could run. Fix the errors below and grade it again.',
  'internal-error': 'The grader itself failed on some checks (marked ⚠️): that is not a fault in your code. Grade it again, and tell your course staff if it happens again.',
};

function checkName(id: string, title: string, isHidden: boolean): string {
  return `${codeSpan(id)} ${escapeMarkdown(title)}${isHidden ? ' *(hidden)*' : ''}`;
}

function renderParts(report: Report): string[] {
  return groupByPart(report.checks).flatMap(({ part, checks, score, maxScore }) => [
    `### ${escapeMarkdown(part)}: ${formatPoints(score, maxScore)}`,
    '',
    markdownTable(
      ['', 'check', 'points', 'result'],
      ['left', 'left', 'right', 'left'],
      checks.map((check) => [STATUS_MARKS[check.status], checkName(check.id, check.title, check.visibility === 'hidden'), formatCheckPoints(check), escapeMarkdown(STATUS_LABELS[check.status])]),
    ),
    '',
  ]);
}

function renderLostGroup(group: LostGroup): string[] {
  const [first] = group.checks;
  const heading =
    group.checks.length === 1
      ? `### ${STATUS_MARKS[group.status]} ${checkName(first.id, first.title, first.visibility === 'hidden')}`
      : `### ${STATUS_MARKS[group.status]} ${group.checks.map((check) => codeSpan(check.id)).join(', ')}`;
  const points = group.checks.reduce((sum, check) => sum + check.maxScore, 0);
  const earned = group.checks.reduce((sum, check) => sum + check.score, 0);
  const lines = [heading, '', `*${escapeMarkdown(STATUS_LABELS[group.status])}*, ${formatPoints(earned, points)} points`, '', escapeMarkdownLine(group.message), ''];
  if (group.difference) {
    const { rows, notes } = describeDifference(group.difference);
    if (rows.length > 0) {
      const cell = (value: string | null): string => (value === null ? '—' : codeSpan(value));
      lines.push(markdownTable(['', 'expected', 'your code'], ['left', 'left', 'left'], rows.map((row) => [escapeMarkdown(row.label), cell(row.expected), cell(row.actual)])), '');
    }
    for (const note of notes) lines.push(`- ${escapeMarkdownLine(note)}`);
    if (notes.length > 0) lines.push('');
  }
  return lines;
}

export function renderMarkdownFeedback(report: Report): string {
  const lines = [
    `# ${escapeMarkdown(report.exercise)}: ${formatPoints(report.score, report.maxScore)} points (${percentOf(report)}%)`,
    '',
    HEADLINES[report.status],
    '',
    ...(describeIncomplete(report) ? [`**${escapeMarkdown(describeIncomplete(report)!)}.**`, ''] : []),
    `Submission ${codeSpan(report.submission)}, graded by autograde ${escapeMarkdown(report.graderVersion)} on the ${codeSpan(report.backend)} backend.`,
    '',
    '## Checks',
    '',
    ...renderParts(report),
  ];

  const errors = report.diagnostics.filter((d) => d.severity === 'error');
  const lost = groupLostChecks(report);
  if (errors.length > 0 || lost.length > 0) {
    lines.push('## What to fix', '');
    for (const d of errors) lines.push(`- ${codeSpan(`${d.file}:${d.line}:${d.column}`)} ${escapeMarkdown(d.message)}`);
    if (errors.length > 0) lines.push('');
    for (const group of lost) lines.push(...renderLostGroup(group));
  }
  const skipped = report.checks.filter((check) => check.status === 'skipped');
  if (skipped.length > 0) {
    lines.push(`Skipped, because a check they need did not pass: ${skipped.map((check) => codeSpan(check.id)).join(', ')}. Fix that one first.`, '');
  }

  const warnings = report.diagnostics.filter((d) => d.severity === 'warning');
  if (warnings.length > 0) {
    lines.push('## Type warnings', '', 'They cost no points and do not stop your code from running, but they often point at a real mistake.', '');
    for (const d of warnings) lines.push(`- ${codeSpan(`${d.file}:${d.line}:${d.column}`)} ${escapeMarkdown(d.message)}`);
    lines.push('');
  }

  if (report.output.trim() !== '') {
    lines.push('## What your code printed', '', fencedBlock(report.output), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function createMarkdownReporter(options: ReporterOptions): Reporter {
  return {
    onFinish(reports) {
      // Several submissions: one document each, one after another, each under its own heading.
      options.write(reports.map(renderMarkdownFeedback).join('\n'));
    },
  };
}

export const markdownReporter: ReporterDefinition = {
  description: 'feedback.md for the student: score, a table per part, what to fix, type warnings, output',
  fileName: 'feedback.md',
  audience: 'students',
  create: createMarkdownReporter,
};
