/**
 * One figure of a report as HTML: the student's result beside the reference's, drawn by our own
 * SVG chart functions. Line and scatter figures share one pair of axes; heatmaps sit side by side
 * on one colour scale.
 */
import type { CheckFigure, FigureSource, HeatmapFigure, LineFigure, ScatterFigure } from '../../report/types.js';
import { escapeHtml } from './escape.js';
import { renderColorScale, renderHeatmap } from './svg/heatmap-chart.js';
import { renderLineChart } from './svg/line-chart.js';
import { SOURCE_COLORS } from './svg/palette.js';
import { renderScatterChart } from './svg/scatter-chart.js';

/** The reference first, so that the student's mark is drawn on top of it. */
function referenceFirst<T extends { source: FigureSource }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.source === b.source ? 0 : a.source === 'reference' ? -1 : 1));
}

function countMissing(values: ReadonlyArray<number | null>): number {
  return values.filter((value) => value === null).length;
}

function missingNote(name: string, missing: number, total: number, what: string): string[] {
  return missing > 0 ? [`${name}: ${missing} of ${total} ${what} not a finite number (NaN or Infinity), not drawn.`] : [];
}

function renderLineFigure(figure: LineFigure): { plots: string; notes: string[] } {
  const series = referenceFirst(figure.series);
  const plots = renderLineChart({
    label: figure.title,
    xLabel: figure.xLabel,
    yLabel: figure.yLabel,
    series: series.map((s) => ({ name: s.name, y: s.y, xStart: s.xStart, xStep: s.xStep, color: SOURCE_COLORS[s.source], isDashed: s.source === 'reference' })),
  });
  return { plots, notes: series.flatMap((s) => missingNote(s.name, countMissing(s.y), s.y.length, 'values are')) };
}

function renderHeatmapFigure(figure: HeatmapFigure): { plots: string; notes: string[] } {
  // Yours on the left, where the eye starts.
  const panels = referenceFirst(figure.panels).reverse();
  const cells = panels.map(
    (panel) =>
      `<div class="panel panel-${panel.source}"><div class="panel-name">${escapeHtml(panel.name)}</div>` +
      renderHeatmap({ label: `${figure.title}: ${panel.name}`, rowLabels: figure.rowLabels, columnLabels: figure.columnLabels, values: panel.values, min: figure.min, max: figure.max }) +
      '</div>',
  );
  cells.push(`<div class="panel panel-scale"><div class="panel-name">scale</div>${renderColorScale({ label: `${figure.title}: colour scale`, min: figure.min, max: figure.max })}</div>`);
  const notes = panels.flatMap((panel) => {
    const all = panel.values.flat();
    return missingNote(panel.name, countMissing(all), all.length, 'entries are');
  });
  return { plots: cells.join('\n'), notes };
}

function renderScatterFigure(figure: ScatterFigure): { plots: string; notes: string[] } {
  const series = referenceFirst(figure.series);
  const student = series.findIndex((s) => s.source === 'student');
  const reference = series.findIndex((s) => s.source === 'reference');
  const isPaired = figure.isPaired && student >= 0 && reference >= 0;
  const plots = renderScatterChart({
    label: figure.title,
    xLabel: figure.xLabel,
    yLabel: figure.yLabel,
    series: series.map((s, index) => ({
      name: s.name,
      points: s.points,
      color: SOURCE_COLORS[s.source],
      marker: s.source === 'reference' ? 'ring' : 'dot',
      // Paired points sit on each other: one set of labels is enough.
      isLabelled: !isPaired || index === reference,
    })),
    pairs: isPaired ? [student, reference] : undefined,
  });
  const notes = series.flatMap((s) => {
    const missing = s.points.filter((p) => p.x === null || p.y === null).length;
    return missingNote(s.name, missing, s.points.length, 'points have a coordinate that is');
  });
  return { plots, notes };
}

export interface FigureLink {
  /** The id of the check's row on the same page. */
  anchor: string;
  status: string;
}

export function renderFigure(figure: CheckFigure, id: string, check: FigureLink | undefined): string {
  const { plots, notes } =
    figure.kind === 'line' ? renderLineFigure(figure) : figure.kind === 'heatmap' ? renderHeatmapFigure(figure) : renderScatterFigure(figure);
  const from = check
    ? `<a href="#${escapeHtml(check.anchor)}"><code>${escapeHtml(figure.checkId)}</code></a> <span class="status status-${escapeHtml(check.status)}">${escapeHtml(check.status)}</span>`
    : `<code>${escapeHtml(figure.checkId)}</code>`;
  return (
    `<figure class="figure figure-${figure.kind}" id="${escapeHtml(id)}" data-check="${escapeHtml(figure.checkId)}">\n` +
    `<div class="plots">\n${plots}\n</div>\n` +
    `<figcaption><strong class="figure-title">${escapeHtml(figure.title)}</strong> ${escapeHtml(figure.caption)}` +
    notes.map((note) => ` <span class="figure-note">${escapeHtml(note)}</span>`).join('') +
    ` <span class="figure-check">From ${from}.</span></figcaption>` +
    '</figure>'
  );
}
