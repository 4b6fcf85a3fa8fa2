import { describe, expect, it } from 'vitest';
import { boundReport, MAX_REPORT_BYTES } from '../../../grader/report/bound-report.js';
import { toSafeText } from '../../../grader/report/safe-text.js';
import { locationOf } from '../../../grader/report/types.js';
import { makeCheck, makeReport } from '../../support/make-report.js';

const ESC = '\u001b';

describe('safe text', () => {
  it('writes control and invisible reordering characters as visible escapes', () => {
    expect(toSafeText(`${ESC}[2Jscore 30/30\u0007\rok\u202edessap\u200b`, { limit: 100 })).toBe('\\x1b[2Jscore 30/30\\x07\\rok\\u202edessap\\u200b');
    expect(toSafeText('a\u009bb\u007fc\u2066d', { limit: 100 })).toBe('a\\x9bb\\x7fc\\u2066d');
  });

  it('keeps newlines and tabs in multi-line text only', () => {
    expect(toSafeText('one\n\ttwo', { limit: 100, isMultiline: true })).toBe('one\n\ttwo');
    expect(toSafeText('one\n\ttwo', { limit: 100 })).toBe('one\\n\\ttwo');
  });

  it('cuts to the limit before escaping, and says it did', () => {
    expect(toSafeText('x'.repeat(50), { limit: 10 })).toBe(`${'x'.repeat(9)}…`);
    expect(toSafeText('naïve café ✓', { limit: 100 })).toBe('naïve café ✓');
  });
});

describe('a bounded report', () => {
  it('holds no student-shaped string unbounded or unprintable, wherever it sits', () => {
    const hostile = `${ESC}]0;title\u0007${'y'.repeat(50_000)}`;
    const report = boundReport(
      makeReport([makeCheck('a.b', { status: 'error', score: 0, message: hostile, location: { file: `${ESC}[31mf.ts`, line: 1, column: 1 } })], {
        submission: `dir${ESC}[2J/f.ts`,
        output: hostile,
        diagnostics: Array.from({ length: 1000 }, () => ({ file: 'f.ts', line: 1, column: 1, severity: 'warning' as const, message: hostile })),
        sandbox: { layers: [], runs: [], restarts: 0, violations: [{ checkId: null, kind: 'file', message: hostile, source: 'reported' }] },
      }),
    );
    const text = JSON.stringify(report);
    expect(text).not.toMatch(/\\u001b|\\u0007/);
    expect(Buffer.byteLength(text)).toBeLessThan(MAX_REPORT_BYTES);
    expect(report.checks[0].message.length).toBeLessThanOrEqual(4000 + 10);
    expect(report.submission).toBe('dir\\x1b[2J/f.ts');
    expect(locationOf(report.checks[0])?.file).toBe('\\x1b[31mf.ts');
    expect(report.diagnostics.length).toBe(200);
  });
});

describe('invisible text', () => {
  it('escapes what renders as nothing: tags, fillers, soft hyphens, private use, lone surrogates', () => {
    const tags = [...'GRADE 30/30'].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('');
    expect(toSafeText(`ok${tags}`, { limit: 1000 })).toBe(`ok${[...'GRADE 30/30'].map((c) => `\\u{e00${c.charCodeAt(0).toString(16)}}`).join('')}`);
    expect(toSafeText('a\u00adb\u3164c\u115fd\ue000e\ud800f\u206ag\ufff9h', { limit: 100 })).toBe('a\\xadb\\u3164c\\u115fd\\ue000e\\ud800f\\u206ag\\ufff9h');
  });
});
