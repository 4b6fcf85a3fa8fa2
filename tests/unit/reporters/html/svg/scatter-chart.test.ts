import { describe, expect, it } from 'vitest';
import { renderScatterChart, type ScatterChartSeries } from '../../../../../grader/reporters/html/svg/scatter-chart.js';

const points = [
  { label: 'The', x: 0.21, y: 0.4 },
  { label: 'cat', x: 0.33, y: -0.01 },
  { label: 'mat', x: -0.2, y: 0.05 },
];
const reference: ScatterChartSeries = { name: 'reference', points, color: '#1f5f99', marker: 'ring', isLabelled: true };
const yours: ScatterChartSeries = { name: 'your code', points: points.map((p) => ({ ...p, x: p.x! + (p.label === 'cat' ? 0.1 : 0) })), color: '#d95f02', marker: 'dot', isLabelled: false };

describe('renderScatterChart', () => {
  it('draws every point, labels the series that asks for it, and keeps rings under dots', () => {
    const svg = renderScatterChart({ label: 'Q', xLabel: 'dimension 0', yLabel: 'dimension 1', series: [yours, reference] });
    const series = svg.match(/<g class="series" data-name="[^"]+">/g);
    expect(series).toEqual(['<g class="series" data-name="reference">', '<g class="series" data-name="your code">']);
    // Each point carries a tooltip; the legend's markers do not.
    expect(svg.match(/<circle [^>]*r="8"[^>]*><title>/g)).toHaveLength(3);
    expect(svg.match(/<circle [^>]*r="4.5"[^>]*><title>/g)).toHaveLength(3);
    for (const word of ['The', 'cat', 'mat']) expect(svg).toContain(`>${word}</text>`);
    expect(svg).toContain('>dimension 0</text>');
  });

  it('joins paired points that differ, and only those', () => {
    const svg = renderScatterChart({ label: 'Q', xLabel: 'x', yLabel: 'y', series: [yours, reference], pairs: [0, 1] });
    const pairs = svg.slice(svg.indexOf('<g class="pairs"'), svg.indexOf('</g>', svg.indexOf('<g class="pairs"')));
    expect(pairs.match(/<line /g)).toHaveLength(1);
  });

  it('draws the zero lines when zero is inside the axes', () => {
    const svg = renderScatterChart({ label: 'Q', xLabel: 'x', yLabel: 'y', series: [reference] });
    expect(svg.match(/class="zero"/g)).toHaveLength(2);
  });

  it('leaves out points that are not finite, and says when nothing is left', () => {
    const svg = renderScatterChart({ label: 'Q', xLabel: 'x', yLabel: 'y', series: [{ ...yours, points: [{ label: 'a', x: NaN, y: 1 }, { label: 'b', x: 1, y: null }] }] });
    expect(svg).not.toMatch(/<circle [^>]*><title>/);
    expect(svg).toContain('no point to draw');
  });

  it('escapes point labels', () => {
    const svg = renderScatterChart({ label: 'Q', xLabel: 'x', yLabel: 'y', series: [{ ...reference, points: [{ label: '<img src=x>', x: 1, y: 1 }] }] });
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;img src=x&gt;');
  });
});
