/** A matrix as coloured cells with labelled rows and columns, and the colour scale beside it. */
import { escapeHtml } from '../escape.js';
import { svgOpen, textWidth } from './axes.js';
import { divergingColor, INK, MISSING, MUTED, textColorOn } from './palette.js';
import { formatTick, niceStep, px } from './scale.js';

export interface HeatmapOptions {
  label: string;
  rowLabels: readonly string[];
  columnLabels: readonly string[];
  /** rows × columns; `null` (or a value that is not finite) is drawn grey and marked. */
  values: ReadonlyArray<ReadonlyArray<number | null>>;
  min: number;
  max: number;
  /** The side of the area the cells fill, in pixels. */
  size?: number;
}

/** Cells large enough to hold a number get it written in: the exact value, not only a shade. */
const MIN_ANNOTATED_CELL = 26;

export function renderHeatmap(options: HeatmapOptions): string {
  const rows = options.values.length;
  const columns = Math.max(0, ...options.values.map((row) => row.length));
  const cell = Math.max(8, Math.min(40, Math.floor((options.size ?? 180) / Math.max(1, rows, columns))));
  const rowLabelWidth = Math.max(0, ...options.rowLabels.map((label) => textWidth(label, 11))) + 10;
  const columnLabelHeight = Math.max(0, ...options.columnLabels.map((label) => textWidth(label, 11))) * 0.75 + 14;
  const left = rowLabelWidth;
  const top = 6;
  const width = left + columns * cell + 8;
  const height = top + rows * cell + columnLabelHeight;
  const parts = [svgOpen(width, height, options.label, 'chart heatmap-chart')];
  const isAnnotated = cell >= MIN_ANNOTATED_CELL;
  parts.push('<g class="cells" font-size="10" text-anchor="middle" dominant-baseline="middle">');
  options.values.forEach((row, r) => {
    row.forEach((value, c) => {
      const x = left + c * cell;
      const y = top + r * cell;
      const isMissing = typeof value !== 'number' || !Number.isFinite(value);
      const fill = isMissing ? MISSING : divergingColor(value, options.min, options.max);
      const text = isMissing ? 'NaN' : value.toFixed(2);
      parts.push(`<rect x="${px(x)}" y="${px(y)}" width="${px(cell)}" height="${px(cell)}" fill="${fill}" stroke="#fff" stroke-width="1"><title>${escapeHtml(`${options.rowLabels[r] ?? r}, ${options.columnLabels[c] ?? c}: ${isMissing ? 'not a finite number' : value}`)}</title></rect>`);
      if (isAnnotated || isMissing) {
        const color = isMissing ? INK : textColorOn(value, options.min, options.max);
        parts.push(`<text x="${px(x + cell / 2)}" y="${px(y + cell / 2)}" fill="${color}"${isAnnotated ? '' : ' font-size="7"'}>${text}</text>`);
      }
    });
  });
  parts.push('</g>');
  parts.push(`<g class="row-labels" font-size="11" fill="${INK}" text-anchor="end" dominant-baseline="middle">`);
  options.rowLabels.slice(0, rows).forEach((label, r) => parts.push(`<text x="${px(left - 5)}" y="${px(top + r * cell + cell / 2)}">${escapeHtml(label)}</text>`));
  parts.push('</g>');
  parts.push(`<g class="column-labels" font-size="11" fill="${INK}" text-anchor="end">`);
  options.columnLabels.slice(0, columns).forEach((label, c) => {
    const x = left + c * cell + cell / 2;
    const y = top + rows * cell + 8;
    parts.push(`<text x="${px(x)}" y="${px(y)}" transform="rotate(-45 ${px(x)} ${px(y)})" dominant-baseline="hanging">${escapeHtml(label)}</text>`);
  });
  parts.push('</g></svg>');
  return parts.join('\n');
}

export interface ColorScaleOptions {
  label: string;
  min: number;
  max: number;
  height?: number;
}

/** A vertical colour bar from min to max with a few values marked: the key to every panel beside it. */
export function renderColorScale(options: ColorScaleOptions): string {
  const height = options.height ?? 220;
  const steps = 24;
  const barTop = 8;
  const barHeight = height - 16;
  const step = niceStep(options.min, options.max, 4);
  const parts = [svgOpen(64, height, options.label, 'color-scale')];
  // Discrete bands rather than a gradient: a gradient needs an id, and ids clash between figures.
  for (let i = 0; i < steps; i++) {
    const value = options.max - ((i + 0.5) / steps) * (options.max - options.min);
    parts.push(`<rect x="4" y="${px(barTop + (i * barHeight) / steps)}" width="14" height="${px(barHeight / steps + 0.5)}" fill="${divergingColor(value, options.min, options.max)}"/>`);
  }
  parts.push(`<rect x="4" y="${barTop}" width="14" height="${px(barHeight)}" fill="none" stroke="${MUTED}"/>`);
  parts.push(`<g font-size="10" fill="${MUTED}" dominant-baseline="middle">`);
  const first = Math.ceil(options.min / step) * step;
  for (let value = first; value <= options.max + step * 1e-9; value += step) {
    const y = barTop + ((options.max - value) / (options.max - options.min)) * barHeight;
    parts.push(`<line x1="18" x2="22" y1="${px(y)}" y2="${px(y)}" stroke="${MUTED}"/><text x="25" y="${px(y)}">${escapeHtml(formatTick(value, step))}</text>`);
  }
  parts.push('</g></svg>');
  return parts.join('\n');
}
