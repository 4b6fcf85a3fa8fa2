/**
 * One policy for what students read: a hidden check's expected and actual values and their
 * difference appear in no format a student reads. Each format is rendered through the registry, as
 * the CLI and a batch render it, from a report whose failing hidden check carries a value found
 * nowhere else, in its message and its difference; the output is searched for that value.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { CheckStatus, Report } from '../../../grader/report/types.js';
import { REPORTERS, renderReports, type ReporterName } from '../../../grader/reporters/index.js';
import { checkForStudents, isForStudents, isWithheld, reportForStudents, WITHHELD_MESSAGE } from '../../../grader/reporters/student-view.js';
import { makeCheck, makeReport } from '../../support/make-report.js';

/** Found nowhere in a report but in the hidden check's verdict. */
const EXPECTED = 8675.309;
const ACTUAL = -4172.5813;
/** How each value may be printed: as is, or to a few digits. */
const SPELLINGS = ['8675.309', '8675.31', '8675.3', '8.675e+3', '8.675e3', '4172.5813', '4172.58', '4172.6', '4.173e+3', '12847.89'];

function reportWithHiddenFailure(): Report {
  return makeReport(
    [
      makeCheck('projection.shape', { title: 'The shape' }),
      makeCheck('projection.values', {
        title: 'The values, with loaded kernels',
        status: 'failed',
        visibility: 'hidden',
        message: `The largest absolute difference from the expected values is 12847.8903 at index [0, 2] (expected ${EXPECTED}, got ${ACTUAL}).`,
        difference: { expectedShape: [2, 3], actualShape: [2, 3], at: [0, 2], expectedValue: EXPECTED, actualValue: ACTUAL, maxAbsDiff: EXPECTED - ACTUAL, hasNaN: false, hasInfinity: false },
      }),
      makeCheck('projection.later', { title: 'A hidden check that threw', status: 'error', visibility: 'hidden', message: `Your code threw Error: ${EXPECTED} is not a shape (at qkv-projection.ts:12:3).` }),
      makeCheck('projection.visible', { status: 'failed', message: 'A visible failure: expected 1, got 2.', difference: { at: [0], expectedValue: 1, actualValue: 2, maxAbsDiff: 1 } }),
    ],
    { submission: 'students/ada/qkv-projection.ts' },
  );
}

const STUDENT_FORMATS = (Object.keys(REPORTERS) as ReporterName[]).filter((name) => REPORTERS[name].audience === 'students');

/**
 * Everything the format puts anywhere: what it writes, and for github also the annotations on stdout
 * and the job summary appended to the file GITHUB_STEP_SUMMARY names.
 */
async function render(name: ReporterName, isBatchFeedback: boolean): Promise<string> {
  const stepSummary = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-student-view-')), 'summary.md');
  const printed: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed.push(String(chunk));
    return true;
  });
  try {
    const written = await renderReports(name, [reportWithHiddenFailure()], { isColor: false, env: { GITHUB_STEP_SUMMARY: stepSummary }, isBatchFeedback });
    const summary = fs.existsSync(stepSummary) ? fs.readFileSync(stepSummary, 'utf8') : '';
    return [written, printed.join(''), summary].join('\n');
  } finally {
    spy.mockRestore();
  }
}

describe('what students read of a hidden check', () => {
  it('is decided for the formats a student reads: html, markdown, gradescope, junit and github', () => {
    expect(STUDENT_FORMATS.sort()).toEqual(['github', 'gradescope', 'html', 'junit', 'markdown']);
    expect(isForStudents(REPORTERS.text, {})).toBe(false);
    expect(isForStudents(REPORTERS.json, {})).toBe(false);
    expect(isForStudents(REPORTERS.text, { isBatchFeedback: true })).toBe(true);
  });

  it('reads github\'s annotations on stdout too, so that what github prints is searched with the rest', async () => {
    expect(await render('github', false)).toContain('::error title=projection.values');
  });

  it.each(STUDENT_FORMATS)('%s shows its title, status and points, but not what it expected or what came back', async (name) => {
    const output = await render(name, false);
    for (const spelling of SPELLINGS) expect(output, `${name} shows ${spelling}`).not.toContain(spelling);
    expect(output).toContain('The values, with loaded kernels');
    expect(output).toContain('This check is hidden');
    // The visible failure is told in full: only the hidden verdict is withheld.
    expect(output).toContain('A visible failure: expected 1, got 2.');
  });

  it.each(Object.keys(REPORTERS) as ReporterName[])("%s, written as a student's feedback file in a batch, withholds it too", async (name) => {
    const output = await render(name, true);
    for (const spelling of SPELLINGS) expect(output, `${name} shows ${spelling}`).not.toContain(spelling);
  });

  it('leaves text and json whole for staff', async () => {
    for (const name of ['text', 'json'] as const) expect(await render(name, false)).toContain('8675.309');
  });

  it('withholds verdicts, never what the grader says without judging', () => {
    const check = (status: CheckStatus) => makeCheck('a.b', { status, visibility: 'hidden', message: 'm' });
    expect((['passed', 'failed', 'error'] as const).map((status) => isWithheld(check(status)))).toEqual([true, true, true]);
    expect((['skipped', 'timeout', 'memory', 'not-implemented', 'internal-error'] as const).map((status) => isWithheld(check(status)))).toEqual([false, false, false, false, false]);
    expect(isWithheld(makeCheck('a.b', { status: 'failed', message: 'm' }))).toBe(false);
    const skipped = check('skipped');
    expect(checkForStudents(skipped)).toBe(skipped);
  });

  it('keeps the points and the line of the student\'s file, and drops the difference', () => {
    const report = reportForStudents(reportWithHiddenFailure());
    const values = report.checks.find((c) => c.id === 'projection.values')!;
    expect(values).toMatchObject({ status: 'failed', score: 0, maxScore: 1, visibility: 'hidden', message: WITHHELD_MESSAGE });
    expect('difference' in values).toBe(false);
    expect(report.score).toBe(reportWithHiddenFailure().score);
  });
});
