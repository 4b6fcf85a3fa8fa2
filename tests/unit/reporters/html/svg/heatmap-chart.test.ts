import { describe, expect, it } from 'vitest';
import { renderColorScale, renderHeatmap } from '../../../../../grader/reporters/html/svg/heatmap-chart.js';
import { divergingColor, MISSING } from '../../../../../grader/reporters/html/svg/palette.js';

const WORDS = ['The', 'cat', 'sat'];

describe('renderHeatmap', () => {
  it('draws one cell per entry, coloured on the scale, with its value written in', () => {
    const values = [[1, 0.5, -1], [0.5, 1, 0], [-1, 0, 1]];
    const svg = renderHeatmap({ label: 'sim', rowLabels: WORDS, columnLabels: WORDS, values, min: -1, max: 1 });
    expect(svg.match(/<rect /g)).toHaveLength(9);
    expect(svg).toContain(`fill="${divergingColor(1, -1, 1)}"`);
    expect(svg).toContain(`fill="${divergingColor(-1, -1, 1)}"`);
    expect(svg).toContain('>-1.00</text>');
    expect(svg).toContain('>0.50</text>');
    // Row labels once each on the left, column labels once each underneath.
    for (const word of WORDS) expect(svg.match(new RegExp(`>${word}</text>`, 'g'))).toHaveLength(2);
  });

  it('greys out and marks a value that is not finite', () => {
    const svg = renderHeatmap({ label: 'sim', rowLabels: ['a', 'b'], columnLabels: ['a', 'b'], values: [[1, null], [NaN, 1]], min: -1, max: 1 });
    expect(svg.match(new RegExp(`fill="${MISSING}"`, 'g'))).toHaveLength(2);
    expect(svg.match(/>NaN<\/text>/g)).toHaveLength(2);
    expect(svg).toContain('not a finite number');
  });

  it('shrinks the cells of a large matrix and leaves their numbers out', () => {
    const values = Array.from({ length: 30 }, (_, r) => Array.from({ length: 30 }, (_, c) => (r === c ? 1 : 0)));
    const labels = values.map((_, i) => String(i));
    const svg = renderHeatmap({ label: 'big', rowLabels: labels, columnLabels: labels, values, min: -1, max: 1 });
    expect(svg.match(/<rect /g)).toHaveLength(900);
    expect(svg).not.toContain('>1.00</text>');
  });

  it('runs from blue through grey to red', () => {
    expect(divergingColor(-1, -1, 1)).toBe('#3b4cc0');
    expect(divergingColor(0, -1, 1)).toBe('#dddddd');
    expect(divergingColor(1, -1, 1)).toBe('#b40426');
    expect(divergingColor(5, -1, 1)).toBe('#b40426');
  });

  it('escapes row and column labels', () => {
    const svg = renderHeatmap({ label: 'x', rowLabels: ['<i>'], columnLabels: ['"q"'], values: [[0]], min: -1, max: 1 });
    expect(svg).toContain('&lt;i&gt;');
    expect(svg).toContain('&quot;q&quot;');
    expect(svg).not.toContain('<i>');
  });
});

describe('renderColorScale', () => {
  it('is a bar of bands from max at the top to min at the bottom, with values marked', () => {
    const svg = renderColorScale({ label: 'scale', min: -1, max: 1 });
    expect(svg.match(/<rect /g)!.length).toBeGreaterThan(10);
    for (const tick of ['-1.0', '-0.5', '0.0', '0.5', '1.0']) expect(svg).toContain(`>${tick}</text>`);
    // No gradient: an id would clash between several scales on one page.
    expect(svg).not.toContain('id=');
  });
});
