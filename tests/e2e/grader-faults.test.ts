/**
 * The grader's own failures are never the student's: a runner that cannot start (here, a rubric
 * whose memory limit is below what node and tfjs need to load) leaves every check it would have
 * run unscored, out of the score and the maximum both, and the grade marked incomplete: in the
 * report, in grades.csv, in the summary, and in the exit status.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../grader/paths.js';
import type { Report } from '../../grader/report/types.js';
import type { BatchSummary } from '../../grader/batch/gradebook.js';
import { readGradesCsv } from '../../grader/batch/gradebook.js';
import { runCli } from '../support/run-cli.js';
import { writeShortLimitsRubric } from '../support/short-limits-rubric.js';

/** The shipped rubric, with too little memory for the sandbox's runner to load tfjs at all. */
function starvedRubric(): string {
  const file = writeShortLimitsRubric('qkv-projection');
  const doc = parseDocument(fs.readFileSync(file, 'utf8'));
  doc.setIn(['limits', 'memoryMb'], 64);
  fs.writeFileSync(file, doc.toString());
  return file;
}

const SOLUTION_DIR = path.join('solutions', 'qkv-projection');

describe('a fault of the grader', () => {
  it('is not scored: out of score and maximum, the report incomplete, exit 3', async () => {
    const result = await runCli(['grade', SOLUTION_DIR, '--backend', 'cpu', '--format', 'json', '--rubric', starvedRubric()]);
    expect(result.exitCode).toBe(3);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.status).toBe('internal-error');
    const unscored = report.checks.filter((check) => check.status === 'internal-error');
    expect(unscored.length).toBe(report.checks.length);
    expect(report.incomplete).toEqual({ checks: unscored.map((check) => check.id), points: 32 });
    expect({ score: report.score, maxScore: report.maxScore }).toEqual({ score: 0, maxScore: 0 });
    // Not the student's doing, and said so: not "your file ended the process".
    expect(unscored[0].message).toContain("the fault is the grader's");
    expect(unscored[0].message).not.toMatch(/Remove process\.exit|Your file ended/);
  });

  it('flags the student in a batch, lists them in the summary, exits 3, and is graded again on --resume', async () => {
    const classDir = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-faults-'));
    fs.mkdirSync(path.join(classDir, 'ada'));
    fs.copyFileSync(path.join(PROJECT_ROOT, 'tests', 'fixtures', 'qkv-projection', 'pass', 'alternative', 'qkv-projection.ts'), path.join(classDir, 'ada', 'qkv-projection.ts'));
    const out = path.join(classDir, 'out');
    const starved = await runCli(['batch', classDir, '--out', out, '--backend', 'cpu', '--rubric', starvedRubric(), '--quiet']);
    expect(starved.exitCode).toBe(3);
    expect(starved.stderr).toContain('ada: incomplete');
    const [row] = readGradesCsv(fs.readFileSync(path.join(out, 'grades.csv'), 'utf8'));
    expect(row).toMatchObject({ student: 'ada', status: 'internal-error', incomplete: '24', max_score: '0' });
    const summary = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'), 'utf8')) as BatchSummary;
    expect(summary.incomplete).toEqual([expect.objectContaining({ student: 'ada', points: 32 })]);
    expect(fs.readFileSync(path.join(out, 'summary.html'), 'utf8')).toContain('Incomplete grades (1)');
    // With the limit right again, --resume grades the incomplete student again instead of keeping the report.
    const resumed = await runCli(['batch', classDir, '--out', out, '--backend', 'cpu', '--rubric', writeShortLimitsRubric('qkv-projection'), '--resume', '--quiet']);
    expect(resumed.exitCode).toBe(0);
    expect(readGradesCsv(fs.readFileSync(path.join(out, 'grades.csv'), 'utf8'))[0]).toMatchObject({ status: 'passed', score: '32', incomplete: '0' });
  });
});
