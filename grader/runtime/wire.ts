/**
 * Turns whatever a probe returned into plain data. The value comes from untrusted code, so every
 * read is guarded: a throwing getter, a Proxy, a cycle or a huge array becomes an `$opaque`
 * marker with a description instead of crashing the runner.
 */
import type { Wire, WireError } from './protocol.js';

const MAX_DEPTH = 8;
const MAX_ELEMENTS = 2_000_000;

// Captured when the runner loads, before any student code: a submission that patches
// Array.prototype, Object or Number changes its own results, never how they are read.
const isArray = Array.isArray;
const isView = ArrayBuffer.isView;
const objectKeys = Object.keys;
const toNumber = Number;
const toString = String;

export interface TensorLike {
  shape: number[];
  dtype: string;
  dataSync(): ArrayLike<number>;
}

export function toWire(value: unknown, isTensor: (v: unknown) => v is TensorLike): Wire {
  const budget = { elements: MAX_ELEMENTS };
  const seen = new Set<unknown>();
  return convert(value, 0);

  function convert(v: unknown, depth: number): Wire {
    if (v === null) return null;
    if (v === undefined) return { $undefined: true };
    const kind = typeof v;
    if (kind === 'number' || kind === 'boolean' || kind === 'string') return v as number | boolean | string;
    if (kind === 'bigint') return Number(v);
    if (kind !== 'object') return { $opaque: kind };
    if (depth > MAX_DEPTH) return { $opaque: 'value nested too deeply' };
    if (seen.has(v)) return { $opaque: 'cyclic reference' };
    seen.add(v);
    try {
      if (isTensor(v)) {
        const shape = copyNumbers(v.shape);
        const data = v.dataSync();
        if (data.length > budget.elements) return { $opaque: `tensor too large (${data.length} elements)` };
        budget.elements -= data.length;
        return { $tensor: { shape, dtype: toString(v.dtype), values: copyNumbers(data) } };
      }
      if (isView(v) && !(v instanceof DataView)) {
        const arr = v as unknown as ArrayLike<number>;
        if (arr.length > budget.elements) return { $opaque: `array too large (${arr.length} elements)` };
        budget.elements -= arr.length;
        return copyNumbers(arr);
      }
      if (isArray(v)) {
        const length = toNumber(v.length);
        if (length > budget.elements) return { $opaque: `array too large (${length} elements)` };
        budget.elements -= length;
        const out: Wire[] = new Array<Wire>(length);
        for (let i = 0; i < length; i++) out[i] = convert(v[i], depth + 1);
        return out;
      }
      const out: { [key: string]: Wire } = {};
      const keys = objectKeys(v as object);
      for (let i = 0; i < keys.length && i < 64; i++) {
        out[keys[i]] = convert((v as Record<string, unknown>)[keys[i]], depth + 1);
      }
      return out;
    } catch (error) {
      return { $opaque: `could not be read: ${describeThrown(error)}` };
    } finally {
      seen.delete(v);
    }
  }
}

function copyNumbers(values: ArrayLike<number>): number[] {
  const length = toNumber(values.length);
  const out = new Array<number>(length);
  for (let i = 0; i < length; i++) out[i] = toNumber(values[i]);
  return out;
}

export function describeThrown(error: unknown): string {
  try {
    if (error instanceof Error) return `${error.name}: ${error.message}`;
    return `a thrown ${typeof error}: ${String(error).slice(0, 200)}`;
  } catch {
    return 'an unreadable thrown value';
  }
}

export function toWireError(error: unknown): WireError {
  let name = 'Error';
  let message = '';
  let stack: string | undefined;
  let code: string | undefined;
  let permission: string | undefined;
  let resource: string | undefined;
  try {
    if (error instanceof Error) {
      name = String(error.name);
      message = String(error.message);
      stack = typeof error.stack === 'string' ? error.stack.slice(0, 4000) : undefined;
      const extra = error as Error & { code?: unknown; permission?: unknown; resource?: unknown };
      code = typeof extra.code === 'string' ? extra.code : undefined;
      permission = typeof extra.permission === 'string' ? extra.permission : undefined;
      resource = typeof extra.resource === 'string' ? extra.resource : undefined;
    } else {
      name = 'NonErrorThrown';
      message = describeThrown(error);
    }
  } catch {
    message = 'an error whose properties could not be read';
  }
  return {
    name,
    message: message.slice(0, 2000),
    stack,
    code,
    isNotImplemented: /^TODO\b/.test(message),
    isAccessDenied: code === 'ERR_ACCESS_DENIED',
    permission,
    resource,
  };
}
