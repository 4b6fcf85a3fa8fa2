/** Colours shared by every chart, chosen to stay apart for the common forms of colour blindness. */
import type { FigureSource } from '../../../report/types.js';

export const SOURCE_COLORS: Record<FigureSource, string> = {
  student: '#d95f02',
  reference: '#1f5f99',
};

export const INK = '#222';
export const MUTED = '#666';
export const GRID = '#e3e3e3';
export const MISSING = '#b0b0b0';

/** Matplotlib's coolwarm at its ends and middle: blue for the low end, red for the high end. */
const COOL: [number, number, number] = [59, 76, 192];
const MIDDLE: [number, number, number] = [221, 221, 221];
const WARM: [number, number, number] = [180, 4, 38];

function mix(a: [number, number, number], b: [number, number, number], t: number): string {
  const channel = (i: number) => Math.round(a[i] + (b[i] - a[i]) * t).toString(16).padStart(2, '0');
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}

/** The colour of `value` on a diverging scale from min (blue) through the middle (grey) to max (red). */
export function divergingColor(value: number, min: number, max: number): string {
  const t = max > min ? Math.min(1, Math.max(0, (value - min) / (max - min))) : 0.5;
  return t < 0.5 ? mix(COOL, MIDDLE, t * 2) : mix(MIDDLE, WARM, (t - 0.5) * 2);
}

/** Text on a cell of this value: white on the dark ends of the scale, dark in the middle. */
export function textColorOn(value: number, min: number, max: number): string {
  const t = max > min ? (value - min) / (max - min) : 0.5;
  return Math.abs(t - 0.5) > 0.3 ? '#fff' : INK;
}
