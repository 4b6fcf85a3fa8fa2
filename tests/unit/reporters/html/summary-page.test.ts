import { describe, expect, it } from 'vitest';
import { toSummary } from '../../../../grader/batch/gradebook.js';
import { NO_IDENTITY } from '../../../../grader/batch/lms-names.js';
import { commonMistake, renderSummaryPage } from '../../../../grader/reporters/html/summary-page.js';
import { sampleCheck, sampleReport } from '../../../support/sample-report.js';
import type { GradedStudent } from '../../../../grader/report/class-summary.js';

function student(name: string, failing: string[], durationMs: number): GradedStudent {
  const checks = ['a.easy', 'a.medium', 'b.hard'].map((id) =>
    failing.includes(id) ? sampleCheck({ id, status: 'failed', score: 0, message: `${id} is wrong` }) : sampleCheck({ id }),
  );
  const score = checks.reduce((sum, c) => sum + c.score, 0);
  return { student: name, isLate: false, identity: NO_IDENTITY, isResumed: false, durationMs, report: sampleReport({ checks, score, maxScore: 3, status: score === 3 ? 'passed' : 'failed' }) };
}

const CLASS = [student('ada', [], 900), student('alan', ['b.hard'], 2500), student('<b>eve</b>', ['b.hard', 'a.medium'], 1200)];
const INFO = { exercise: 'sample', backend: 'cpu', graderVersion: '9.9.9', wallMs: 5000, graderCpuMs: 100, compileWorkerCpuMs: 60 };
const SUMMARY = toSummary(CLASS, [], [{ entry: 'notes.txt', message: 'not a submission' }], INFO);
const page = (summary = SUMMARY, students: readonly GradedStudent[] = CLASS): string => renderSummaryPage(summary, students.map((s) => ({ ...s, feedbackPath: null })));

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
    expect(html).toContain('2 of 3 graded students have a feedback page');
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

  it('leaves out of the most common message what is not about the check: a compile error, a TODO, a skipped check', () => {
    const broken = { ...student('bob', [], 100), report: sampleReport({ status: 'compile-error', score: 0, maxScore: 3, checks: ['a.easy', 'a.medium', 'b.hard'].map((id) => sampleCheck({ id, status: 'compile-error', score: 0, message: 'Your file does not compile: ../../tmp/autograde-zip-1pETKm/bob/sample.ts:3:1 oops' })) }) };
    const todo = { ...student('cy', [], 100), report: sampleReport({ checks: [sampleCheck({ id: 'b.hard', status: 'not-implemented', score: 0, message: 'hard still throws its TODO' }), sampleCheck({ id: 'a.easy', status: 'skipped', score: 0, message: "It needs 'x' to pass first." })] }) };
    const students = [...CLASS, broken, todo];
    const html = page(toSummary(students, [], [], INFO), students);
    expect(html).not.toContain('does not compile');
    expect(html).not.toContain('TODO');
    expect(html).toContain('b.hard is wrong <span class="check-note">(2 students)</span>');
    expect(commonMistake(broken.report.checks)).toBeNull();
  });

  it('lists the students with nothing to grade among the students, with their status and why', () => {
    const summary = toSummary(CLASS, [{ student: 'aaron', entry: 'aaron', status: 'not-submitted', reason: 'aaron/ holds no sample.ts (it holds <i>notes</i>.pdf)', isLate: false, identity: NO_IDENTITY, maxScore: 3 }], [], INFO);
    const html = page(summary);
    const students = html.slice(html.indexOf('id="students"'), html.indexOf('id="slowest"'));
    expect(students).toContain('Students (4)');
    expect(students.indexOf('aaron')).toBeLessThan(students.indexOf('ada'));
    expect(students).toContain('0/3');
    expect(students).toContain('to write them. The student with nothing to grade is listed with why.');
    expect(html).toContain('<span class="status status-not-submitted">not-submitted</span>');
    expect(html).toContain('aaron/ holds no sample.ts (it holds &lt;i&gt;notes&lt;/i&gt;.pdf)');
    expect(html).not.toContain('<i>notes');
  });

  it('puts sandbox violations where staff look: a section near the top, each student with the count, kinds and first messages', () => {
    const mallory = { ...student('<mallory>', [], 100) };
    mallory.report = { ...mallory.report, sandbox: { ...mallory.report.sandbox, violations: [{ checkId: 'a.easy', kind: 'file', message: 'read <solutions>/sample.ts', source: 'reported' }] } };
    const students = [...CLASS, mallory];
    const html = page(toSummary(students, [], [], INFO), students);
    const section = html.slice(html.indexOf('id="violations"'), html.indexOf('id="students"'));
    expect(html.indexOf('id="violations"')).toBeGreaterThan(0);
    expect(section).toContain('Sandbox violations (1 student)');
    expect(section).toContain('<code>&lt;mallory&gt;</code></td><td class="num">1</td><td class="num">0</td><td><code>file</code></td>');
    expect(section).toContain('a.easy: read &lt;solutions&gt;/sample.ts');
    expect(html).toContain('<a href="#violations">Violations</a>');
    expect(page()).not.toContain('id="violations"');
  });
});
