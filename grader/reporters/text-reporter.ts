/** `--format text`: for people. One block per submission, grouped by part, hints under failures. */
import pc from 'picocolors';
import type { CheckResult, CheckStatus, Report } from '../report/types.js';
import type { Reporter, ReporterDefinition, ReporterOptions } from './types.js';
import { describeIncomplete, formatCheckPoints, formatPoints, groupByPart, percentOf } from './report-summary.js';

export type Colors = ReturnType<typeof pc.createColors>;

export const SYMBOLS: Record<CheckStatus, string> = {
  passed: '✓',
  failed: '✗',
  error: '!',
  timeout: '⏱',
  memory: 'M',
  'output-limit': 'O',
  'not-implemented': '○',
  skipped: '-',
  'compile-error': '✗',
  'internal-error': '?',
};

export function paint(c: Colors, status: CheckStatus, text: string): string {
  if (status === 'passed') return c.green(text);
  if (status === 'skipped' || status === 'not-implemented') return c.dim(text);
  if (status === 'internal-error') return c.magenta(text);
  if (status === 'failed' || status === 'compile-error') return c.red(text);
  return c.yellow(text);
}

function indent(text: string, spaces: number): string {
  return text
    .split('\n')
    .map((line) => ' '.repeat(spaces) + line)
    .join('\n');
}

function renderCheck(c: Colors, check: CheckResult, idWidth: number, previous: CheckResult | undefined): string[] {
  const hidden = check.visibility === 'hidden' ? c.dim(' (hidden)') : '';
  const head = `  ${paint(c, check.status, SYMBOLS[check.status])} ${check.id.padEnd(idWidth)}  ${formatCheckPoints(check).padStart(5)}  ${check.title}${hidden}`;
  const lines = [head];
  if (check.status === 'passed') return lines;
  // Five checks skipped for the same reason need the reason once, not five times.
  const isRepeat = previous !== undefined && previous.status === check.status && previous.message === check.message;
  lines.push(indent(paint(c, check.status, isRepeat ? `${check.status}: (as above)` : `${check.status}: ${check.message}`), 6));
  return lines;
}

export function renderReport(report: Report, c: Colors): string {
  const lines: string[] = [];
  lines.push(c.bold(`${report.submission}`) + c.dim(`  ${report.exercise} · ${report.backend} · ${(report.durationMs / 1000).toFixed(1)} s`));
  const idWidth = Math.max(...report.checks.map((check) => check.id.length), 10);
  for (const { part, checks, score, maxScore } of groupByPart(report.checks)) {
    lines.push(`  ${c.bold(part)} ${c.dim(formatPoints(score, maxScore))}`);
    checks.forEach((check, index) => lines.push(...renderCheck(c, check, idWidth, checks[index - 1]).map((line) => `  ${line}`)));
  }
  if (report.diagnostics.length > 0) {
    lines.push(`  ${c.bold('diagnostics')}`);
    for (const d of report.diagnostics.slice(0, 20)) {
      const text = `${d.file}:${d.line}:${d.column} ${d.severity}: ${d.message.split('\n')[0]}`;
      lines.push(`    ${d.severity === 'error' ? c.red(text) : c.yellow(text)}`);
    }
    if (report.diagnostics.length > 20) lines.push(c.dim(`    … and ${report.diagnostics.length - 20} more`));
  }
  if (report.sandbox.violations.length > 0) {
    lines.push(`  ${c.bold(c.magenta('sandbox violations (flagged for staff)'))}`);
    for (const v of report.sandbox.violations) lines.push(`    ${v.checkId ?? '(loading)'}: ${v.kind}: ${v.message}`);
  }
  const printed = report.output.trimEnd().split('\n').filter((line) => line.length > 0);
  if (printed.length > 0) {
    lines.push(`  ${c.bold('output')} ${c.dim('(what the code printed)')}`);
    // Quoted, so that a printed "30 passed, 0 failed" can never pass for the grader's own words.
    for (const line of printed.slice(0, 10)) lines.push(c.dim(`    │ ${line.slice(0, 160)}`));
    if (printed.length > 10) lines.push(c.dim(`    … ${printed.length - 10} more lines in --format json`));
  }
  const inactive = report.sandbox.layers.filter((layer) => !layer.isActive);
  for (const layer of inactive) lines.push(c.dim(`  sandbox layer not active: ${layer.name}: ${layer.detail}`));
  const percent = percentOf(report);
  const statusText = report.status === 'passed' ? c.green(report.status) : report.status === 'internal-error' ? c.magenta(report.status) : c.red(report.status);
  lines.push(`  ${c.bold('score')} ${formatPoints(report.score, report.maxScore)} (${percent}%)  ${statusText}`);
  const incomplete = describeIncomplete(report);
  if (incomplete) lines.push(`  ${c.magenta(incomplete)}`);
  return lines.join('\n');
}

function createTextReporter(options: ReporterOptions): Reporter {
  const c = pc.createColors(options.isColor);
  return {
    onReport(report) {
      options.write(`${renderReport(report, c)}\n\n`);
    },
    onFinish(reports) {
      if (reports.length < 2) return;
      const width = Math.max(...reports.map((r) => r.submission.length), 10);
      options.write(`${c.bold('Summary')}\n`);
      for (const r of reports) {
        const percent = percentOf(r);
        options.write(`  ${r.submission.padEnd(width)}  ${formatPoints(r.score, r.maxScore).padStart(7)}  ${String(percent).padStart(3)}%  ${r.status}${r.incomplete ? ' (incomplete)' : ''}\n`);
      }
    },
  };
}

export const textReporter: ReporterDefinition = {
  description: 'for people at a terminal: each check, its points, and what to fix',
  fileName: 'report.txt',
  audience: 'staff',
  create: createTextReporter,
};
