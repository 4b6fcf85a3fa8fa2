/**
 * results.json checked field by field against Gradescope's specification
 * (https://gradescope-autograders.readthedocs.io/en/latest/specs/), for every saved real report.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GraderError } from '../../../grader/errors.js';
import type { Report } from '../../../grader/report/types.js';
import type { GradescopeResults } from '../../../grader/reporters/gradescope-reporter.js';
import { renderReports } from '../../../grader/reporters/index.js';
import { isWithheld, WITHHELD_MESSAGE } from '../../../grader/reporters/student-view.js';
import { expectValidResults } from '../../support/gradescope-spec.js';
import { caseName, EXPECTED_CASES, EXPECTED_DIR, loadAllReports, loadReport, withInternalError } from '../../support/report-fixtures.js';

async function render(reports: Report[]): Promise<GradescopeResults> {
  return JSON.parse(await renderReports('gradescope', reports, { isColor: false, env: {} })) as GradescopeResults;
}

describe('gradescope reporter', () => {
  it.each(loadAllReports())('writes a results.json that follows the specification for $name', async ({ report }) => {
    const results = await render([report]);
    expectValidResults(results);
    expect(results.score).toBe(report.score);
    expect(results.tests.reduce((sum, test) => sum + test.max_score, 0)).toBeCloseTo(report.maxScore, 9);
    // Seconds to the hundredth: never more than half a hundredth from the report's milliseconds.
    expect(Math.abs(results.execution_time - report.durationMs / 1000)).toBeLessThanOrEqual(0.005 + 1e-9);
    expect(results.tests).toHaveLength(report.checks.length);
    results.tests.forEach((test, index) => {
      const check = report.checks[index];
      expect(test.extra_data.id).toBe(check.id);
      expect(test.name).toContain(check.title);
      expect(test.status).toBe(check.status === 'passed' ? 'passed' : 'failed');
      // hidden → after_due_date: graded now, shown once resubmitting is over.
      expect(test.visibility).toBe(check.visibility === 'hidden' ? 'after_due_date' : 'visible');
    });
    // A check that did not pass says why, or that what it found is withheld.
    const notPassed = report.checks.flatMap((check, index) => (check.status === 'passed' ? [] : [{ check, test: results.tests[index] }]));
    for (const { check, test } of notPassed) expect(test.output, check.id).toContain(isWithheld(check) ? WITHHELD_MESSAGE : check.message);
  });

  it('numbers tests part.check in rubric order', async () => {
    const results = await render([loadReport('fail/bias')]);
    expect(results.tests.slice(0, 6).map((test) => `${test.number} ${test.extra_data.id}`)).toEqual([
      '1.1 projection.shape-3d',
      '1.2 projection.shape-2d',
      '1.3 projection.distinct',
      '1.4 projection.no-bias',
      '1.5 projection.matches-reference',
      '2.1 manual.notebook-mat',
    ]);
  });

  it('keeps student text from being rendered: every output and name is plain text', async () => {
    const results = await render([loadReport('hostile/prints-fake-results')]);
    expect([results.output_format, results.test_output_format, results.test_name_format]).toEqual(['text', 'text', 'text']);
    expect(results.stdout_visibility).toBe('hidden');
  });

  it('puts the expected and actual values in the output of a failed test', async () => {
    const results = await render([loadReport('fail/cosine-unnormalised')]);
    const diagonal = results.tests.find((test) => test.extra_data.id === 'similarity.unit-diagonal')!;
    expect(diagonal.output).toContain('value at [0, 0]: expected 1, got 0.755025');
    expect(diagonal.output).toContain('largest absolute difference: 0.244975');
  });

  it('withholds what the code printed while some tests are hidden, and shows it when none are', async () => {
    const report = loadReport('hostile/prints-fake-results');
    const hidden = await render([report]);
    expect(hidden.output).not.toContain('30 passed, 0 failed');
    expect(hidden.output).toContain('What your code printed is not shown');
    const allVisible: Report = { ...report, checks: report.checks.map((check) => ({ ...check, visibility: 'visible' })) };
    expect((await render([allVisible])).output).toContain('What your code printed:\n{"score":30,"maxScore":30,"status":"passed"}\n30 passed, 0 failed');
  });

  it('says clearly at the top that a file does not compile, and where', async () => {
    const results = await render([loadReport('fail/syntax-error')]);
    expectValidResults(results);
    expect(results.score).toBe(0);
    expect(results.output).toContain("Your file does not compile, so none of its code could run. Fix these errors and submit again:\n  tests/fixtures/qkv-projection/fail/syntax-error/qkv-projection.ts:62:45 ')' expected.");
  });

  it('says at the top that a grader failure is not the student\'s fault', async () => {
    const results = await render([withInternalError(loadReport('fail/bias'))]);
    expectValidResults(results);
    expect(results.output).toContain('The grader itself failed on 1 check: this is not a fault in your code');
    const losses = results.tests.find((test) => test.extra_data.id === 'training.losses')!;
    // Out of the maximum, as scoring leaves every check the grader failed to judge.
    expect(losses).toMatchObject({ status: 'failed', score: 0, max_score: 0, extra_data: { status: 'internal-error' } });
    expect(losses.output).toContain('ENOSPC');
  });

  it('still writes a valid results.json when nothing could be graded', async () => {
    const results = await render([]);
    expectValidResults(results);
    expect(results).toMatchObject({ score: 0, tests: [] });
    expect(results.output).toContain('No submission was graded');
  });

  it('refuses several submissions, naming batch as the way to get one file per student', async () => {
    const rendering = render([loadReport('fail/bias'), loadReport('pass/alternative')]);
    await expect(rendering).rejects.toThrow(GraderError);
    await expect(rendering).rejects.toThrow(/got 2.*autograde batch --format gradescope/s);
  });

  it.each(EXPECTED_CASES)('writes the saved results.json for %s', async (fixture) => {
    const text = await renderReports('gradescope', [loadReport(fixture)], { isColor: false, env: {} });
    await expect(text).toMatchFileSnapshot(path.join(EXPECTED_DIR, caseName(fixture), 'results.json'));
  });
});
