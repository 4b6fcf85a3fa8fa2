/**
 * The rubric mutants are graded under: the exercise's own, with each check's time limit cut to a
 * few times what the solution needed. A mutant may loop forever (a bound that never ends a loop),
 * and every such check would otherwise wait out the rubric's full limit, which is sized for slow
 * student machines, not for proving an exercise.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { Report } from '../report/types.js';
import type { Rubric } from '../rubric/index.js';

/** A check gets at least this long: starting a fresh sandbox after a crash is part of its time. */
const MIN_LIMIT_MS = 3000;
/** Generous over the solution's time: mutants are graded two at a time, on a busy machine. */
const SLOWDOWN_ALLOWED = 5;
const MARGIN_MS = 2000;

/** Each check's limit for mutants, from the solution's slowest run of it; never above the rubric's. */
export function mutantTimeLimits(rubric: Rubric, solutionRuns: readonly Report[]): Map<string, number> {
  const limits = new Map<string, number>();
  for (const [id, check] of rubric.checks) {
    const solutionMs = Math.max(0, ...solutionRuns.map((run) => run.checks.find((c) => c.id === id)?.durationMs ?? 0));
    const limit = Math.max(MIN_LIMIT_MS, SLOWDOWN_ALLOWED * solutionMs + MARGIN_MS);
    limits.set(id, Math.min(check.timeLimitMs, Math.ceil(limit / 100) * 100));
  }
  return limits;
}

/** Writes the rubric with these limits into `dir` and returns its path. */
export function writeMutantRubric(rubricPath: string, limits: ReadonlyMap<string, number>, dir: string): string {
  const doc = parseDocument(fs.readFileSync(rubricPath, 'utf8'));
  for (const [id, limitMs] of limits) doc.setIn(['checks', id, 'timeLimitMs'], limitMs);
  const file = path.join(dir, path.basename(rubricPath));
  fs.writeFileSync(file, doc.toString());
  return file;
}
