/**
 * The GitHub Actions format from real reports: the annotations @actions/core prints (captured from
 * stdout), the job summary appended to the file the options' environment names, and neither of them
 * for batch feedback. The environment is always the test's own, never the real one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PROJECT_ROOT } from '../../../grader/paths.js';
import type { Report } from '../../../grader/report/types.js';
import { annotationPath } from '../../../grader/reporters/github-reporter.js';
import { renderReports } from '../../../grader/reporters/index.js';
import { findMarkdownProblems } from '../../support/check-markdown.js';
import { caseName, EXPECTED_CASES, EXPECTED_DIR, loadAllReports, loadReport, withInternalError } from '../../support/report-fixtures.js';

interface Rendered {
  summary: string;
  annotations: string;
}

/** Renders with stdout captured: @actions/core writes its workflow commands there. */
async function render(reports: Report[], env: NodeJS.ProcessEnv, isBatchFeedback = false): Promise<Rendered> {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    const summary = await renderReports('github', reports, { isColor: false, env, isBatchFeedback });
    return { summary, annotations: written.join('') };
  } finally {
    spy.mockRestore();
  }
}

function tempFile(name: string): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-github-')), name);
}

describe('github reporter', () => {
  afterEach(() => vi.restoreAllMocks());

  it('annotates a check that threw at the line its stack names, and the type warning at its own', async () => {
    const { annotations } = await render([loadReport('fail/throws-in-forward')], {});
    const file = 'tests/fixtures/qkv-projection/fail/throws-in-forward/qkv-projection.ts';
    expect(annotations.split('\n').filter((line) => line !== '')).toEqual([
      '::notice title=autograde qkv-projection::24/32 points (75%25): failed',
      `::error title=projection.shape-3d and 1 more%3A your code threw or ended its process,file=${file},line=46,col=15::Your code threw TypeError: Cannot read properties of undefined (reading 'apply') (at ${file}:46:15).%0AChecks: projection.shape-3d, projection.shape-2d`,
      `::warning title=type warning,file=${file},line=46,col=12::Property 'wq' does not exist on type 'QKVProjection'. Did you mean 'wQ'?`,
    ]);
  });

  it('annotates a compile error at its line and column, once rather than once per check', async () => {
    const { annotations } = await render([loadReport('fail/syntax-error')], {});
    expect(annotations).toContain("::error title=does not compile,file=tests/fixtures/qkv-projection/fail/syntax-error/qkv-projection.ts,line=62,col=45::')' expected.");
    expect(annotations.match(/::error/g)).toHaveLength(1);
  });

  it('annotates a failed check without a line at the top of the file', async () => {
    const { annotations } = await render([loadReport('fail/bias')], {});
    expect(annotations).toContain('::error title=projection.no-bias%3A wrong result,file=tests/fixtures/qkv-projection/fail/bias/qkv-projection.ts,line=1::wQ has 2 weight tensors');
  });

  it("keeps a hidden check's verdict out of its annotation and the summary", async () => {
    const { annotations, summary } = await render([loadReport('fail/shared-layer')], {});
    expect(annotations).toContain('::error title=projection.matches-reference%3A wrong result,file=tests/fixtures/qkv-projection/fail/shared-layer/qkv-projection.ts,line=1::This check is hidden');
    for (const text of [annotations, summary]) expect(text).not.toContain('2.4243');
  });

  it("annotates the grader's own failure on the run, not on the student's file", async () => {
    const { annotations } = await render([withInternalError(loadReport('fail/bias'))], {});
    expect(annotations).toContain('::error title=training.losses%3A the grader failed (not a fault in your code)::The reference could not be computed');
  });

  it('appends the summary to the file GITHUB_STEP_SUMMARY names in its environment', async () => {
    const file = tempFile('step-summary.md');
    fs.writeFileSync(file, '# Earlier step\n');
    const { summary } = await render([loadReport('fail/bias')], { GITHUB_STEP_SUMMARY: file });
    expect(fs.readFileSync(file, 'utf8')).toBe(`# Earlier step\n${summary}\n`);
  });

  it('writes the summary only to its own output without GITHUB_STEP_SUMMARY', async () => {
    const { summary, annotations } = await render([loadReport('fail/bias')], {});
    expect(summary).toContain('| **total** | **29/32** | **22/24** |');
    expect(annotations).toContain('::error');
  });

  it('names files from the repository root when autograde runs in a folder below it', () => {
    expect(annotationPath('tests/fixtures/x/qkv-projection.ts', { GITHUB_WORKSPACE: path.dirname(PROJECT_ROOT) })).toBe(`${path.basename(PROJECT_ROOT)}/tests/fixtures/x/qkv-projection.ts`);
    expect(annotationPath('tests/fixtures/x/qkv-projection.ts', { GITHUB_WORKSPACE: PROJECT_ROOT })).toBe('tests/fixtures/x/qkv-projection.ts');
    expect(annotationPath('/elsewhere/qkv-projection.ts', { GITHUB_WORKSPACE: PROJECT_ROOT })).toBe('/elsewhere/qkv-projection.ts');
  });

  it('writes only the file for batch feedback: no annotations, nothing appended', async () => {
    const file = tempFile('step-summary.md');
    const { summary, annotations } = await render([loadReport('fail/bias')], { GITHUB_STEP_SUMMARY: file }, true);
    expect(summary).toContain('### Checks that lost points');
    expect(annotations).toBe('');
    expect(fs.existsSync(file)).toBe(false);
  });

  it.each(loadAllReports())('writes a summary that is valid GitHub Markdown for $name', async ({ report }) => {
    const { summary } = await render([report], {});
    expect(findMarkdownProblems(summary)).toEqual([]);
  });

  it.each(EXPECTED_CASES)('writes the saved summary and annotations for %s', async (fixture) => {
    const { summary, annotations } = await render([loadReport(fixture)], {});
    await expect(summary).toMatchFileSnapshot(path.join(EXPECTED_DIR, caseName(fixture), 'github-summary.md'));
    await expect(annotations).toMatchFileSnapshot(path.join(EXPECTED_DIR, caseName(fixture), 'github-annotations.txt'));
  });
});
