/**
 * The grader's own failures are never the student's. Here the grader's cache of the reference's
 * answers is damaged (it holds none of them), so no runtime check can be judged: each is left
 * unscored, out of the score and the maximum both, with the checks that need them, and the grade
 * is marked incomplete: in the report, in grades.csv, in the summary, and in the exit status.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { DIST_DIR, PROJECT_ROOT } from '../../grader/paths.js';
import type { Report } from '../../grader/report/types.js';
import { readGradesCsv } from '../../grader/batch/gradebook.js';
import { runCli } from '../support/run-cli.js';
import { writeShortLimitsRubric } from '../support/short-limits-rubric.js';
import type { BatchSummary } from '../../grader/report/class-summary.js';

/** A reference cache, under its own folder, whose entry for a full grading run holds no answers. */
async function damagedCache(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-damaged-cache-'));
  const previous = process.env.AUTOGRADE_CACHE_DIR;
  process.env.AUTOGRADE_CACHE_DIR = dir;
  try {
    // From the built grader, which the CLI runs: the key covers the probes' source as built.
    const { loadExercise } = (await import(path.join(DIST_DIR, 'grader', 'exercise', 'load-exercise.js'))) as typeof import('../../grader/exercise/load-exercise.js');
    const { referenceCacheDir, referenceCacheKey } = (await import(path.join(DIST_DIR, 'grader', 'reference', 'reference-outputs.js'))) as typeof import('../../grader/reference/reference-outputs.js');
    const exercise = await loadExercise('qkv-projection', RUBRIC);
    const source = fs.readFileSync(exercise.solutionPath, 'utf8');
    const key = referenceCacheKey(exercise, source, { request: { name: 'cpu' }, label: 'cpu' }, [...exercise.rubric.checks.keys()]);
    const file = path.join(referenceCacheDir(), `qkv-projection-${key}.bin`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, v8.serialize({}));
  } finally {
    if (previous === undefined) delete process.env.AUTOGRADE_CACHE_DIR;
    else process.env.AUTOGRADE_CACHE_DIR = previous;
  }
  return dir;
}

const RUBRIC = writeShortLimitsRubric('qkv-projection');
const SOLUTION_DIR = path.join('solutions', 'qkv-projection');

describe('a fault of the grader', () => {
  it('is not scored: out of score and maximum, the report incomplete, exit 3', async () => {
    const result = await runCli(['grade', SOLUTION_DIR, '--backend', 'cpu', '--format', 'json', '--rubric', RUBRIC], { env: { AUTOGRADE_CACHE_DIR: await damagedCache() } });
    expect(result.exitCode).toBe(3);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.status).toBe('internal-error');
    const unscored = report.checks.filter((check) => check.status === 'internal-error');
    expect(unscored.length).toBe(report.checks.length);
    expect(report.incomplete).toEqual({ checks: unscored.map((check) => check.id), points: 32 });
    expect({ score: report.score, maxScore: report.maxScore }).toEqual({ score: 0, maxScore: 0 });
    // Each says why; a check that needed one says it was not scored either.
    expect(unscored[0].message).toContain('The reference has no output');
    expect(unscored.find((check) => check.id === 'projection.distinct')?.message).toContain('which the grader failed to judge');
  });

  it('flags the student in a batch, lists them in the summary, exits 3, and is graded again on --resume', async () => {
    const classDir = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-faults-'));
    fs.mkdirSync(path.join(classDir, 'ada'));
    fs.copyFileSync(path.join(PROJECT_ROOT, 'tests', 'fixtures', 'qkv-projection', 'pass', 'alternative', 'qkv-projection.ts'), path.join(classDir, 'ada', 'qkv-projection.ts'));
    const out = path.join(classDir, 'out');
    const cache = await damagedCache();
    const starved = await runCli(['batch', classDir, '--out', out, '--backend', 'cpu', '--rubric', RUBRIC, '--quiet'], { env: { AUTOGRADE_CACHE_DIR: cache } });
    expect(starved.exitCode).toBe(3);
    expect(starved.stderr).toContain('ada: incomplete');
    const [row] = readGradesCsv(fs.readFileSync(path.join(out, 'grades.csv'), 'utf8'));
    expect(row).toMatchObject({ student: 'ada', status: 'internal-error', incomplete: '24', max_score: '0' });
    const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as BatchSummary;
    expect(summary.incomplete).toEqual([expect.objectContaining({ student: 'ada', points: 32 })]);
    expect(fs.readFileSync(path.join(out, 'summary.html'), 'utf8')).toContain('Incomplete grades (1)');
    // With the cache mended, --resume grades the incomplete student again instead of keeping the report.
    fs.rmSync(cache, { recursive: true, force: true });
    const resumed = await runCli(['batch', classDir, '--out', out, '--backend', 'cpu', '--rubric', RUBRIC, '--resume', '--quiet'], { env: { AUTOGRADE_CACHE_DIR: cache } });
    expect(resumed.exitCode).toBe(0);
    expect(readGradesCsv(fs.readFileSync(path.join(out, 'grades.csv'), 'utf8'))[0]).toMatchObject({ status: 'passed', score: '32', incomplete: '0' });
  });
});
