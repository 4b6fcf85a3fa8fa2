import { describe, expect, it } from 'vitest';
import type { Wire } from '../../../../grader/checks/index.js';
import { attentionHeatmap } from '../../../../solutions/scaled-attention/checks/figures.js';

const tensor = (rows: number[][]): Wire => ({ $tensor: { shape: [rows.length, rows[0].length], dtype: 'float32', values: rows.flat() } });
const result = (weights: number[][]): Wire => ({ output: tensor(weights), weights: tensor(weights) });
const causal = [[1, 0, 0], [0.4, 0.6, 0], [0.2, 0.3, 0.5]];

describe('the scaled-attention figure', () => {
  it("draws the student's weights beside the reference's, one row per query", () => {
    const figure = attentionHeatmap({ actual: result(causal), expected: result(causal), n: 3, title: 't', caption: 'c' });
    expect(figure.panels.map((p) => p.source)).toEqual(['student', 'reference']);
    expect(figure.panels[0].values).toEqual(causal);
    expect(figure.rowLabels).toEqual(['word 0 (query)', 'word 1 (query)', 'word 2 (query)']);
    expect([figure.min, figure.max]).toEqual([0, 1]);
  });

  it('shows the reference alone, and says why, when the weights are not [n, n]', () => {
    const figure = attentionHeatmap({ actual: result([[1, 0], [0, 1]]), expected: result(causal), n: 3, title: 't', caption: 'c' });
    expect(figure.panels.map((p) => p.source)).toEqual(['reference']);
    expect(figure.caption).toContain('not weights of shape [3, 3]');
    expect(attentionHeatmap({ actual: 'nothing', expected: result(causal), n: 3, title: 't', caption: 'c' }).panels).toHaveLength(1);
  });
});
