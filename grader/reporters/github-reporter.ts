/**
 * `--format github`: for a GitHub Actions step. Annotations (`::error file=…,line=…::…`) on stdout
 * put each problem on the student's file, at the line of the compile error or type warning, or where
 * a check's stack trace points (else the top of the file); the job summary gets a table of parts and
 * points and the checks that lost points. What it writes under --out is that summary.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AnnotationProperties } from '@actions/core';
import type { Report } from '../report/types.js';
import { codeSpan, escapeMarkdown, markdownTable } from './markdown-text.js';
import { formatCheckPoints, formatPoints, groupByPart, groupLostChecks, locateInSubmission, percentOf, STATUS_LABELS, type LostGroup } from './report-summary.js';
import type { Reporter, ReporterDefinition, ReporterOptions } from './types.js';

type Core = Pick<typeof import('@actions/core'), 'error' | 'warning' | 'notice'>;

/**
 * GitHub attaches an annotation to a file by its path from the repository root. The report's path is
 * relative to where autograde ran, which need not be the root (a step's working-directory).
 */
export function annotationPath(file: string, env: NodeJS.ProcessEnv): string {
  const workspace = env.GITHUB_WORKSPACE;
  if (workspace) {
    const relative = path.relative(workspace, path.resolve(file));
    if (!relative.startsWith('..') && !path.isAbsolute(relative)) return relative.split(path.sep).join('/');
  }
  return file.split(path.sep).join('/');
}

function groupTitle(group: LostGroup): string {
  const [first] = group.checks;
  const more = group.checks.length > 1 ? ` and ${group.checks.length - 1} more` : '';
  return `${first.id}${more}: ${STATUS_LABELS[group.status]}`;
}

function groupMessage(group: LostGroup): string {
  if (group.checks.length === 1) return group.message;
  return `${group.message}\nChecks: ${group.checks.map((check) => check.id).join(', ')}`;
}

/** One annotation per compile error, per group of checks that lost points, and per type warning. */
function annotate(core: Core, report: Report, env: NodeJS.ProcessEnv): void {
  const file = annotationPath(report.submission, env);
  core.notice(`${formatPoints(report.score, report.maxScore)} points (${percentOf(report)}%): ${report.status}`, { title: `autograde ${report.exercise}` });
  for (const d of report.diagnostics.filter((d) => d.severity === 'error')) {
    core.error(d.message, { title: 'does not compile', file: annotationPath(d.file, env), startLine: d.line, startColumn: d.column });
  }
  for (const group of groupLostChecks(report)) {
    const title = groupTitle(group);
    // A grader failure is not in the student's file: it goes on the run, not on a line.
    const where = locateInSubmission(group.checks[0], report.submission);
    const properties: AnnotationProperties = group.status === 'internal-error' ? { title } : { title, file, startLine: where.line, startColumn: where.column };
    core.error(groupMessage(group), properties);
  }
  for (const d of report.diagnostics.filter((d) => d.severity === 'warning')) {
    core.warning(d.message, { title: 'type warning', file: annotationPath(d.file, env), startLine: d.line, startColumn: d.column });
  }
}

/** The job summary for one submission: parts and points, then what lost points. */
export function renderGithubSummary(report: Report): string {
  const parts = groupByPart(report.checks);
  const passed = report.checks.filter((check) => check.status === 'passed').length;
  const lines = [
    `## autograde ${escapeMarkdown(report.exercise)}: ${formatPoints(report.score, report.maxScore)} points (${percentOf(report)}%), ${escapeMarkdown(report.status)}`,
    '',
    `${codeSpan(report.submission)} on the ${codeSpan(report.backend)} backend, autograde ${escapeMarkdown(report.graderVersion)}`,
    '',
    markdownTable(
      ['part', 'points', 'checks passed'],
      ['left', 'right', 'right'],
      [
        ...parts.map((part) => [escapeMarkdown(part.part), formatPoints(part.score, part.maxScore), `${part.passed}/${part.checks.length}`]),
        ['**total**', `**${formatPoints(report.score, report.maxScore)}**`, `**${passed}/${report.checks.length}**`],
      ],
    ),
    '',
  ];
  const errors = report.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    lines.push('### Does not compile', '');
    for (const d of errors) lines.push(`- ${codeSpan(`${d.file}:${d.line}:${d.column}`)} ${escapeMarkdown(d.message)}`);
    lines.push('');
  }
  const lost = groupLostChecks(report);
  if (lost.length > 0) {
    lines.push('### Checks that lost points', '');
    const rows = lost.flatMap((group) =>
      group.checks.map((check) => [
        `${codeSpan(check.id)} ${escapeMarkdown(check.title)}${check.visibility === 'hidden' ? ' *(hidden)*' : ''}`,
        formatCheckPoints(check),
        escapeMarkdown(STATUS_LABELS[check.status]),
        escapeMarkdown(group.message),
      ]),
    );
    lines.push(markdownTable(['check', 'points', 'result', 'why'], ['left', 'right', 'left', 'left'], rows), '');
  }
  const skipped = report.checks.filter((check) => check.status === 'skipped').length;
  const warnings = report.diagnostics.filter((d) => d.severity === 'warning').length;
  const notes = [
    skipped > 0 ? `${skipped} check${skipped === 1 ? ' was' : 's were'} skipped because a check they need did not pass.` : '',
    warnings > 0 ? `${warnings} type warning${warnings === 1 ? '' : 's'} (no points lost; see the annotations).` : '',
  ].filter((note) => note !== '');
  if (notes.length > 0) lines.push(notes.join(' '), '');
  return `${lines.join('\n').trimEnd()}\n`;
}

function createGithubReporter(options: ReporterOptions, core: Core | null): Reporter {
  return {
    onFinish(reports) {
      const summary = reports.map(renderGithubSummary).join('\n');
      options.write(summary);
      if (!core) return;
      for (const report of reports) annotate(core, report, options.env);
      // @actions/core's summary finds its file through process.env; the file named by the options'
      // environment is written here, so that the caller (and a test) decides which file it is.
      const summaryFile = options.env.GITHUB_STEP_SUMMARY;
      if (summaryFile) fs.appendFileSync(summaryFile, `${summary}\n`);
    },
  };
}

export const githubReporter: ReporterDefinition = {
  description: "GitHub Actions: annotations on the student's file (stdout) and the job summary (the file under --out)",
  fileName: 'github-summary.md',
  audience: 'students',
  create: async (options) => {
    // Feedback files of a whole class: one student's annotations and summary among hundreds would bury
    // the run, so each student gets the file only.
    if (options.isBatchFeedback) return createGithubReporter(options, null);
    // Loaded only when asked for: GitHub's toolkit takes longer to load than the rest of the CLI.
    return createGithubReporter(options, await import('@actions/core'));
  },
};
