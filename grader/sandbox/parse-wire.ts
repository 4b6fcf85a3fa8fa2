/**
 * What arrives on the results channel, made into values the judges can trust the shape of. The
 * runner shares the student's realm, so its JSON is checked again here, at a cost bounded by its
 * size: every marker must be exactly as the runner writes it (a tensor's values as many as its
 * shape says), strings and keys are capped, and anything else becomes an `$opaque` description
 * of what came back. Nothing here throws on any input.
 */
import { WIRE_ERROR_LIMITS, WIRE_LIMITS, type Wire, type WireError } from '../runtime/protocol.js';

const NON_FINITE = new Map<unknown, number>([['NaN', Number.NaN], ['Infinity', Number.POSITIVE_INFINITY], ['-Infinity', Number.NEGATIVE_INFINITY]]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Cut to the limit, and copied: a slice would keep the whole of a huge string alive. */
function clip(text: string, limit: number): string {
  return text.length > limit ? Buffer.from(`${text.slice(0, limit - 1)}…`, 'utf16le').toString('utf16le') : text;
}

/** A number as JSON carries it: a literal, or the marker of one JSON has no literal for. */
function parseNumber(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (isPlainObject(value) && Object.keys(value).length === 1 && NON_FINITE.has(value.$number)) return NON_FINITE.get(value.$number)!;
  return null;
}

function parseTensor(raw: unknown, budget: { elements: number }): Wire {
  const malformed: Wire = { $opaque: 'a malformed tensor (its shape, dtype or values are not what a tf.Tensor has)' };
  if (!isPlainObject(raw) || Object.keys(raw).length !== 3) return malformed;
  const { shape, dtype, values } = raw;
  if (!Array.isArray(shape) || shape.length > WIRE_LIMITS.rank || !shape.every((n) => Number.isInteger(n) && n >= 0)) return malformed;
  if (typeof dtype !== 'string' || dtype.length > 20 || !Array.isArray(values)) return malformed;
  const size = (shape as number[]).reduce((product, n) => product * n, 1);
  if (values.length !== size || size > budget.elements) return malformed;
  budget.elements -= size;
  const numbers = new Array<number>(size);
  for (let i = 0; i < size; i++) {
    const value = parseNumber(values[i]);
    if (value === null) return malformed;
    numbers[i] = value;
  }
  return { $tensor: { shape: shape as number[], dtype, values: numbers } };
}

/** Keys the runner writes as markers; a key of the student's that starts with `$` arrives as `$$…`. */
function parseMarker(raw: Record<string, unknown>, key: string, budget: { elements: number }): Wire {
  const value = raw[key];
  if (key === '$tensor') return parseTensor(value, budget);
  if (key === '$undefined' && value === true) return { $undefined: true };
  if (key === '$opaque' && typeof value === 'string') return { $opaque: clip(value, WIRE_LIMITS.opaqueChars) };
  if (key === '$number') {
    const number = parseNumber(raw);
    if (number !== null) return number;
  }
  return { $opaque: 'a malformed value' };
}

export function parseWire(raw: unknown, budget = { elements: WIRE_LIMITS.elements }, depth = 0): Wire {
  if (raw === null || typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : { $opaque: 'a malformed value' };
  if (typeof raw === 'string') return clip(raw, WIRE_LIMITS.stringChars);
  if (depth > WIRE_LIMITS.depth + 1) return { $opaque: 'value nested too deeply' };
  if (Array.isArray(raw)) {
    if (raw.length > budget.elements) return { $opaque: `array too large (${raw.length} elements)` };
    budget.elements -= raw.length;
    const out = new Array<Wire>(raw.length);
    for (let i = 0; i < raw.length; i++) out[i] = parseWire(raw[i], budget, depth + 1);
    return out;
  }
  if (!isPlainObject(raw)) return { $opaque: 'a malformed value' };
  const keys = Object.keys(raw);
  const marker = keys.find((key) => key.startsWith('$') && !key.startsWith('$$'));
  if (marker !== undefined) return keys.length === 1 ? parseMarker(raw, marker, budget) : { $opaque: 'a malformed value' };
  const out: { [key: string]: Wire } = {};
  for (const key of keys.slice(0, WIRE_LIMITS.keysPerObject)) {
    if (key.length > WIRE_LIMITS.keyChars) continue;
    // Defined, not assigned: a key named `__proto__` stays a key.
    Object.defineProperty(out, key, { value: parseWire(raw[key], budget, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function optionalText(value: unknown, limit: number): string | undefined {
  return typeof value === 'string' ? clip(value, limit) : undefined;
}

/** An error as the runner describes it, fields capped; null when it is not one. */
export function parseWireError(raw: unknown): WireError | null {
  if (!isPlainObject(raw) || typeof raw.name !== 'string' || typeof raw.message !== 'string') return null;
  if (typeof raw.isNotImplemented !== 'boolean' || typeof raw.isAccessDenied !== 'boolean') return null;
  const error: WireError = {
    name: clip(raw.name, WIRE_ERROR_LIMITS.name),
    message: clip(raw.message, WIRE_ERROR_LIMITS.message),
    isNotImplemented: raw.isNotImplemented,
    isAccessDenied: raw.isAccessDenied,
  };
  const stack = optionalText(raw.stack, WIRE_ERROR_LIMITS.stack);
  const code = optionalText(raw.code, WIRE_ERROR_LIMITS.code);
  const permission = optionalText(raw.permission, WIRE_ERROR_LIMITS.permission);
  const resource = optionalText(raw.resource, WIRE_ERROR_LIMITS.resource);
  if (stack !== undefined) error.stack = stack;
  if (code !== undefined) error.code = code;
  if (permission !== undefined) error.permission = permission;
  if (resource !== undefined) error.resource = resource;
  return error;
}
