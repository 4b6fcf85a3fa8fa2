import { describe, expect, it } from 'vitest';
import { compactFigure, FIGURE_LIMITS, roundFigureNumber } from '../../../grader/report/compact-figure.js';
import type { Figure } from '../../../grader/report/types.js';

describe('compactFigure', () => {
  it('rounds to four significant digits and turns what is not finite into null', () => {
    expect([0.123456, 123456, -0.000123456, NaN, Infinity, -Infinity, 'x' as unknown].map(roundFigureNumber)).toEqual([0.1235, 123500, -0.0001235, null, null, null, null]);
  });

  it('keeps every n-th point of a long series, and says so in xStep', () => {
    const y = Array.from({ length: 2000 }, (_, i) => i);
    const figure = compactFigure({ kind: 'line', title: 't', caption: 'c', xLabel: 'x', yLabel: 'y', series: [{ name: 's', source: 'student', y }] });
    const [series] = (figure as Extract<Figure, { kind: 'line' }>).series;
    expect(series.y.length).toBeLessThanOrEqual(FIGURE_LIMITS.pointsPerLine);
    expect(series.xStep).toBe(4);
    expect(series.y.slice(0, 3)).toEqual([0, 4, 8]);
  });

  it('leaves a short series as it is, without xStart or xStep', () => {
    const figure = compactFigure({ kind: 'line', title: 't', caption: 'c', xLabel: 'x', yLabel: 'y', series: [{ name: 's', source: 'reference', y: [0.5, NaN] }] });
    expect(figure).toEqual({ kind: 'line', title: 't', caption: 'c', xLabel: 'x', yLabel: 'y', series: [{ name: 's', source: 'reference', y: [0.5, null] }] });
  });

  it('cuts a large matrix to its corner and repairs an empty colour scale', () => {
    const side = FIGURE_LIMITS.heatmapSide + 10;
    const values = Array.from({ length: side }, () => Array.from({ length: side }, () => 0.5));
    const labels = values.map((_, i) => `w${i}`);
    const figure = compactFigure({ kind: 'heatmap', title: 't', caption: 'c', rowLabels: labels, columnLabels: labels, min: 1, max: 1, panels: [{ name: 'p', source: 'student', values }] });
    if (figure.kind !== 'heatmap') throw new Error('kind changed');
    expect(figure.panels[0].values).toHaveLength(FIGURE_LIMITS.heatmapSide);
    expect(figure.panels[0].values[0]).toHaveLength(FIGURE_LIMITS.heatmapSide);
    expect(figure.rowLabels).toHaveLength(FIGURE_LIMITS.heatmapSide);
    expect(figure.max).toBeGreaterThan(figure.min);
  });

  it('caps texts, series and points', () => {
    const points = Array.from({ length: 1000 }, (_, i) => ({ label: 'w'.repeat(100), x: i, y: i }));
    const series = Array.from({ length: 20 }, () => ({ name: 'n', source: 'student' as const, points }));
    const figure = compactFigure({ kind: 'scatter', title: 'T'.repeat(1000), caption: 'C'.repeat(5000), xLabel: 'x', yLabel: 'y', series, isPaired: true });
    if (figure.kind !== 'scatter') throw new Error('kind changed');
    expect(figure.title.length).toBe(FIGURE_LIMITS.titleChars);
    expect(figure.caption.length).toBe(FIGURE_LIMITS.captionChars);
    expect(figure.series).toHaveLength(FIGURE_LIMITS.seriesPerFigure);
    expect(figure.series[0].points).toHaveLength(FIGURE_LIMITS.pointsPerScatter);
    expect(figure.series[0].points[0].label.length).toBe(FIGURE_LIMITS.labelChars);
    // The whole figure stays small whatever came in.
    expect(JSON.stringify(figure).length).toBeLessThan(200_000);
  });

  it('refuses a figure of no known kind', () => {
    expect(() => compactFigure({ kind: 'pie' } as unknown as Figure)).toThrow(/unknown figure kind "pie"/);
  });
});
