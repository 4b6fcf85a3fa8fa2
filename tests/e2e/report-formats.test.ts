/**
 * The formats for Gradescope, CI dashboards, GitHub Actions and students, as a user gets them from
 * the CLI: `grade --format gradescope,junit,github,markdown --out <dir>` writes one file each, the
 * same as the saved expected files once times are set aside, and `batch --format` one per student.
 *
 * The saved reports that the unit tests format (tests/fixtures/reports/*.json) are regenerated with
 *   npm run build && node dist/tests/support/save-reports.js
 * and the expected files rendered from them (tests/fixtures/reports/expected/) with
 *   npx vitest run tests/unit/reporters --update
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../grader/paths.js';
import type { Report } from '../../grader/report/types.js';
import { caseName, EXPECTED_DIR, normaliseTimes } from '../support/report-fixtures.js';
import { runCli, type CliResult } from '../support/run-cli.js';

const FIXTURES = path.join('tests', 'fixtures', 'qkv-projection');
const FORMAT_FILES = ['feedback.md', 'github-summary.md', 'junit.xml', 'results.json'];

describe('grade --format gradescope,junit,github,markdown --out', () => {
  const fixture = 'fail/bias';
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-four-formats-'));
  const stepSummary = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-step-summary-')), 'summary.md');
  let result: CliResult;

  beforeAll(async () => {
    // The environment of an Actions step, set here so that the test never depends on the real one.
    const env = { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: PROJECT_ROOT, GITHUB_STEP_SUMMARY: stepSummary };
    result = await runCli(['grade', path.join(FIXTURES, fixture), '--backend', 'cpu', '--format', 'gradescope,junit,github,markdown', '--out', out], { env });
  });

  it('writes one file per format and nothing else', () => {
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(FORMAT_FILES);
  });

  it('writes what the saved expected files hold, times aside', () => {
    for (const file of FORMAT_FILES) {
      const expected = fs.readFileSync(path.join(EXPECTED_DIR, caseName(fixture), file), 'utf8');
      expect(normaliseTimes(file, fs.readFileSync(path.join(out, file), 'utf8')), file).toBe(normaliseTimes(file, expected));
    }
  });

  it('prints the GitHub annotations on stdout and appends the summary to the step summary file', () => {
    expect(result.stdout).toBe(fs.readFileSync(path.join(EXPECTED_DIR, caseName(fixture), 'github-annotations.txt'), 'utf8'));
    expect(result.stdout).toContain('::error title=projection.no-bias%3A wrong result,file=tests/fixtures/qkv-projection/fail/bias/qkv-projection.ts,line=1::wQ has 2 weight tensors');
    expect(fs.readFileSync(stepSummary, 'utf8')).toBe(`${fs.readFileSync(path.join(out, 'github-summary.md'), 'utf8')}\n`);
  });
});

describe('formats that describe one submission', () => {
  it('are refused with several paths before anything is graded, naming batch instead', async () => {
    const { exitCode, stdout, stderr } = await runCli(['grade', 'one', 'two', '--format', 'json,gradescope']);
    expect(exitCode).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain("--format gradescope writes one submission's results.json, got 2 paths.");
    expect(stderr).toContain('autograde batch --format gradescope');
  });
});

describe('batch --format', () => {
  it('writes every format per student, and keeps the GitHub annotations and job summary out of the run', async () => {
    const classDir = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-formats-class-'));
    for (const [student, fixture] of [['ada', 'fail/bias'], ['alan', 'fail/syntax-error']]) {
      fs.mkdirSync(path.join(classDir, student));
      fs.copyFileSync(path.join(PROJECT_ROOT, FIXTURES, fixture, 'qkv-projection.ts'), path.join(classDir, student, 'qkv-projection.ts'));
    }
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-formats-batch-'));
    const stepSummary = path.join(out, 'step-summary.md');
    const { exitCode, stdout } = await runCli(['batch', classDir, '--out', out, '--backend', 'cpu', '--quiet', '--format', 'gradescope,junit,github,markdown'], {
      env: { GITHUB_STEP_SUMMARY: stepSummary },
    });
    expect(exitCode).toBe(0);
    for (const student of ['ada', 'alan']) expect(fs.readdirSync(path.join(out, 'feedback', student)).sort()).toEqual(FORMAT_FILES);
    expect(stdout).not.toContain('::');
    expect(fs.existsSync(stepSummary)).toBe(false);
    const results = JSON.parse(fs.readFileSync(path.join(out, 'feedback', 'alan', 'results.json'), 'utf8')) as { score: number; output: string };
    expect(results.score).toBe(0);
    expect(results.output).toContain('Your file does not compile');
  });
});
