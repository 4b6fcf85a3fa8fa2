/**
 * Comparing what came back with what was expected, and saying how they differ in words a student
 * can act on: the shapes, the largest absolute difference and where it is, NaN or Infinity present.
 */
import type { Wire, WireTensor } from '../runtime/protocol.js';
import type { NumericDifference } from '../report/types.js';
import type { Tolerance } from '../rubric/schema.js';
import type { Verdict } from './types.js';

export interface PlainTensor {
  shape: number[];
  values: number[];
}

export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e5)) return value.toExponential(3);
  return String(Number(value.toFixed(4)));
}

/** An object as plain data, its keys readable one by one whatever they are. */
function asObjectWire(value: Wire): Record<string, Wire> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, Wire>) : null;
}

/**
 * A tensor as the runner writes one: a shape of whole numbers, a dtype, and as many numbers as the
 * shape holds. Anything else under `$tensor` is an object the student's code returned, which could
 * hold any keys; it is described and judged as that, never read as a tensor.
 */
function isTensorWire(value: Wire): value is { $tensor: WireTensor } {
  const tensor = asObjectWire(asObjectWire(value)?.$tensor ?? null);
  if (!tensor) return false;
  const { shape, values, dtype } = tensor;
  if (!Array.isArray(shape) || !Array.isArray(values) || typeof dtype !== 'string') return false;
  if (!shape.every((size) => typeof size === 'number' && Number.isInteger(size) && size >= 0)) return false;
  const size = (shape as number[]).reduce((product, n) => product * n, 1);
  return values.length === size && values.every((v) => typeof v === 'number');
}

/** A short description of any returned value, for "expected X, got Y" messages. */
export function describeWire(value: Wire): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return `the number ${formatNumber(value)}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (isTensorWire(value)) return `a ${value.$tensor.dtype} tensor of shape ${formatShape(value.$tensor.shape)}`;
  // The runner's own markers; an object of the student's with the same keys holds anything there.
  const object = value as Record<string, Wire>;
  const keys = Object.keys(object);
  if (object.$undefined === true && keys.length === 1) return 'undefined';
  if (typeof object.$opaque === 'string' && keys.length === 1) return `a value that ${object.$opaque}`;
  return `an object with keys {${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', …' : ''}}`;
}

/** A property of a returned object, or `undefined` (as wire data) when there is none. */
export function field(value: Wire, key: string): Wire {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && key in value) {
    return (value as { [key: string]: Wire })[key];
  }
  return { $undefined: true };
}

/** An element of a returned array, or `undefined` (as wire data) when there is none. */
export function item(value: Wire, index: number): Wire {
  return Array.isArray(value) && index < value.length ? value[index] : { $undefined: true };
}

export function asTensor(value: Wire): PlainTensor | null {
  if (isTensorWire(value)) return { shape: value.$tensor.shape, values: value.$tensor.values };
  return null;
}

/** A nested array of numbers (`number[]`, `number[][]`) as a tensor, or null if it is ragged. */
export function asNumericArray(value: Wire): PlainTensor | null {
  const shape: number[] = [];
  let level: Wire = value;
  while (Array.isArray(level)) {
    shape.push(level.length);
    if (level.length === 0) break;
    level = level[0];
  }
  if (shape.length === 0) return null;
  const values: number[] = [];
  const walk = (node: Wire, depth: number): boolean => {
    if (depth === shape.length) {
      if (typeof node !== 'number') return false;
      values.push(node);
      return true;
    }
    return Array.isArray(node) && node.length === shape[depth] && node.every((child) => walk(child, depth + 1));
  };
  return walk(value, 0) ? { shape, values } : null;
}

/** A 2-d tensor or nested array as rows of numbers, or null if it is anything else. */
export function asMatrix(value: Wire): number[][] | null {
  const tensor = asTensor(value) ?? asNumericArray(value);
  if (!tensor || tensor.shape.length !== 2) return null;
  const [rows, cols] = tensor.shape;
  return Array.from({ length: rows }, (_, r) => tensor.values.slice(r * cols, (r + 1) * cols));
}

export function unravelIndex(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length).fill(0);
  let rest = flat;
  for (let d = shape.length - 1; d >= 0; d--) {
    index[d] = rest % shape[d];
    rest = Math.floor(rest / shape[d]);
  }
  return index;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

export interface Comparison {
  isClose: boolean;
  difference: NumericDifference;
}

/** numpy.allclose semantics, plus where the worst disagreement is. NaN never equals anything. */
export function compareTensors(actual: PlainTensor, expected: PlainTensor, tolerance: Tolerance): Comparison {
  const hasNaN = actual.values.some(Number.isNaN);
  const hasInfinity = actual.values.some((v) => !Number.isNaN(v) && !Number.isFinite(v));
  if (!sameShape(actual.shape, expected.shape)) {
    return { isClose: false, difference: { expectedShape: expected.shape, actualShape: actual.shape, hasNaN, hasInfinity } };
  }
  let worst = -1;
  let worstDiff = 0;
  let isClose = true;
  for (let i = 0; i < expected.values.length; i++) {
    const a = actual.values[i];
    const e = expected.values[i];
    const diff = Number.isNaN(a) || Number.isNaN(e) ? Infinity : Math.abs(a - e);
    if (!(diff <= tolerance.atol + tolerance.rtol * Math.abs(e))) isClose = false;
    if (diff > worstDiff || worst < 0) {
      worst = i;
      worstDiff = diff;
    }
  }
  const difference: NumericDifference = { expectedShape: expected.shape, actualShape: actual.shape, hasNaN, hasInfinity };
  if (worst >= 0) {
    difference.maxAbsDiff = worstDiff;
    difference.at = unravelIndex(worst, expected.shape);
    difference.expectedValue = expected.values[worst];
    difference.actualValue = actual.values[worst];
  }
  return { isClose, difference };
}

/** One sentence for a difference: shape first, then NaN/Infinity, then the largest gap. */
export function describeDifference(what: string, difference: NumericDifference, tolerance?: Tolerance): string {
  const { expectedShape, actualShape } = difference;
  if (expectedShape && actualShape && !sameShape(expectedShape, actualShape)) {
    return `${what} has shape ${formatShape(actualShape)}; expected ${formatShape(expectedShape)}.`;
  }
  const parts: string[] = [];
  if (difference.hasNaN) parts.push(`${what} contains NaN`);
  if (difference.hasInfinity) parts.push(`${what} contains Infinity`);
  if (difference.maxAbsDiff !== undefined && difference.at) {
    const where = difference.at.length > 0 ? ` at index ${formatShape(difference.at)}` : '';
    parts.push(
      `the largest absolute difference from the expected values is ${formatNumber(difference.maxAbsDiff)}${where} ` +
        `(expected ${formatNumber(difference.expectedValue!)}, got ${formatNumber(difference.actualValue!)})`,
    );
  }
  const allowed = tolerance ? `; allowed: ${formatNumber(tolerance.atol)} + ${formatNumber(tolerance.rtol)}·|expected|` : '';
  const sentence = parts.join('; ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}${allowed}.`;
}

/** Expect a tensor back; otherwise a failure that says what came instead. */
export function expectTensor(value: Wire, what: string): { tensor: PlainTensor } | { verdict: Verdict } {
  const tensor = asTensor(value);
  if (tensor) return { tensor };
  return { verdict: failed(`${what} should be a tf.Tensor, but it is ${describeWire(value)}.`) };
}

/** The reference's output is trusted: anything but a tensor is the exercise author's bug. */
export function referenceTensor(value: Wire, what: string): PlainTensor {
  const tensor = asTensor(value) ?? asNumericArray(value);
  if (!tensor) throw new Error(`the reference output for ${what} is ${describeWire(value)}, not a tensor`);
  return tensor;
}

/** The usual judge for "same numbers as the reference": pass, or a failure with the difference. */
export function judgeClose(what: string, actual: PlainTensor, expected: PlainTensor, tolerance: Tolerance, hint?: string): Verdict {
  const { isClose, difference } = compareTensors(actual, expected, tolerance);
  if (isClose) return { status: 'passed' };
  return failed(describeDifference(what, difference, tolerance) + (hint ? ` ${hint}` : ''), difference);
}

export function passed(message?: string): Verdict {
  return message === undefined ? { status: 'passed' } : { status: 'passed', message };
}

/** A failure, with where the numbers disagree when the judge knows (the report shows it beside the message). */
export function failed(message: string, difference?: NumericDifference): Verdict {
  return difference === undefined ? { status: 'failed', message } : { status: 'failed', message, difference };
}

/** Elements compared one by one before a long array is taken on the kind of its elements. */
const ELEMENTS_COMPARED = 1000;

function kindOf(value: Wire): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value !== 'object') return typeof value;
  if ('$tensor' in value) return 'tensor';
  if ('$undefined' in value) return 'undefined';
  if ('$opaque' in value) return 'opaque';
  return 'object';
}

/** Whether `actual` has the structure of `expected`, the trusted reference's value. */
export function isShapedLike(actual: Wire, expected: Wire): boolean {
  const kind = kindOf(actual);
  if (kind !== kindOf(expected) || kind === 'opaque') return false;
  if (kind === 'tensor') {
    const a = (actual as { $tensor: { shape: number[] } }).$tensor.shape;
    const e = (expected as { $tensor: { shape: number[] } }).$tensor.shape;
    return a.length === e.length && a.every((n, i) => n === e[i]);
  }
  if (kind === 'array') {
    const a = actual as Wire[];
    const e = expected as Wire[];
    if (a.length !== e.length) return false;
    for (let i = 0; i < a.length; i++) {
      if (i >= ELEMENTS_COMPARED) return kindOf(a[i]) === kindOf(e[i]);
      if (!isShapedLike(a[i], e[i])) return false;
    }
    return true;
  }
  if (kind === 'object') {
    const a = actual as { [key: string]: Wire };
    const e = expected as { [key: string]: Wire };
    const keys = Object.keys(e);
    return Object.keys(a).length === keys.length && keys.every((key) => Object.hasOwn(a, key) && isShapedLike(a[key], e[key]));
  }
  return true;
}
