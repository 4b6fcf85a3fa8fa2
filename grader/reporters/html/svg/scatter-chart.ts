/** Labelled points on two axes, several series at once; optionally each point joined to its pair. */
import { escapeHtml } from '../escape.js';
import { renderAxes, renderLegend, svgOpen, type Frame } from './axes.js';
import { GRID, INK, MUTED } from './palette.js';
import { linearScale, niceDomain, px } from './scale.js';

export interface ScatterPoint {
  label: string;
  x: number | null;
  y: number | null;
}

export interface ScatterChartSeries {
  name: string;
  points: readonly ScatterPoint[];
  color: string;
  /** `dot`: a filled point; `ring`: an open circle, large enough for a dot to show inside it. */
  marker: 'dot' | 'ring';
  /** Whether each point's label is written beside it. */
  isLabelled: boolean;
}

export interface ScatterChartOptions {
  label: string;
  xLabel: string;
  yLabel: string;
  series: readonly ScatterChartSeries[];
  /**
   * Join the points of the same label in these two series (by index into `series`) with a line:
   * how far each one is from where it should be.
   */
  pairs?: [number, number];
  width?: number;
  height?: number;
}

function isDrawn(point: ScatterPoint): point is { label: string; x: number; y: number } {
  return typeof point.x === 'number' && Number.isFinite(point.x) && typeof point.y === 'number' && Number.isFinite(point.y);
}

export function renderScatterChart(options: ScatterChartOptions): string {
  const width = options.width ?? 360;
  const height = options.height ?? 320;
  const frame: Frame = { left: 60, top: 34, width: width - 60 - 18, height: height - 34 - 46 };
  const drawn = options.series.map((series) => series.points.filter(isDrawn));
  const all = drawn.flat();
  // A margin around the points, so that markers and labels at the edge stay inside the frame.
  const spread = (values: number[]): number[] => {
    if (values.length === 0) return values;
    const pad = (Math.max(...values) - Math.min(...values)) * 0.12 || 0.1;
    return [...values, Math.min(...values) - pad, Math.max(...values) + pad];
  };
  const xs = niceDomain(spread(all.map((p) => p.x)), 5);
  const ys = niceDomain(spread(all.map((p) => p.y)), 5);
  const x = linearScale(xs.domain, [frame.left, frame.left + frame.width]);
  const y = linearScale(ys.domain, [frame.top + frame.height, frame.top]);
  const parts = [svgOpen(width, height, options.label, 'chart scatter-chart')];
  parts.push(renderAxes(frame, { scale: x, ticks: xs.ticks, step: xs.step, label: options.xLabel }, { scale: y, ticks: ys.ticks, step: ys.step, label: options.yLabel }));
  // The zero lines, where zero is inside the axes: the signs of the points show at a glance.
  if (xs.domain[0] < 0 && xs.domain[1] > 0) parts.push(`<line class="zero" x1="${px(x(0))}" x2="${px(x(0))}" y1="${px(frame.top)}" y2="${px(frame.top + frame.height)}" stroke="${MUTED}" stroke-width="0.8"/>`);
  if (ys.domain[0] < 0 && ys.domain[1] > 0) parts.push(`<line class="zero" x1="${px(frame.left)}" x2="${px(frame.left + frame.width)}" y1="${px(y(0))}" y2="${px(y(0))}" stroke="${MUTED}" stroke-width="0.8"/>`);
  if (options.pairs) {
    const [a, b] = options.pairs;
    const others = new Map((drawn[b] ?? []).map((p) => [p.label, p]));
    parts.push(`<g class="pairs" stroke="${MUTED}" stroke-width="1.2">`);
    for (const p of drawn[a] ?? []) {
      const q = others.get(p.label);
      if (q && (p.x !== q.x || p.y !== q.y)) parts.push(`<line x1="${px(x(p.x))}" y1="${px(y(p.y))}" x2="${px(x(q.x))}" y2="${px(y(q.y))}"/>`);
    }
    parts.push('</g>');
  }
  // Rings under dots, so that a dot on its ring shows as a match.
  const order = options.series.map((_, index) => index).sort((i, j) => (options.series[i].marker === 'ring' ? 0 : 1) - (options.series[j].marker === 'ring' ? 0 : 1));
  for (const index of order) {
    const series = options.series[index];
    parts.push(`<g class="series" data-name="${escapeHtml(series.name)}">`);
    for (const p of drawn[index]) {
      const cx = px(x(p.x));
      const cy = px(y(p.y));
      const title = `<title>${escapeHtml(`${series.name}: ${p.label} (${p.x}, ${p.y})`)}</title>`;
      parts.push(
        series.marker === 'ring'
          ? `<circle cx="${cx}" cy="${cy}" r="8" fill="none" stroke="${series.color}" stroke-width="2">${title}</circle>`
          : `<circle cx="${cx}" cy="${cy}" r="4.5" fill="${series.color}" stroke="#fff" stroke-width="1">${title}</circle>`,
      );
      if (series.isLabelled) parts.push(`<text x="${px(x(p.x) + 10)}" y="${px(y(p.y) - 8)}" font-size="11" font-weight="600" fill="${INK}">${escapeHtml(p.label)}</text>`);
    }
    parts.push('</g>');
  }
  parts.push(renderLegend(options.series.map((s) => ({ name: s.name, color: s.color, mark: s.marker })), frame.left, 16));
  if (all.length === 0) parts.push(`<text x="${px(frame.left + frame.width / 2)}" y="${px(frame.top + frame.height / 2)}" text-anchor="middle" fill="${MUTED}">no point to draw</text>`);
  parts.push(`<rect x="${px(frame.left)}" y="${px(frame.top)}" width="${px(frame.width)}" height="${px(frame.height)}" fill="none" stroke="${GRID}"/>`);
  parts.push('</svg>');
  return parts.join('\n');
}
