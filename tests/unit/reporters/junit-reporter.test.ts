/**
 * junit.xml from real reports: one suite per part, each status where CI dashboards expect it, and
 * the saved expected files. That the same files are valid against Jenkins' JUnit schema is checked
 * with xmllint, a process of its own, in tests/integration/reporters/junit-schema.test.ts.
 */
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { CheckStatus, Report } from '../../../grader/report/types.js';
import { renderReports } from '../../../grader/reporters/index.js';
import { caseName, EXPECTED_CASES, EXPECTED_DIR, loadAllReports, loadReport, withInternalError } from '../../support/report-fixtures.js';

interface Element {
  [key: string]: unknown;
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) });

function render(reports: Report[]): Promise<string> {
  return renderReports('junit', reports, { isColor: false, env: {} });
}

function suitesOf(xml: string): Element[] {
  return (parser.parse(xml) as { testsuites: { testsuite: Element[] } }).testsuites.testsuite;
}

/** The child a status must give a testcase: none for passed. */
const EXPECTED_CHILD: Record<CheckStatus, string | null> = {
  passed: null,
  failed: 'failure',
  error: 'error',
  timeout: 'error',
  memory: 'error',
  'output-limit': 'error',
  'compile-error': 'error',
  'internal-error': 'error',
  'not-implemented': 'skipped',
  skipped: 'skipped',
};

describe('junit reporter', () => {
  it.each([...loadAllReports(), { name: 'internal-error', report: withInternalError(loadReport('fail/bias')) }])('writes junit.xml for $name: a suite per part, a testcase per check', async ({ report }) => {
    const xml = await render([report]);
    const suites = suitesOf(xml);
    const parts = [...new Set(report.checks.map((check) => check.part))];
    expect(suites.map((suite) => suite.name)).toEqual(parts);
    const testcases = suites.flatMap((suite) => suite.testcase as Element[]);
    expect(testcases).toHaveLength(report.checks.length);
    testcases.forEach((testcase, index) => {
      const check = report.checks[index];
      expect(testcase.classname).toBe(check.part);
      expect(testcase.name).toBe(`${check.id}: ${check.title}`);
      expect(testcase.time).toBe((check.durationMs / 1000).toFixed(3));
      // The one child its status gives it, of type the status; none for passed.
      const child = EXPECTED_CHILD[check.status];
      const children = Object.fromEntries(['failure', 'error', 'skipped'].filter((kind) => kind in testcase).map((kind) => [kind, (testcase[kind] as Element).type]));
      expect(children, check.id).toEqual(child ? { [child]: check.status } : {});
    });
    for (const suite of suites) {
      const cases = suite.testcase as Element[];
      const count = (kind: string): number => cases.filter((testcase) => kind in testcase).length;
      expect([suite.tests, suite.failures, suite.errors, suite.skipped]).toEqual([String(cases.length), String(count('failure')), String(count('error')), String(count('skipped'))]);
    }
    const totals = (parser.parse(xml) as { testsuites: Element }).testsuites;
    expect(totals.tests).toBe(String(report.checks.length));
    expect(totals.time).toBe((report.durationMs / 1000).toFixed(3));
  });

  it('gives a failure the message, the expected and actual values, and the points', async () => {
    const suites = suitesOf(await render([loadReport('fail/cosine-unnormalised')]));
    const similarity = suites.find((suite) => suite.name === 'similarity')!;
    const diagonal = (similarity.testcase as Element[]).find((testcase) => String(testcase.name).startsWith('similarity.unit-diagonal'))!;
    const failure = diagonal.failure as Element;
    expect(failure.message).toMatch(/^The diagonal should be 1/);
    expect(failure['#text']).toContain('value at [0, 0]: expected 1, got 0.755025');
    expect(failure['#text']).toContain('failed: wrong result; 0/1 points');
  });

  it("keeps a hidden check's verdict out, and its skip reason in", async () => {
    const shared = suitesOf(await render([loadReport('fail/shared-layer')]))[0].testcase as Element[];
    const hidden = shared.find((testcase) => String(testcase.name).startsWith('projection.matches-reference'))!;
    expect((hidden.failure as Element).message).toBe('This check is hidden: what it expected and what came back are not shown.');
    expect(JSON.stringify(hidden)).not.toContain('2.4243');
    const bias = suitesOf(await render([loadReport('fail/bias')]))[0].testcase as Element[];
    const skipped = bias.find((testcase) => String(testcase.name).startsWith('projection.matches-reference'))!;
    expect((skipped.skipped as Element).message).toBe("It needs 'projection.no-bias' to pass first.");
  });

  it('writes what the code printed once, with the first part, in a form XML can hold', async () => {
    const report = loadReport('hostile/prints-fake-results');
    // Colour codes, a NUL byte, markup and a CDATA terminator, as a student's console might print them.
    const hostile = { ...report, output: `\x1b[31mred\x1b[0m <b>&amp;</b> \x00 ]]> \uFFFF done\n` };
    const suites = suitesOf(await render([hostile]));
    expect(suites[0]['system-out']).toBe('red <b>&amp;</b> \uFFFD ]]> \uFFFD done');
    expect(suites.slice(1).some((suite) => 'system-out' in suite)).toBe(false);
  });

  it('keeps several submissions apart, in one file', async () => {
    const names = suitesOf(await render([loadReport('fail/bias'), loadReport('fail/syntax-error')])).map((suite) => String(suite.name));
    expect(names).toHaveLength(10);
    expect(names[0]).toBe('tests/fixtures/qkv-projection/fail/bias/qkv-projection.ts projection');
    expect(names[5]).toBe('tests/fixtures/qkv-projection/fail/syntax-error/qkv-projection.ts projection');
  });

  it.each(EXPECTED_CASES)('writes the saved junit.xml for %s', async (fixture) => {
    await expect(await render([loadReport(fixture)])).toMatchFileSnapshot(path.join(EXPECTED_DIR, caseName(fixture), 'junit.xml'));
  });
});
