import { describe, expect, it } from 'vitest';
import { linePath, renderLineChart } from '../../../../../grader/reporters/html/svg/line-chart.js';

const series = (y: Array<number | null>, extra = {}) => ({ name: 'your code', y, color: '#d95f02', ...extra });

describe('renderLineChart', () => {
  it('draws one path per series, with axes, axis titles and a legend', () => {
    const svg = renderLineChart({ label: 'Loss', xLabel: 'epoch', yLabel: 'loss', series: [series([0.7, 0.4, 0.1]), { ...series([0.7, 0.5, 0.2]), name: 'reference', isDashed: true }] });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" class="chart line-chart"')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg.match(/<g class="series"/g)).toHaveLength(2);
    expect(svg).toContain('stroke-dasharray="6 4"');
    expect(svg).toContain('>epoch</text>');
    expect(svg).toContain('>loss</text>');
    expect(svg).toMatch(/<g class="legend".*>your code<\/text>.*>reference<\/text>/);
    expect(svg).toContain('<title>Loss</title>');
  });

  it('places points by xStart and xStep, and starts a new subpath after a gap', () => {
    const identity = (v: number) => v;
    expect(linePath([{ x: 0, y: 1 }, { x: 1, y: 2 }, { x: 2, y: null }, { x: 3, y: 4 }, { x: 4, y: 5 }], identity, identity)).toBe('M0,1L1,2M3,4L4,5');
    const svg = renderLineChart({ label: 'x', xLabel: 'x', yLabel: 'y', series: [series([1, 2, 3], { xStart: 10, xStep: 5 })] });
    // The x axis runs over 10..20, not 0..2.
    expect(svg).toContain('>10</text>');
    expect(svg).toContain('>20</text>');
  });

  it('marks a point with gaps on both sides, which a path alone would not show', () => {
    const svg = renderLineChart({ label: 'x', xLabel: 'x', yLabel: 'y', series: [series([null, 0.5, NaN, 0.6, 0.7])] });
    expect(svg.match(/<circle /g)).toHaveLength(1);
  });

  it('escapes names and labels', () => {
    const svg = renderLineChart({ label: '<b>', xLabel: 'a<b', yLabel: 'c&d', series: [series([1, 2], { name: '<script>alert(1)</script>' })] });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('a&lt;b');
    expect(svg).toContain('c&amp;d');
  });
});
