/** The text `autograde validate` prints: it formats an ExerciseValidation and decides nothing. */
import type { ExerciseValidation, KillRate, MutantResult, RunSummary } from './validate-exercise.js';

function percent(part: number, whole: number): string {
  return `${((100 * part) / whole).toFixed(1)}%`;
}

/** The line the report is read for, and tests look for: `Kill rate: 55 of 60 mutants that compiled (91.7%); …`. */
export function describeKillRate(rate: KillRate): string {
  const compiled = rate.killed + rate.survived;
  if (compiled === 0) return rate.compileErrors > 0 ? `Kill rate: no mutant compiled (the compiler caught all ${rate.compileErrors})` : 'Kill rate: no mutant was graded';
  const head = `Kill rate: ${rate.killed} of ${compiled} mutants that compiled (${percent(rate.killed, compiled)})`;
  if (rate.compileErrors === 0) return `${head}; none failed to compile`;
  const all = compiled + rate.compileErrors;
  return `${head}; the compiler caught ${rate.compileErrors} more: ${rate.killed + rate.compileErrors} of ${all} caught (${percent(rate.killed + rate.compileErrors, all)})`;
}

function countStatuses(run: RunSummary): string {
  const counts = new Map<string, number>();
  for (const check of run.checks) counts.set(check.status, (counts.get(check.status) ?? 0) + 1);
  return [...counts].map(([status, count]) => `${count} ${status}`).join(', ');
}

function indent(text: string, prefix: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}

function renderSurvivor(result: MutantResult, solutionPath: string): string[] {
  if (result.outcome.kind !== 'survived') return [];
  const { mutant, outcome, checksCallingFunction } = result;
  const fn = mutant.functionName.split('.')[0];
  const calling = checksCallingFunction.filter((id) => outcome.passedChecks.includes(id));
  const lines = [
    `  ${mutant.id}  ${solutionPath}:${mutant.line}`,
    `    ${mutant.description}`,
    `    passed all ${outcome.passedChecks.length} checks; those that call ${fn}: ${calling.join(', ') || 'none'}`,
    outcome.acknowledgement ? `    acknowledged: ${outcome.acknowledgement.reason}` : '    NOT ACKNOWLEDGED',
    indent(mutant.diff.split('\n').slice(2).join('\n'), '      '),
  ];
  return lines;
}

export function renderValidation(validation: ExerciseValidation, options: { isVerbose?: boolean } = {}): string {
  const out: string[] = [];
  out.push(`${validation.exercise}: ${validation.isSound ? 'sound' : 'NOT SOUND'} (${(validation.durationMs / 1000).toFixed(1)} s)`, '');

  out.push(`Solution  ${validation.solutionPath}`);
  const width = Math.max(...validation.backends.map((b) => b.backend.length));
  for (const backend of validation.backends) {
    const name = backend.backend.padEnd(width);
    if (backend.kind === 'unavailable') {
      out.push(`  ${name}  not available: ${backend.reason}`);
      continue;
    }
    const scores = backend.runs.map((run) => `${run.score}/${run.maxScore}`).join(' and ');
    out.push(`  ${name}  ${scores}${backend.problems.length === 0 ? ', the same verdicts and messages both times' : ': see the problems below'}`);
  }

  const { skeleton } = validation;
  out.push('', `Skeleton  ${skeleton.path}`);
  const run = skeleton.run;
  out.push(
    `  ${skeleton.isUpToDate ? 'what the solution generates' : 'NOT what the solution generates'}` +
      (run ? `; ${run.score}/${run.maxScore}: ${countStatuses(run)}; ${run.diagnostics.length === 0 ? 'no type errors' : `${run.diagnostics.length} type errors`}` : ''),
  );
  if (skeleton.diff) out.push(indent(skeleton.diff, '    '));

  const { mutants } = validation;
  const found = mutants.operators.reduce((sum, o) => sum + o.found, 0);
  const limits = Object.values(mutants.timeLimits);
  const limitText = limits.length > 0 ? `; check time limits ${(Math.min(...limits) / 1000).toFixed(1)}–${(Math.max(...limits) / 1000).toFixed(1)} s` : '';
  out.push('', `Mutants  ${mutants.results.length} graded of ${found} found (at most ${mutants.maxPerOperator} per operator), on ${mutants.backend}${limitText}`);
  const header = ['operator', 'found', 'graded', 'killed', 'survived', 'compile-error'];
  const rows = mutants.operators.map((o) => {
    const of = mutants.results.filter((r) => r.mutant.operator === o.operator);
    const count = (kind: string) => of.filter((r) => r.outcome.kind === kind).length;
    return [o.operator, o.found, o.kept, count('killed'), count('survived'), count('compile-error')].map(String);
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const format = (row: string[]) => `  ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ')}`;
  out.push(format(header), ...rows.map(format));
  out.push('', describeKillRate(mutants.killRate));

  const survivors = mutants.results.filter((r) => r.outcome.kind === 'survived');
  const acknowledged = survivors.filter((r) => r.outcome.kind === 'survived' && r.outcome.acknowledgement !== null).length;
  out.push('', `Surviving mutants: ${survivors.length === 0 ? 'none' : `${survivors.length} (${acknowledged} acknowledged)`}`);
  for (const survivor of survivors) out.push(...renderSurvivor(survivor, validation.solutionPath));

  const compileErrors = mutants.results.filter((r) => r.outcome.kind === 'compile-error');
  if (compileErrors.length > 0) {
    out.push('', `Caught by the compiler: ${compileErrors.length}`);
    for (const result of compileErrors) out.push(`  ${result.mutant.id}  line ${result.mutant.line}  ${result.mutant.description}`);
  }
  if (options.isVerbose) {
    out.push('', 'Caught by a check:');
    for (const result of mutants.results) {
      if (result.outcome.kind !== 'killed') continue;
      const by = result.outcome.failedChecks.map((c) => `${c.id} (${c.status})`);
      out.push(`  ${result.mutant.id}  line ${result.mutant.line}  ${result.mutant.description}`, `    ${result.outcome.score}/${result.outcome.maxScore}; ${by.slice(0, 4).join(', ')}${by.length > 4 ? `, and ${by.length - 4} more` : ''}`);
    }
  }

  if (validation.problems.length > 0) {
    out.push('', 'Problems:');
    for (const problem of validation.problems) out.push(`  - ${problem}`);
  }
  if (validation.notes.length > 0) {
    out.push('', 'Notes:');
    for (const note of validation.notes) out.push(`  - ${note}`);
  }
  return `${out.join('\n')}\n`;
}
