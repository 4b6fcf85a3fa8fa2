/**
 * feedback.md from real reports: valid GitHub Markdown whatever the student's code printed or threw,
 * what to fix with expected against actual, hidden verdicts kept out, and the saved expected files.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../grader/report/types.js';
import { renderReports } from '../../../grader/reporters/index.js';
import { findMarkdownProblems } from '../../support/check-markdown.js';
import { caseName, EXPECTED_CASES, EXPECTED_DIR, loadAllReports, loadReport, withInternalError } from '../../support/report-fixtures.js';

function render(reports: Report[]): Promise<string> {
  return renderReports('markdown', reports, { isColor: false, env: {} });
}

describe('markdown reporter', () => {
  it('finds the problems it is meant to find', () => {
    expect(findMarkdownProblems('| a | b |\n| --- | --- |\n| x | y | z |\n')).toEqual(['line 3: 3 cells in a table of 2 (from line 1)']);
    expect(findMarkdownProblems('| a |\n| --- |\n| a | b \\| c |\n')).toEqual(['line 3: 2 cells in a table of 1 (from line 1)']);
    expect(findMarkdownProblems('```text\nunclosed\n')).toEqual(['a ``` fence is never closed']);
    expect(findMarkdownProblems('say <b>hi</b> &amp; `<ok>`\n')).toEqual(['line 1: raw HTML', 'line 1: an HTML entity']);
  });

  it.each([...loadAllReports(), { name: 'internal-error', report: withInternalError(loadReport('fail/bias')) }])('writes valid GitHub Markdown for $name', async ({ report }) => {
    const markdown = await render([report]);
    expect(findMarkdownProblems(markdown)).toEqual([]);
    expect(markdown).toContain(`# qkv-projection: ${report.score}/${report.maxScore} points`);
    for (const part of new Set(report.checks.map((check) => check.part))) expect(markdown).toContain(`### ${part}: `);
  });

  it('shows expected against actual where numbers disagree, with the message', async () => {
    const markdown = await render([loadReport('fail/cosine-unnormalised')]);
    expect(markdown).toContain('### ❌ `similarity.unit-diagonal` Every query has similarity 1 with itself and with its positive multiples, and a scaled query keeps its similarities (negated for a negative factor)');
    expect(markdown).toContain('The diagonal should be 1 (a vector is perfectly similar to itself), but entry \\[0, 0\\] of cosineSimilarityMatrix(q) for 6 queries of size 3 is 0.755.');
    expect(markdown).toContain('| value at \\[0, 0\\] | `1` | `0.755025` |');
    expect(markdown).toContain('- largest absolute difference: 0.244975');
  });

  it("keeps a hidden check's verdict out and says it is hidden", async () => {
    const markdown = await render([loadReport('fail/shared-layer')]);
    expect(markdown).toContain('`projection.matches-reference` With the same kernels loaded, forward() gives the reference Q, K, V *(hidden)* | 0/2 | wrong result |');
    expect(markdown).toContain('This check is hidden: what it expected and what came back are not shown.');
    expect(markdown).not.toContain('2.4243');
  });

  it('tells fifteen unimplemented checks as four TODOs, one per function', async () => {
    const markdown = await render([loadReport('fail/partial')]);
    const fixes = markdown.split('## What to fix')[1];
    expect(fixes.match(/^### ⬜/gm)).toHaveLength(4);
    expect(fixes).toContain('### ⬜ `training.other-pairs`, `training.other-runs`, `training.losses`, `training.predictions`, `training.deterministic`, `training.no-leak`');
  });

  it('lists compile errors with their place, and type warnings apart', async () => {
    expect(await render([loadReport('fail/syntax-error')])).toContain("## What to fix\n\n- `tests/fixtures/qkv-projection/fail/syntax-error/qkv-projection.ts:62:45` ')' expected.");
    const warned = await render([loadReport('pass/type-error-still-runs')]);
    expect(warned).toContain("## Type warnings\n\nThey cost no points and do not stop your code from running, but they often point at a real mistake.\n\n- `tests/fixtures/qkv-projection/pass/type-error-still-runs/qkv-projection.ts:86:11` Type 'Tensor\\<Rank\\>' is not assignable to type 'Tensor1D'. Type 'Rank' is not assignable to type 'Rank.R1'.");
    expect(warned).not.toContain('## What to fix');
  });

  it('stays valid Markdown whatever the student code printed or threw', async () => {
    const report = loadReport('fail/throws-in-forward');
    const hostile: Report = {
      ...report,
      output: '```\n| not | a table |\n````\n<script>alert(1)</script>\n\x1b[1mbold\x1b[0m\n',
      checks: report.checks.map((check, index) => (index === 0 ? { ...check, title: 'A | B `C`', message: '# heading? 1. list? | pipe <img src=x> &amp; *stars* ~~gone~~ [link](x)\nsecond line' } : check)),
    };
    const markdown = await render([hostile]);
    expect(findMarkdownProblems(markdown)).toEqual([]);
    expect(markdown).toContain('`````text\n```\n| not | a table |\n````\n<script>alert(1)</script>\nbold\n`````');
    expect(markdown).toContain('\\# heading? 1. list? \\| pipe \\<img src=x\\> \\&amp; \\*stars\\* \\~\\~gone\\~\\~ \\[link\\](x) second line');
    expect(markdown).toContain('| 💥 | `projection.shape-3d` A \\| B \\`C\\` | 0/2 | your code threw or ended its process |');
  });

  it.each(EXPECTED_CASES)('writes the saved feedback.md for %s', async (fixture) => {
    await expect(await render([loadReport(fixture)])).toMatchFileSnapshot(path.join(EXPECTED_DIR, caseName(fixture), 'feedback.md'));
  });
});
