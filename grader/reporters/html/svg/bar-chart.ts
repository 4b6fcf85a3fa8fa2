/** Counts per category as vertical bars, each with its count on top: the class's score histogram. */
import { escapeHtml } from '../escape.js';
import { renderAxes, svgOpen, type Frame } from './axes.js';
import { INK } from './palette.js';
import { linearScale, niceDomain, px } from './scale.js';

export interface BarChartOptions {
  label: string;
  xLabel: string;
  yLabel: string;
  categories: readonly string[];
  values: readonly number[];
  color: string;
  width?: number;
  height?: number;
}

export function renderBarChart(options: BarChartOptions): string {
  const width = options.width ?? 640;
  const height = options.height ?? 280;
  const frame: Frame = { left: 56, top: 16, width: width - 56 - 12, height: height - 16 - 50 };
  const ys = niceDomain([0, ...options.values.filter(Number.isFinite)], 4);
  // Counts are whole: no tick at 0.5 students.
  const ticks = ys.ticks.filter((tick) => Number.isInteger(tick));
  const y = linearScale([0, ys.domain[1]], [frame.top + frame.height, frame.top]);
  const band = frame.width / Math.max(1, options.categories.length);
  const noXTicks = linearScale([0, 1], [frame.left, frame.left + frame.width]);
  const parts = [svgOpen(width, height, options.label, 'chart bar-chart')];
  parts.push(renderAxes(frame, { scale: noXTicks, ticks: [], step: 1, label: options.xLabel }, { scale: y, ticks, step: Math.max(1, ys.step), label: options.yLabel }));
  parts.push(`<g class="bars" font-size="11" text-anchor="middle">`);
  options.categories.forEach((category, index) => {
    const value = Number.isFinite(options.values[index]) ? options.values[index] : 0;
    const x = frame.left + index * band + band * 0.12;
    const top = y(value);
    const barHeight = frame.top + frame.height - top;
    parts.push(`<rect x="${px(x)}" y="${px(top)}" width="${px(band * 0.76)}" height="${px(barHeight)}" fill="${options.color}"><title>${escapeHtml(`${category}: ${value}`)}</title></rect>`);
    if (value > 0) parts.push(`<text x="${px(x + band * 0.38)}" y="${px(top - 4)}" fill="${INK}">${value}</text>`);
    parts.push(`<text x="${px(x + band * 0.38)}" y="${px(frame.top + frame.height + 15)}" fill="${INK}">${escapeHtml(category)}</text>`);
  });
  parts.push('</g></svg>');
  return parts.join('\n');
}
