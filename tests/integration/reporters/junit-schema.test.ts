/**
 * junit.xml from real reports is valid against Jenkins' JUnit schema, as CI dashboards check it
 * before reading it: validated with libxml2's xmllint, run as a process of its own. What the files
 * hold is tested in-process, in tests/unit/reporters/junit-reporter.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../grader/report/types.js';
import { renderReports } from '../../../grader/reporters/index.js';
import { loadAllReports, loadReport, withInternalError } from '../../support/report-fixtures.js';
import { isMissing, XMLLINT } from '../../support/requirements.js';
import { JUNIT_XSD, validateXml } from '../../support/xmllint.js';

function render(reports: Report[]): Promise<string> {
  return renderReports('junit', reports, { isColor: false, env: {} });
}

describe.skipIf(isMissing(XMLLINT))('junit reporter, against the JUnit schema (needs xmllint)', () => {
  it('is checked by a schema validation that rejects an invalid file', () => {
    const invalid = '<?xml version="1.0"?>\n<testsuites><testsuite name="p" tests="1" failures="0"><testcase classname="p"/></testsuite></testsuites>\n';
    const validation = validateXml(invalid, JUNIT_XSD);
    expect(validation.isValid).toBe(false);
    expect(validation.errors).toContain("The attribute 'errors' is required but missing");
    expect(validation.errors).toContain("The attribute 'name' is required but missing");
  });

  it.each([...loadAllReports(), { name: 'internal-error', report: withInternalError(loadReport('fail/bias')) }])('writes a schema-valid junit.xml for $name', async ({ report }) => {
    expect(validateXml(await render([report]), JUNIT_XSD)).toEqual({ isValid: true, errors: expect.stringContaining('document.xml validates') });
  });

  it('writes what the code printed in a form XML can hold', async () => {
    const report = loadReport('hostile/prints-fake-results');
    // Colour codes, a NUL byte, markup and a CDATA terminator, as a student's console might print them.
    const hostile = { ...report, output: `\x1b[31mred\x1b[0m <b>&amp;</b> \x00 ]]> \uFFFF done\n` };
    expect(validateXml(await render([hostile]), JUNIT_XSD).isValid).toBe(true);
  });

  it('keeps several submissions in one valid file', async () => {
    expect(validateXml(await render([loadReport('fail/bias'), loadReport('fail/syntax-error')]), JUNIT_XSD).isValid).toBe(true);
  });
});
