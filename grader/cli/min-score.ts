/** `--min-score 24` (points) or `--min-score 80%` (of the maximum). */
import { UsageError } from '../errors.js';
import type { Report } from '../report/types.js';

export type MinScore = { kind: 'points'; value: number } | { kind: 'percent'; value: number };

export function parseMinScore(text: string): MinScore {
  const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(text.trim());
  if (!match) throw new UsageError(`Expected --min-score to be a number of points (24) or a percentage (80%), got \`${text}\``);
  const value = Number(match[1]);
  if (match[2] === '%') {
    if (value > 100) throw new UsageError(`Expected --min-score as a percentage to be at most 100%, got \`${text}\``);
    return { kind: 'percent', value };
  }
  return { kind: 'points', value };
}

export function meetsMinScore(report: Report, min: MinScore): boolean {
  if (min.kind === 'points') return report.score >= min.value;
  return report.maxScore > 0 && (100 * report.score) / report.maxScore >= min.value;
}
