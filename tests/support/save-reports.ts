/**
 * Grades the fixtures of tests/fixtures/reports/ again and saves their reports, which the
 * reporters' unit tests format. Run after a change to what reports hold:
 *   npm run build && node dist/tests/support/save-reports.js
 * then render the expected files from them with `npx vitest run tests/unit/reporters --update`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Report } from '../../grader/report/types.js';
import { REPORT_CASES, reportFile } from './report-fixtures.js';
import { runCli } from './run-cli.js';
import { writeShortLimitsRubric } from './short-limits-rubric.js';

// Short limits, so that the fixture that never finishes training times out in seconds.
const rubric = writeShortLimitsRubric('qkv-projection', { importTimeMs: 8000, checkTimeMs: 4000, typecheckMs: 8000 });
const paths = REPORT_CASES.map((fixture) => path.join('tests', 'fixtures', 'qkv-projection', fixture));
const { exitCode, stdout, stderr } = await runCli(['grade', ...paths, '--backend', 'cpu', '--format', 'json', '--rubric', rubric]);
if (exitCode !== 0 || stderr !== '') {
  process.stderr.write(`grading the report fixtures failed (exit ${exitCode}):\n${stderr}`);
  process.exit(1);
}
const reports = JSON.parse(stdout) as Report[];
reports.forEach((report, index) => fs.writeFileSync(reportFile(REPORT_CASES[index]), `${JSON.stringify(report, null, 2)}\n`));
process.stdout.write(`saved ${reports.length} reports in ${path.dirname(reportFile(REPORT_CASES[0]))}\n`);
