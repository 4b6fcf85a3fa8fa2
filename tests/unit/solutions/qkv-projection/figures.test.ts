import { describe, expect, it } from 'vitest';
import type { Wire } from '../../../../grader/checks/index.js';
import { X } from '../../../../solutions/qkv-projection/checks/data.js';
import { learnedProjectionFigures, lossCurveFigure, multiply, projectionScatterFigures, similarityHeatmapFigures } from '../../../../solutions/qkv-projection/checks/figures.js';

const tensor = (rows: number[][]): Wire => ({ $tensor: { shape: [rows.length, rows[0].length], dtype: 'float32', values: rows.flat() } });
const identity6 = Array.from({ length: 6 }, (_, r) => Array.from({ length: 6 }, (_, c) => (r === c ? 1 : 0)));
const wordRows = (cols: number) => Array.from({ length: 6 }, (_, r) => Array.from({ length: cols }, (_, c) => r + c / 10));

describe('the qkv-projection figures', () => {
  it('plot the student beside the reference when both can be drawn', () => {
    const loss = lossCurveFigure([0.7, 0.5, 0.3], [0.7, 0.4, 0.1], 'trainAttentionPairs');
    expect(loss.series.map((s) => s.source)).toEqual(['student', 'reference']);
    const heatmaps = similarityHeatmapFigures([tensor(identity6), tensor(identity6)], [tensor(identity6), tensor(identity6)], [1, 2]);
    expect(heatmaps.map((h) => h.title)).toEqual(['Query similarity, dK = 1', 'Query similarity, dK = 2']);
    expect(heatmaps[0].panels.map((p) => p.source)).toEqual(['student', 'reference']);
    const triple = [tensor(wordRows(2)), tensor(wordRows(2)), tensor(wordRows(2))];
    const scatters = projectionScatterFigures(triple, triple, 'projectWithWeights');
    expect(scatters.map((s) => s.title)).toEqual(['Queries (Q) of "The cat sat on the mat"', 'Keys (K) of "The cat sat on the mat"', 'Values (V) of "The cat sat on the mat"']);
    expect(scatters[0].series[0].points[1]).toEqual({ label: 'cat', x: 1, y: 1.1 });
    expect(scatters[0].caption).toContain('dimensions 0 and 1');
  });

  it("show the reference alone, and say why, when the student's value cannot be drawn", () => {
    const loss = lossCurveFigure('not losses', [0.7, 0.1], 'trainAttentionPairs');
    expect(loss.series.map((s) => s.source)).toEqual(['reference']);
    expect(loss.caption).toContain('Your losses could not be drawn: they are the string "not losses".');
    const [heatmap] = similarityHeatmapFigures([tensor(wordRows(4))], [tensor(identity6)], [4]);
    expect(heatmap.panels.map((p) => p.source)).toEqual(['reference']);
    expect(heatmap.caption).toContain('could not be drawn: it is not [6, 6]');
    const [q] = projectionScatterFigures([tensor(wordRows(1))], [tensor(wordRows(2))], 'projectWithWeights');
    expect(q.series.map((s) => s.source)).toEqual(['reference']);
  });

  it('plot the first two dimensions of wider projections, and the learned ones through X', () => {
    const [q] = projectionScatterFigures([tensor(wordRows(5))], [tensor(wordRows(2))], 'projectWithWeights');
    expect(q.series[0].points[0]).toEqual({ label: 'The', x: 0, y: 0.1 });
    const w = [[1, 0], [0, 1], [0, 0], [0, 0]];
    const [learnedQ, learnedK] = learnedProjectionFigures(X, { wQ: tensor(w), wK: 'nothing' }, { wQ: tensor(w), wK: tensor(w) });
    expect(learnedQ.series[0].points.map((p) => [p.x, p.y])).toEqual(X.map((row) => [row[0], row[1]]));
    expect(learnedQ.isPaired).toBe(false);
    expect(learnedK.series.map((s) => s.source)).toEqual(['reference']);
    expect(multiply([[1, 2]], [[1], [1], [1]])).toBeNull();
  });
});
