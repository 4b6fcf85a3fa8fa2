/** Axes' arithmetic: mapping data to pixels, and tick values a person would choose. */

export interface Scale {
  (value: number): number;
  domain: [number, number];
}

/** Maps [d0, d1] onto [r0, r1]; an empty domain maps everything to the middle of the range. */
export function linearScale(domain: [number, number], range: [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  const scale = ((value: number) => (span === 0 ? (r0 + r1) / 2 : r0 + ((value - d0) / span) * (r1 - r0))) as Scale;
  scale.domain = domain;
  return scale;
}

/** 1, 2 or 5 times a power of ten: the step that gives about `count` ticks over [min, max]. */
export function niceStep(min: number, max: number, count: number): number {
  const raw = Math.abs(max - min) / Math.max(1, count);
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/**
 * A domain widened to whole steps around the data, and the ticks on it. A single value (or none)
 * gets a unit-wide domain around it, so that a flat line still has an axis.
 */
export function niceDomain(values: readonly number[], count = 5): { domain: [number, number]; ticks: number[]; step: number } {
  const finite = values.filter(Number.isFinite);
  let min = finite.length > 0 ? Math.min(...finite) : 0;
  let max = finite.length > 0 ? Math.max(...finite) : 1;
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    min -= pad;
    max += pad;
  }
  const step = niceStep(min, max, count);
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let i = 0; lo + i * step <= hi + step * 1e-9; i++) ticks.push(cleanFloat(lo + i * step));
  return { domain: [cleanFloat(lo), cleanFloat(hi)], ticks, step };
}

/** 0.30000000000000004 → 0.3: tick values computed by adding steps carry float noise. */
function cleanFloat(value: number): number {
  return Number(value.toPrecision(12));
}

/** A tick label with as many decimals as the step needs, and no more. */
export function formatTick(value: number, step: number): string {
  if (value !== 0 && (Math.abs(value) >= 1e5 || Math.abs(value) < 1e-4)) return value.toExponential(1);
  const decimals = Math.max(0, Math.min(6, -Math.floor(Math.log10(step) + 1e-9)));
  const text = value.toFixed(decimals);
  return text === `-${(0).toFixed(decimals)}` ? text.slice(1) : text;
}

/** Pixel coordinates to one decimal: enough for the eye, and the SVG stays short and stable. */
export function px(value: number): string {
  return String(Math.round(value * 10) / 10);
}
