import { describe, expect, it } from 'vitest';
import { meetsMinScore, parseMinScore } from '../../../grader/cli/min-score.js';
import type { Report } from '../../../grader/report/types.js';

const report = { score: 24, maxScore: 30 } as Report;

describe('--min-score', () => {
  it('takes points or a percentage', () => {
    expect(meetsMinScore(report, parseMinScore('24'))).toBe(true);
    expect(meetsMinScore(report, parseMinScore('25'))).toBe(false);
    expect(meetsMinScore(report, parseMinScore('80%'))).toBe(true);
    expect(meetsMinScore(report, parseMinScore('81%'))).toBe(false);
  });

  it('names the bad value', () => {
    expect(() => parseMinScore('lots')).toThrow('Expected --min-score to be a number of points (24) or a percentage (80%), got `lots`');
    expect(() => parseMinScore('120%')).toThrow('at most 100%');
  });
});
