import { describe, expect, it } from 'vitest';
import { defineRuntimeCheck, defineStaticCheck, passed, type Figure } from '../../../grader/checks/index.js';
import { drawFigures } from '../../../grader/pipeline/draw-figures.js';

const line = (y: Array<number | null>): Figure => ({ kind: 'line', title: 'loss', caption: 'c', xLabel: 'epoch', yLabel: 'loss', series: [{ name: 'yours', source: 'student', y }] });

function checkWith(figures?: (context: { input: { n: number }; actual: unknown; expected: unknown }) => Figure[]) {
  return defineRuntimeCheck({ id: 'part.check', title: 't', uses: [], input: { n: 2 }, probe: () => null, judge: () => passed(), figures: figures as never });
}

describe('drawFigures', () => {
  it("gives the check's figures from the same values the judge saw, compacted, with the check's id", () => {
    const check = checkWith(({ input, actual, expected }) => [line([input.n, actual as number, expected as number, NaN])]);
    expect(drawFigures(check, 'visible', 0.123456, 7)).toEqual([{ ...line([2, 0.1235, 7, null]), checkId: 'part.check' }]);
  });

  it('draws nothing for a hidden check: its reference values are part of what is hidden', () => {
    expect(drawFigures(checkWith(() => [line([1])]), 'hidden', 1, 1)).toEqual([]);
  });

  it('loses only the figures when the figure function throws or returns something else', () => {
    expect(drawFigures(checkWith(() => { throw new Error('author bug'); }), 'visible', 1, 1)).toEqual([]);
    expect(drawFigures(checkWith(() => 'nonsense' as unknown as Figure[]), 'visible', 1, 1)).toEqual([]);
    expect(drawFigures(checkWith(() => [{ kind: 'pie' } as unknown as Figure]), 'visible', 1, 1)).toEqual([]);
  });

  it('draws nothing for checks without figures, static ones included', () => {
    expect(drawFigures(checkWith(), 'visible', 1, 1)).toEqual([]);
    expect(drawFigures(defineStaticCheck({ id: 'part.static', title: 't', uses: [], find: () => null, judge: () => passed() }), 'visible', 1, 1)).toEqual([]);
  });

  it('caps the number of figures one check adds', () => {
    expect(drawFigures(checkWith(() => Array.from({ length: 50 }, () => line([1]))), 'visible', 1, 1)).toHaveLength(8);
  });
});
