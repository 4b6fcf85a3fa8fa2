import { describe, expect, it } from 'vitest';
import { renderFeedbackPage, renderDifference } from '../../../../grader/reporters/html/feedback-page.js';
import { renderReports } from '../../../../grader/reporters/index.js';
import type { CheckFigure } from '../../../../grader/report/types.js';
import { sampleCheck, sampleReport } from '../../../support/sample-report.js';

const HOSTILE = '<script>document.title="pwned"</script><img src=x onerror=alert(1)>';

/** The page with every escaped stretch removed: what is left is our own markup. */
function markupOf(html: string): string {
  return html.replace(/&lt;[^]*?&gt;/g, '');
}

describe('the feedback page', () => {
  it('is one document with the score, the status and every check', () => {
    const html = renderFeedbackPage([sampleReport()]);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<span class="points">2/4</span>');
    expect(html).toContain('<span class="percent">50%</span>');
    expect(html).toContain('<span class="status status-failed">failed</span>');
    for (const id of ['shape.ok', 'values.close', 'values.later', 'values.hidden']) expect(html).toContain(`id="report-check-${id}"`);
    expect(html).toContain('(hidden)');
  });

  it('forbids scripts and every request in its own policy, and links nothing outside itself', () => {
    const html = renderFeedbackPage([sampleReport()]);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'`);
    expect(html).not.toMatch(/<script|<link|<img|src=|@import|url\(/i);
    expect(html.match(/href="([^"]*)"/g)!.every((href) => href.startsWith('href="#'))).toBe(true);
  });

  it('shows what the code printed, its messages and its file name as text', () => {
    const report = sampleReport({
      submission: `students/${HOSTILE}/sample.ts`,
      output: `hello\n${HOSTILE}\n`,
      diagnostics: [{ file: 'sample.ts', line: 3, column: 1, severity: 'warning', message: `Type '${HOSTILE}' is not assignable.` }],
      checks: [sampleCheck({ id: 'a.b', status: 'error', score: 0, message: `Your code threw: Error: ${HOSTILE}` })],
      sandbox: { layers: [], runs: [], restarts: 0, violations: [{ checkId: 'a.b', kind: 'file', message: HOSTILE, source: 'reported' }] },
    });
    const html = renderFeedbackPage([report]);
    expect(markupOf(html)).not.toMatch(/<script|<img|onerror/i);
    expect(html).toContain('&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;');
    expect(html).toContain('<pre class="output">hello\n&lt;script&gt;');
  });

  it('puts expected beside actual and highlights the largest difference', () => {
    const html = renderFeedbackPage([sampleReport()]);
    const card = html.slice(html.indexOf('id="report-failure-values.close"'));
    expect(card).toContain('<th>expected</th><th>your code</th>');
    expect(card).toContain('<tr class="largest"><td>largest difference at [0, 0]: 0.245</td><td>1</td><td>0.755</td></tr>');
  });

  it('highlights the shapes when they are what differs, and says when NaN came back', () => {
    const html = renderDifference({ expectedShape: [6, 6], actualShape: [6, 4], hasNaN: true });
    expect(html).toContain('<tr class="largest"><td>shape</td><td>[6, 6]</td><td>[6, 4]</td></tr>');
    expect(html).toContain('Your result contains NaN.');
    expect(renderDifference({})).toBe('');
  });

  it('gives checks that failed the same way one card, and skipped ones a note in the list', () => {
    const same = { status: 'compile-error' as const, score: 0, message: 'Your file does not compile: x.ts:1:1 oops' };
    const html = renderFeedbackPage([sampleReport({ status: 'compile-error', checks: ['a.one', 'a.two', 'b.three'].map((id) => sampleCheck({ id, ...same })) })]);
    expect(html.match(/<section class="failure/g)).toHaveLength(1);
    expect(html).toContain('and 2 more');
    const skipped = renderFeedbackPage([sampleReport()]);
    expect(skipped).not.toContain('id="report-failure-values.later"');
    expect(skipped).toContain(`<div class="check-note">It needs &#39;values.close&#39; to pass first.</div>`);
  });

  it("draws each figure, links it to its check, and links the check's failure to it", () => {
    const figures: CheckFigure[] = [
      { checkId: 'values.close', kind: 'line', title: 'Loss', caption: 'Per epoch.', xLabel: 'epoch', yLabel: 'loss', series: [{ name: 'your code', source: 'student', y: [1, null, 0.5] }, { name: 'reference', source: 'reference', y: [1, 0.6, 0.2] }] },
      { checkId: 'shape.ok', kind: 'heatmap', title: 'Sim', caption: 'Cosine.', rowLabels: ['a', 'b'], columnLabels: ['a', 'b'], min: -1, max: 1, panels: [{ name: 'your code', source: 'student', values: [[1, 0], [0, 1]] }, { name: 'reference', source: 'reference', values: [[1, 0], [0, 1]] }] },
      { checkId: 'shape.ok', kind: 'scatter', title: 'Q', caption: 'Points.', xLabel: 'd0', yLabel: 'd1', isPaired: true, series: [{ name: 'your code', source: 'student', points: [{ label: 'a', x: 0, y: 1 }] }, { name: 'reference', source: 'reference', points: [{ label: 'a', x: 0, y: 1 }] }] },
    ];
    const html = renderFeedbackPage([sampleReport({ figures })]);
    expect(html.match(/<figure class="figure figure-(line|heatmap|scatter)"/g)).toHaveLength(3);
    expect(html).toContain('<a href="#report-check-values.close"><code>values.close</code></a>');
    expect(html).toContain('Plotted beside the reference: <a href="#report-figure-1">Loss</a>');
    expect(html).toContain('your code: 1 of 3 values are not a finite number');
    // Yours on the left of the heatmaps.
    expect(html.indexOf('panel-student')).toBeLessThan(html.indexOf('panel-reference'));
  });

  it('numbers the ids apart when one page holds several reports', () => {
    const html = renderFeedbackPage([sampleReport(), sampleReport({ submission: 'students/alan/sample.ts' })]);
    expect(html).toContain('<h1>Feedback on 2 submissions</h1>');
    expect(html).toContain('id="report-1-check-shape.ok"');
    expect(html).toContain('id="report-2-check-shape.ok"');
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is what --format html writes', async () => {
    const report = sampleReport();
    expect(await renderReports('html', [report], { isColor: false, env: {} })).toBe(renderFeedbackPage([report]));
  });
});
