/**
 * Figures as the report keeps them: every size capped and every number rounded, so that a report
 * with plots stays a few kilobytes whatever a student's code returned, and a value that is not
 * finite becomes `null` (which JSON can carry, where NaN would silently turn into null anyway).
 */
import type { Figure, HeatmapFigure, LineFigure, ScatterFigure } from './types.js';

export const FIGURE_LIMITS = {
  figuresPerCheck: 8,
  figuresPerReport: 24,
  seriesPerFigure: 8,
  /** Longer series keep every n-th point; the figure's xStep says so. */
  pointsPerLine: 500,
  pointsPerScatter: 200,
  /** Larger matrices are cut to their top-left corner. */
  heatmapSide: 32,
  titleChars: 120,
  captionChars: 600,
  labelChars: 40,
  significantDigits: 4,
} as const;

function cut(text: unknown, max: number): string {
  const value = typeof text === 'string' ? text : String(text ?? '');
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

/** Four significant digits; `null` for NaN, ±Infinity and anything that is not a number. */
export function roundFigureNumber(value: unknown): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  return Number(value.toPrecision(FIGURE_LIMITS.significantDigits));
}

function finiteOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function compactLine(figure: LineFigure): LineFigure {
  return {
    kind: 'line',
    title: cut(figure.title, FIGURE_LIMITS.titleChars),
    caption: cut(figure.caption, FIGURE_LIMITS.captionChars),
    xLabel: cut(figure.xLabel, FIGURE_LIMITS.labelChars),
    yLabel: cut(figure.yLabel, FIGURE_LIMITS.labelChars),
    series: figure.series.slice(0, FIGURE_LIMITS.seriesPerFigure).map((series) => {
      const values = Array.isArray(series.y) ? series.y : [];
      const stride = Math.max(1, Math.ceil(values.length / FIGURE_LIMITS.pointsPerLine));
      const xStart = finiteOr(series.xStart, 0);
      const xStep = finiteOr(series.xStep, 1) * stride;
      return {
        name: cut(series.name, FIGURE_LIMITS.labelChars),
        source: series.source,
        y: values.filter((_, index) => index % stride === 0).map(roundFigureNumber),
        ...(xStart !== 0 ? { xStart } : {}),
        ...(xStep !== 1 ? { xStep } : {}),
      };
    }),
  };
}

function compactHeatmap(figure: HeatmapFigure): HeatmapFigure {
  const side = FIGURE_LIMITS.heatmapSide;
  const min = finiteOr(figure.min, 0);
  const max = finiteOr(figure.max, 1);
  return {
    kind: 'heatmap',
    title: cut(figure.title, FIGURE_LIMITS.titleChars),
    caption: cut(figure.caption, FIGURE_LIMITS.captionChars),
    rowLabels: figure.rowLabels.slice(0, side).map((label) => cut(label, FIGURE_LIMITS.labelChars)),
    columnLabels: figure.columnLabels.slice(0, side).map((label) => cut(label, FIGURE_LIMITS.labelChars)),
    // A scale that is empty or upside down would divide by zero when colouring.
    min: Math.min(min, max),
    max: max > min ? max : min + 1,
    panels: figure.panels.slice(0, FIGURE_LIMITS.seriesPerFigure).map((panel) => ({
      name: cut(panel.name, FIGURE_LIMITS.labelChars),
      source: panel.source,
      values: (Array.isArray(panel.values) ? panel.values : []).slice(0, side).map((row) => (Array.isArray(row) ? row : []).slice(0, side).map(roundFigureNumber)),
    })),
  };
}

function compactScatter(figure: ScatterFigure): ScatterFigure {
  return {
    kind: 'scatter',
    title: cut(figure.title, FIGURE_LIMITS.titleChars),
    caption: cut(figure.caption, FIGURE_LIMITS.captionChars),
    xLabel: cut(figure.xLabel, FIGURE_LIMITS.labelChars),
    yLabel: cut(figure.yLabel, FIGURE_LIMITS.labelChars),
    isPaired: figure.isPaired === true,
    series: figure.series.slice(0, FIGURE_LIMITS.seriesPerFigure).map((series) => ({
      name: cut(series.name, FIGURE_LIMITS.labelChars),
      source: series.source,
      points: (Array.isArray(series.points) ? series.points : []).slice(0, FIGURE_LIMITS.pointsPerScatter).map((point) => ({
        label: cut(point.label, FIGURE_LIMITS.labelChars),
        x: roundFigureNumber(point.x),
        y: roundFigureNumber(point.y),
      })),
    })),
  };
}

/** The figure as the report will hold it; throws only on a figure of no known kind. */
export function compactFigure(figure: Figure): Figure {
  switch (figure.kind) {
    case 'line':
      return compactLine(figure);
    case 'heatmap':
      return compactHeatmap(figure);
    case 'scatter':
      return compactScatter(figure);
    default:
      throw new Error(`unknown figure kind ${JSON.stringify((figure as { kind?: unknown }).kind)}`);
  }
}
