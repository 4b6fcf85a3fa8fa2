/**
 * What `autograde check` prints: a student's self-check, short, like check50. One line per visible
 * check, grouped by part; then the one next step, as grader/pipeline/next-step.ts decided it, with
 * the line to look at; then how many visible checks pass and how many hidden ones are still to
 * come. It never says that everything passed while hidden checks remain: those run only when the
 * work is submitted.
 *
 * Not a `--format`: it reads reports of the visible checks only, which only `check` produces.
 */
import { locationOf, type CheckResult, type NextStep, type Report, type SourceLocation, type WithheldChecks } from '../report/types.js';
import { groupByPart } from './report-summary.js';
import { paint, SYMBOLS, type Colors } from './text-reporter.js';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function formatNumber(value: number): string {
  return String(Number(value.toFixed(2)));
}

function where(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}

/** "3 hidden checks (4 points) are run when you submit."; empty when nothing is hidden. */
export function describeWithheld(withheld: WithheldChecks | undefined): string {
  if (!withheld || withheld.count === 0) return '';
  const points = `${formatNumber(withheld.points)} point${withheld.points === 1 ? '' : 's'}`;
  return `${plural(withheld.count, 'hidden check')} (${points}) ${withheld.count === 1 ? 'is' : 'are'} run when you submit.`;
}

/** How the checks that ran went, naming them "visible" when hidden ones were left out. */
export function describeVisible(report: Report): string {
  const noun = report.withheld && report.withheld.count > 0 ? 'visible check' : 'check';
  const total = report.checks.length;
  const passed = report.checks.filter((check) => check.status === 'passed').length;
  if (report.status === 'compile-error') return `None of the ${plural(total, noun)} could run.`;
  if (passed === total) return total === 1 ? `The one ${noun} passes.` : `All ${plural(total, noun)} pass.`;
  return `${passed} of ${plural(total, noun)} pass (${formatNumber(report.score)}/${formatNumber(report.maxScore)} points).`;
}

/** The closing line: the visible result, then the hidden checks still to come. */
export function describeOutcome(report: Report): string {
  return [describeVisible(report), describeWithheld(report.withheld)].filter((text) => text !== '').join(' ');
}

function tagOf(check: CheckResult): string {
  if (check.status === 'not-implemented') return 'not implemented yet';
  if (check.status === 'skipped') return 'waits for an earlier check';
  if (check.status === 'internal-error') return "the grader failed here, not your code";
  return '';
}

function renderChecks(report: Report, step: NextStep, c: Colors): string[] {
  const lines: string[] = [];
  const chosen = step.kind === 'check' ? step.check : null;
  for (const { part, checks } of groupByPart(report.checks)) {
    lines.push(c.bold(part));
    for (const check of checks) {
      const tag = check === chosen ? 'next step, below' : tagOf(check);
      lines.push(`  ${paint(c, check.status, SYMBOLS[check.status])} ${check.title}${tag ? c.dim(`  (${tag})`) : ''}`);
      // Why a wrong answer is wrong, under it; the chosen one is told in full below.
      if (check !== chosen && tag === '' && check.status !== 'passed') lines.push(`      ${paint(c, check.status, check.message)}`);
    }
  }
  return lines;
}

function renderNextStep(step: NextStep, c: Colors): string[] {
  switch (step.kind) {
    case 'none':
      return [];
    case 'compile-error': {
      const lines = [c.bold('Next step: make the file compile')];
      lines.push(`  ${c.red(step.location ? `${where(step.location)}  ${step.message.split('\n')[0]}` : step.message)}`);
      if (step.otherErrors > 0) lines.push(c.dim(`  (and ${plural(step.otherErrors, 'more error')}: run the check again once this one is fixed)`));
      return lines;
    }
    case 'grader-failed':
      return [
        c.bold(c.magenta('The grader failed on a check; that is not your code\'s fault. Please tell your instructor:')),
        `  ${step.check.title}: ${step.check.message}`,
      ];
    case 'check': {
      const { check, todo, functions } = step;
      const names = functions.join(', ');
      const what = todo && names ? `${todo} in ${names}` : (todo ?? names);
      const lines = [c.bold(`Next step: ${what ? `${what} (part ${check.part})` : `part ${check.part}`}`)];
      lines.push(`  ${paint(c, check.status, SYMBOLS[check.status])} ${check.title}`);
      lines.push(`    ${paint(c, check.status, check.message)}`);
      // An error's message already names its line; a TODO's does not.
      const location = locationOf(check);
      if (location && !check.message.includes(where(location))) lines.push(`    ${c.dim('at')} ${where(location)}`);
      return lines;
    }
  }
}

/**
 * Which of the sandbox's layers this machine gave the run: a student's laptop may lack bubblewrap,
 * prlimit or /proc, and the self-check runs with what there is rather than refuse.
 */
function describeLayers(report: Report): string | null {
  const { layers } = report.sandbox;
  if (layers.length === 0) return null;
  const missing = layers.filter((layer) => !layer.isActive).map((layer) => layer.name);
  return missing.length === 0 ? `sandbox: all ${layers.length} layers active` : `sandbox: ${layers.length - missing.length} of ${layers.length} layers active; not on this system: ${missing.join(', ')}`;
}

export function renderSelfCheck(report: Report, step: NextStep, c: Colors): string {
  const layers = describeLayers(report);
  const lines = [c.bold(report.submission) + c.dim(`  ${report.exercise} · ${report.backend} · ${(report.durationMs / 1000).toFixed(1)} s`), ...(layers ? [c.dim(layers)] : []), ''];
  if (report.status === 'compile-error') lines.push('Your file does not compile yet, so no check could run.');
  else lines.push(...renderChecks(report, step, c));
  const next = renderNextStep(step, c);
  if (next.length > 0) lines.push('', ...next);
  const warnings = report.diagnostics.filter((d) => d.severity === 'warning');
  if (report.status !== 'compile-error' && warnings.length > 0) {
    lines.push('', c.bold('Type warnings') + c.dim(' (your code still runs)'));
    for (const d of warnings.slice(0, 3)) lines.push(c.yellow(`  ${where(d)}  ${d.message.split('\n')[0]}`));
    if (warnings.length > 3) lines.push(c.dim(`  … and ${warnings.length - 3} more`));
  }
  // The grader's own failures never cost points, but the student should know a result is missing.
  const broken = report.checks.filter((check) => check.status === 'internal-error');
  if (broken.length > 0 && step.kind !== 'grader-failed') {
    lines.push('', c.magenta(`The grader failed on ${plural(broken.length, 'check')}; that is not your code's fault. Please tell your instructor.`));
  }
  lines.push('', describeOutcome(report));
  for (const id of report.withheld?.dependents ?? []) {
    const check = report.checks.find((candidate) => candidate.id === id);
    if (check) lines.push(c.dim(`When you submit, "${check.title}" also needs a hidden check to pass.`));
  }
  return `${lines.join('\n')}\n`;
}
