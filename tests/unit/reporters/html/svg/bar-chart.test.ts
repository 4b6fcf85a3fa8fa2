import { describe, expect, it } from 'vitest';
import { renderBarChart } from '../../../../../grader/reporters/html/svg/bar-chart.js';

describe('renderBarChart', () => {
  it('draws a bar per category, its count on top, and whole-number ticks only', () => {
    const svg = renderBarChart({ label: 'h', xLabel: 'score', yLabel: 'students', categories: ['0–49%', '50–89%', '90–100%'], values: [0, 1, 2], color: '#123456' });
    expect(svg.match(/<rect [^>]*fill="#123456"/g)).toHaveLength(3);
    expect(svg).toContain('>0–49%</text>');
    expect(svg).toContain('>2</text>');
    expect(svg).not.toContain('>0.5</text>');
    expect(svg).not.toContain('>1.5</text>');
  });
});
