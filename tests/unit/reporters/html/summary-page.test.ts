import { describe, expect, it } from 'vitest';
import { toSummary, type GradedStudent } from '../../../../grader/batch/gradebook.js';
import { renderSummaryPage } from '../../../../grader/reporters/html/summary-page.js';
import { sampleCheck, sampleReport } from '../../../support/sample-report.js';

function student(name: string, failing: string[], durationMs: number): GradedStudent {
  const checks = ['a.easy', 'a.medium', 'b.hard'].map((id) =>
    failing.includes(id) ? sampleCheck({ id, status: 'failed', score: 0, message: `${id} is wrong` }) : sampleCheck({ id }),
  );
  const score = checks.reduce((sum, c) => sum + c.score, 0);
  return { student: name, isLate: false, isResumed: false, durationMs, report: sampleReport({ checks, score, maxScore: 3, status: score === 3 ? 'passed' : 'failed' }) };
}

const CLASS = [student('ada', [], 900), student('alan', ['b.hard'], 2500), student('<b>eve</b>', ['b.hard', 'a.medium'], 1200)];
const SUMMARY = toSummary(CLASS, [{ entry: 'notes.txt', message: 'not a submission' }], { exercise: 'sample', backend: 'cpu', graderVersion: '9.9.9', wallMs: 5000, graderCpuMs: 100, compileWorkerCpuMs: 60 });

describe('summary.html', () => {
  it('lists the checks with the most missed first', () => {
    const html = renderSummaryPage(SUMMARY, CLASS.map((s) => ({ ...s, feedbackPath: null })));
    const order = ['b.hard', 'a.medium', 'a.easy'].map((id) => html.indexOf(`<code>${id}</code>`));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(html).toContain('b.hard is wrong <span class="check-note">(2 students)</span>');
    expect(html).toContain('>33%</td>');
  });

  it('draws the score histogram', () => {
    const html = renderSummaryPage(SUMMARY, CLASS.map((s) => ({ ...s, feedbackPath: null })));
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="chart bar-chart"');
    expect(html).toContain('>90–100%</text>');
  });

  it('links only the feedback pages that exist, with the student id encoded and escaped', () => {
    const students = CLASS.map((s) => ({ ...s, feedbackPath: s.student === 'alan' ? null : ['feedback', s.student, 'feedback.html'] }));
    const html = renderSummaryPage(SUMMARY, students);
    expect(html).toContain('<a href="feedback/ada/feedback.html"><code>ada</code></a>');
    expect(html).toContain('<a href="feedback/%3Cb%3Eeve%3C%2Fb%3E/feedback.html"><code>&lt;b&gt;eve&lt;/b&gt;</code></a>');
    expect(html).not.toContain('href="feedback/alan');
    expect(html).toContain('2 of 3 students have a feedback page');
    expect(html).not.toContain('<b>eve');
  });

  it('names the slowest submissions, the entries not graded, and no request', () => {
    const html = renderSummaryPage(SUMMARY, CLASS.map((s) => ({ ...s, feedbackPath: null })));
    const slowest = html.slice(html.indexOf('id="slowest"'));
    expect(slowest.indexOf('alan')).toBeLessThan(slowest.indexOf('eve'));
    expect(slowest).toContain('2.5 s');
    expect(html).toContain('<code>notes.txt</code>: not a submission');
    expect(html).not.toMatch(/<script|<link|<img|src=/i);
  });
});
