/** What every x-y chart shares: the frame, ticks, grid, axis titles and the legend. */
import { escapeHtml } from '../escape.js';
import { GRID, INK, MUTED } from './palette.js';
import { formatTick, px, type Scale } from './scale.js';

/** The plotting area inside the SVG, in pixels. */
export interface Frame {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface AxisSpec {
  scale: Scale;
  ticks: number[];
  step: number;
  label: string;
}

/** Roughly how wide a text is at this size in a sans-serif face; enough to lay labels out. */
export function textWidth(text: string, fontSize = 12): number {
  return text.length * fontSize * 0.6;
}

/** The opening tag every chart uses: sized in pixels, scaled down by CSS on narrow screens. */
export function svgOpen(width: number, height: number, label: string, className: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="${escapeHtml(className)}" viewBox="0 0 ${px(width)} ${px(height)}" width="${px(width)}" height="${px(height)}" role="img" aria-label="${escapeHtml(label)}">` +
    `<title>${escapeHtml(label)}</title>`
  );
}

/** Grid lines, the two axes with their ticks and numbers, and the axis titles. */
export function renderAxes(frame: Frame, x: AxisSpec, y: AxisSpec): string {
  const bottom = frame.top + frame.height;
  const right = frame.left + frame.width;
  const parts: string[] = ['<g class="axes" font-size="11" fill="' + MUTED + '">'];
  for (const tick of y.ticks) {
    const ty = px(y.scale(tick));
    parts.push(`<line x1="${px(frame.left)}" x2="${px(right)}" y1="${ty}" y2="${ty}" stroke="${GRID}"/>`);
    parts.push(`<text x="${px(frame.left - 6)}" y="${ty}" text-anchor="end" dominant-baseline="middle">${escapeHtml(formatTick(tick, y.step))}</text>`);
  }
  for (const tick of x.ticks) {
    const tx = px(x.scale(tick));
    parts.push(`<line x1="${tx}" x2="${tx}" y1="${px(frame.top)}" y2="${px(bottom)}" stroke="${GRID}"/>`);
    parts.push(`<text x="${tx}" y="${px(bottom + 16)}" text-anchor="middle">${escapeHtml(formatTick(tick, x.step))}</text>`);
  }
  parts.push(`<path d="M${px(frame.left)},${px(frame.top)}V${px(bottom)}H${px(right)}" fill="none" stroke="${INK}"/>`);
  parts.push(`<text class="axis-label" x="${px(frame.left + frame.width / 2)}" y="${px(bottom + 34)}" text-anchor="middle" font-size="12" fill="${INK}">${escapeHtml(x.label)}</text>`);
  const yMid = frame.top + frame.height / 2;
  parts.push(`<text class="axis-label" x="14" y="${px(yMid)}" text-anchor="middle" font-size="12" fill="${INK}" transform="rotate(-90 14 ${px(yMid)})">${escapeHtml(y.label)}</text>`);
  parts.push('</g>');
  return parts.join('\n');
}

export interface LegendItem {
  name: string;
  color: string;
  mark: 'line' | 'dashed' | 'dot' | 'ring';
}

/** One row of swatches and names, starting at (x, y). */
export function renderLegend(items: readonly LegendItem[], x: number, y: number): string {
  const parts: string[] = ['<g class="legend" font-size="12">'];
  let at = x;
  for (const item of items) {
    if (item.mark === 'line' || item.mark === 'dashed') {
      const dash = item.mark === 'dashed' ? ' stroke-dasharray="5 3"' : '';
      parts.push(`<line x1="${px(at)}" x2="${px(at + 22)}" y1="${px(y)}" y2="${px(y)}" stroke="${item.color}" stroke-width="2.5"${dash}/>`);
    } else if (item.mark === 'dot') {
      parts.push(`<circle cx="${px(at + 11)}" cy="${px(y)}" r="4.5" fill="${item.color}"/>`);
    } else {
      parts.push(`<circle cx="${px(at + 11)}" cy="${px(y)}" r="7" fill="none" stroke="${item.color}" stroke-width="2"/>`);
    }
    parts.push(`<text x="${px(at + 28)}" y="${px(y)}" dominant-baseline="middle" fill="${INK}">${escapeHtml(item.name)}</text>`);
    at += 28 + textWidth(item.name) + 18;
  }
  parts.push('</g>');
  return parts.join('');
}
