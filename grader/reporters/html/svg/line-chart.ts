/** Curves over a shared x axis, e.g. a loss per epoch: one path per series, gaps where a value is missing. */
import { escapeHtml } from '../escape.js';
import { renderAxes, renderLegend, svgOpen, type Frame } from './axes.js';
import { linearScale, niceDomain, px } from './scale.js';

export interface LineChartSeries {
  name: string;
  /** Point i lies at x = xStart + i·xStep; `null` (or a value that is not finite) leaves a gap. */
  y: ReadonlyArray<number | null>;
  xStart?: number;
  xStep?: number;
  color: string;
  isDashed?: boolean;
}

export interface LineChartOptions {
  /** Read by screen readers, and shown as the SVG's tooltip. */
  label: string;
  xLabel: string;
  yLabel: string;
  series: readonly LineChartSeries[];
  width?: number;
  height?: number;
}

function pointsOf(series: LineChartSeries): Array<{ x: number; y: number | null }> {
  const start = series.xStart ?? 0;
  const step = series.xStep ?? 1;
  return series.y.map((y, index) => ({ x: start + index * step, y: typeof y === 'number' && Number.isFinite(y) ? y : null }));
}

/** The SVG path of one series: a new subpath after every gap. */
export function linePath(points: ReadonlyArray<{ x: number; y: number | null }>, toX: (x: number) => number, toY: (y: number) => number): string {
  let path = '';
  let isDrawing = false;
  for (const point of points) {
    if (point.y === null) {
      isDrawing = false;
      continue;
    }
    path += `${isDrawing ? 'L' : 'M'}${px(toX(point.x))},${px(toY(point.y))}`;
    isDrawing = true;
  }
  return path;
}

export function renderLineChart(options: LineChartOptions): string {
  const width = options.width ?? 560;
  const height = options.height ?? 320;
  const frame: Frame = { left: 60, top: 34, width: width - 60 - 18, height: height - 34 - 46 };
  const all = options.series.map(pointsOf);
  const xs = niceDomain(all.flatMap((points) => points.map((p) => p.x)), 6);
  const ys = niceDomain(all.flatMap((points) => points.flatMap((p) => (p.y === null ? [] : [p.y]))), 5);
  const x = linearScale(xs.domain, [frame.left, frame.left + frame.width]);
  const y = linearScale(ys.domain, [frame.top + frame.height, frame.top]);
  const parts = [svgOpen(width, height, options.label, 'chart line-chart')];
  parts.push(renderAxes(frame, { scale: x, ticks: xs.ticks, step: xs.step, label: options.xLabel }, { scale: y, ticks: ys.ticks, step: ys.step, label: options.yLabel }));
  options.series.forEach((series, index) => {
    const points = all[index];
    const dash = series.isDashed ? ' stroke-dasharray="6 4"' : '';
    parts.push(`<g class="series" data-name="${escapeHtml(series.name)}">`);
    parts.push(`<path d="${linePath(points, x, y)}" fill="none" stroke="${series.color}" stroke-width="2.2" stroke-linejoin="round"${dash}/>`);
    // A point with gaps on both sides would be invisible as a path: it gets a dot.
    points.forEach((point, i) => {
      const isAlone = point.y !== null && (points[i - 1]?.y ?? null) === null && (points[i + 1]?.y ?? null) === null;
      if (isAlone) parts.push(`<circle cx="${px(x(point.x))}" cy="${px(y(point.y!))}" r="2.5" fill="${series.color}"/>`);
    });
    parts.push('</g>');
  });
  parts.push(renderLegend(options.series.map((s) => ({ name: s.name, color: s.color, mark: s.isDashed ? 'dashed' : 'line' })), frame.left, 16));
  parts.push('</svg>');
  return parts.join('\n');
}
