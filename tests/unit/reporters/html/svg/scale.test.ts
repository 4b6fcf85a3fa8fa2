import { describe, expect, it } from 'vitest';
import { formatTick, linearScale, niceDomain, niceStep } from '../../../../../grader/reporters/html/svg/scale.js';

describe('chart scales', () => {
  it('maps a domain onto a range, either way round', () => {
    const x = linearScale([0, 10], [100, 200]);
    expect([x(0), x(5), x(10)]).toEqual([100, 150, 200]);
    const y = linearScale([0, 1], [300, 100]);
    expect(y(0.25)).toBe(250);
    expect(linearScale([2, 2], [0, 10])(2)).toBe(5);
  });

  it('steps by 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(0, 200, 6)).toBe(50);
    expect(niceStep(0, 0.7, 5)).toBe(0.2);
    expect(niceStep(-1, 1, 4)).toBe(0.5);
    expect(niceStep(3, 3, 5)).toBe(1);
  });

  it('widens the domain to whole steps, with clean tick values', () => {
    expect(niceDomain([0.013, 0.69])).toEqual({ domain: [0, 0.8], ticks: [0, 0.2, 0.4, 0.6, 0.8], step: 0.2 });
    expect(niceDomain([0, 199], 6).ticks).toEqual([0, 50, 100, 150, 200]);
    expect(niceDomain([-0.3, 0.3]).ticks).toEqual([-0.4, -0.2, 0, 0.2, 0.4]);
    expect(niceDomain([0.1, 0.7], 6).ticks).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
  });

  it('gives a flat or empty series an axis around it, and ignores values that are not finite', () => {
    expect(niceDomain([0.68, 0.68]).domain[0]).toBeLessThan(0.68);
    expect(niceDomain([0.68, 0.68]).domain[1]).toBeGreaterThan(0.68);
    expect(niceDomain([]).domain).toEqual([0, 1]);
    expect(niceDomain([1, NaN, Infinity, 3]).domain).toEqual([1, 3]);
  });

  it('writes tick labels with the decimals the step needs', () => {
    expect(formatTick(0.4, 0.2)).toBe('0.4');
    expect(formatTick(150, 50)).toBe('150');
    expect(formatTick(-0, 0.1)).toBe('0.0');
    expect(formatTick(0.25, 0.05)).toBe('0.25');
    expect(formatTick(2e6, 1e6)).toBe('2.0e+6');
  });
});
