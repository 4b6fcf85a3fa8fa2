/**
 * Turns whatever a probe returned into the JSON text of a Wire value, written straight out: no
 * intermediate object is built, so no setter the student planted on a prototype sees or changes
 * what is being sent. Every read of the student's value is guarded: a throwing getter, a Proxy, a
 * cycle or a huge array becomes an `$opaque` marker with a description instead of crashing the
 * runner. The text is ASCII, so its length is its size in bytes.
 */
import {
  isArray,
  isFiniteNumber,
  isNaNNumber,
  isView,
  jsonStringify,
  NativeDataView,
  NativeSet,
  numberToString,
  objectKeys,
  setAdd,
  setDelete,
  setHas,
  stringCharCodeAt,
  stringSlice,
  toNumber,
  toText,
} from './intrinsics.js';
import { WIRE_ERROR_LIMITS, WIRE_LIMITS } from './protocol.js';

export interface TensorLike {
  shape: number[];
  dtype: string;
  dataSync(): ArrayLike<number>;
}

/** A number as JSON: the ones JSON has no literal for become markers. */
export function numberJson(value: number): string {
  if (isFiniteNumber(value)) return numberToString(value);
  if (isNaNNumber(value)) return '{"$number":"NaN"}';
  return value > 0 ? '{"$number":"Infinity"}' : '{"$number":"-Infinity"}';
}

/** A string as JSON, with every character outside printable ASCII escaped. */
export function stringJson(value: string): string {
  const quoted = jsonStringify(value) as string;
  let out = '';
  let runStart = 0;
  for (let i = 0; i < quoted.length; i++) {
    const code = stringCharCodeAt(quoted, i);
    if (code < 0x7f) continue;
    const hex = numberToString(code, 16);
    out += `${stringSlice(quoted, runStart, i)}\\u${stringSlice('0000', hex.length)}${hex}`;
    runStart = i + 1;
  }
  return runStart === 0 ? quoted : out + stringSlice(quoted, runStart);
}

function clip(text: string, limit: number): string {
  return text.length > limit ? `${stringSlice(text, 0, limit - 1)}…` : text;
}

function opaqueJson(description: string): string {
  return `{"$opaque":${stringJson(clip(description, WIRE_LIMITS.opaqueChars))}}`;
}

/** A key of the student's object; one that starts with `$` is escaped with another. */
function keyJson(key: string): string {
  return stringJson(stringCharCodeAt(key, 0) === 0x24 ? `$${key}` : key);
}

export function encodeWire(value: unknown, isTensor: (v: unknown) => v is TensorLike): string {
  let budget: number = WIRE_LIMITS.elements;
  const seen = new NativeSet<unknown>();
  return convert(value, 0);

  function numbersJson(values: ArrayLike<number>): string {
    const length = toNumber(values.length);
    if (!(length >= 0) || length > budget) return opaqueJson(`array too large (${length} elements)`);
    budget -= length;
    let out = '[';
    for (let i = 0; i < length; i++) out += (i === 0 ? '' : ',') + numberJson(toNumber(values[i]));
    return `${out}]`;
  }

  function convert(v: unknown, depth: number): string {
    if (v === null) return 'null';
    if (v === undefined) return '{"$undefined":true}';
    const kind = typeof v;
    if (kind === 'number') return numberJson(v as number);
    if (kind === 'boolean') return v ? 'true' : 'false';
    if (kind === 'string') return stringJson(clip(v as string, WIRE_LIMITS.stringChars));
    if (kind === 'bigint') return numberJson(toNumber(v));
    if (kind !== 'object') return opaqueJson(kind);
    if (depth > WIRE_LIMITS.depth) return opaqueJson('value nested too deeply');
    if (setHas(seen, v)) return opaqueJson('cyclic reference');
    setAdd(seen, v);
    try {
      if (isTensor(v)) {
        const shape = numbersJson(v.shape);
        const dtype = stringJson(clip(toText(v.dtype), 20));
        const data = v.dataSync();
        if (toNumber(data.length) > budget) return opaqueJson(`tensor too large (${toNumber(data.length)} elements)`);
        return `{"$tensor":{"shape":${shape},"dtype":${dtype},"values":${numbersJson(data)}}}`;
      }
      if (isView(v) && !(v instanceof NativeDataView)) return numbersJson(v as unknown as ArrayLike<number>);
      if (isArray(v)) {
        const length = toNumber(v.length);
        if (!(length >= 0) || length > budget) return opaqueJson(`array too large (${length} elements)`);
        budget -= length;
        let out = '[';
        for (let i = 0; i < length; i++) out += (i === 0 ? '' : ',') + convert(v[i], depth + 1);
        return `${out}]`;
      }
      const keys = objectKeys(v as object);
      let out = '{';
      let written = 0;
      for (let i = 0; i < keys.length && written < WIRE_LIMITS.keysPerObject; i++) {
        const key = keys[i];
        if (key.length > WIRE_LIMITS.keyChars) continue;
        out += `${written++ === 0 ? '' : ','}${keyJson(key)}:${convert((v as Record<string, unknown>)[key], depth + 1)}`;
      }
      return `${out}}`;
    } catch (error) {
      return opaqueJson(`could not be read: ${describeThrown(error)}`);
    } finally {
      setDelete(seen, v);
    }
  }
}

export function describeThrown(error: unknown): string {
  try {
    if (error instanceof Error) return `${toText(error.name)}: ${toText(error.message)}`;
    return `a thrown ${typeof error}: ${stringSlice(toText(error), 0, 200)}`;
  } catch {
    return 'an unreadable thrown value';
  }
}

/** What the grader learns of an error the student's code threw, as the JSON text of a WireError. */
export function encodeWireError(error: unknown): string {
  let name = 'Error';
  let message = '';
  let stack: string | undefined;
  let code: string | undefined;
  let permission: string | undefined;
  let resource: string | undefined;
  try {
    if (error instanceof Error) {
      name = toText(error.name);
      message = toText(error.message);
      const extra = error as Error & { code?: unknown; permission?: unknown; resource?: unknown };
      stack = typeof error.stack === 'string' ? error.stack : undefined;
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
  const optional = (field: string, text: string | undefined, limit: number): string => (text === undefined ? '' : `,"${field}":${stringJson(clip(text, limit))}`);
  return (
    `{"name":${stringJson(clip(name, WIRE_ERROR_LIMITS.name))},"message":${stringJson(clip(message, WIRE_ERROR_LIMITS.message))}` +
    optional('stack', stack, WIRE_ERROR_LIMITS.stack) +
    optional('code', code, WIRE_ERROR_LIMITS.code) +
    optional('permission', permission, WIRE_ERROR_LIMITS.permission) +
    optional('resource', resource, WIRE_ERROR_LIMITS.resource) +
    `,"isNotImplemented":${isTodoMessage(message) ? 'true' : 'false'},"isAccessDenied":${code === 'ERR_ACCESS_DENIED' ? 'true' : 'false'}}`
  );
}

/** The skeleton's stubs throw `TODO …`; read without a regular expression, whose methods the student may replace. */
function isTodoMessage(message: string): boolean {
  if (stringSlice(message, 0, 4) !== 'TODO') return false;
  if (message.length === 4) return true;
  const next = stringCharCodeAt(message, 4);
  const isWordChar = (next >= 0x30 && next <= 0x39) || (next >= 0x41 && next <= 0x5a) || (next >= 0x61 && next <= 0x7a) || next === 0x5f;
  return !isWordChar;
}
