/**
 * Built-ins the runner's channel uses, taken when this module loads, before any student code runs.
 *
 * The student's code shares the runner's realm: it can replace any method on any prototype
 * (String.prototype.slice, Array.prototype.push, a setter for an index on Array.prototype, toJSON
 * on Object.prototype), and a replaced method sees its receiver and arguments. Calling a method
 * the usual way (`text.slice(0, 9)`) looks it up at call time, so the channel's own strings would
 * reach the student's replacement. These are called as plain functions instead, the receiver passed
 * as the first argument, which looks nothing up. Only primitives and the channel's own typed arrays
 * go through them.
 */

const call = Function.prototype.call;
// `bind` is looked up here, once, while nothing has been replaced yet.
const bindCall = Function.prototype.bind.bind(call) as <F extends (...args: never[]) => unknown>(fn: F) => (self: unknown, ...args: Parameters<F>) => ReturnType<F>;

export const stringSlice = bindCall(String.prototype.slice) as (self: string, start?: number, end?: number) => string;
export const stringCharCodeAt = bindCall(String.prototype.charCodeAt) as (self: string, index: number) => number;
export const numberToString = bindCall(Number.prototype.toString) as (self: number, radix?: number) => string;

export const setAdd = bindCall(Set.prototype.add) as <T>(self: Set<T>, value: T) => Set<T>;
export const setHas = bindCall(Set.prototype.has) as <T>(self: Set<T>, value: T) => boolean;
export const setDelete = bindCall(Set.prototype.delete) as <T>(self: Set<T>, value: T) => boolean;
export const weakSetAdd = bindCall(WeakSet.prototype.add) as <T extends object>(self: WeakSet<T>, value: T) => WeakSet<T>;
export const weakSetHas = bindCall(WeakSet.prototype.has) as <T extends object>(self: WeakSet<T>, value: T) => boolean;
export const weakSetDelete = bindCall(WeakSet.prototype.delete) as <T extends object>(self: WeakSet<T>, value: T) => boolean;
export const weakMapGet = bindCall(WeakMap.prototype.get) as <K extends object, V>(self: WeakMap<K, V>, key: K) => V | undefined;
export const weakMapSet = bindCall(WeakMap.prototype.set) as <K extends object, V>(self: WeakMap<K, V>, key: K, value: V) => WeakMap<K, V>;

/** Decodes bytes without `Buffer.prototype.toString`, which the student may replace. */
export const utf8Slice = bindCall((Buffer.prototype as unknown as { utf8Slice: (start: number, end: number) => string }).utf8Slice) as (
  self: Uint8Array,
  start: number,
  end: number,
) => string;

export const applyFunction = Reflect.apply;
export const defineProperty = Object.defineProperty;
export const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
export const getPrototypeOf = Object.getPrototypeOf;
export const objectKeys = Object.keys;
export const isArray = Array.isArray;
export const isView = ArrayBuffer.isView;
export const jsonStringify = JSON.stringify;
export const jsonParse = JSON.parse;
export const toNumber = Number;
export const toText = String;
export const isFiniteNumber = Number.isFinite;
export const isNaNNumber = Number.isNaN;
export const isInteger = Number.isInteger;
export const NativeSet = Set;
export const NativeWeakSet = WeakSet;
export const NativeWeakMap = WeakMap;
export const NativeUint8Array = Uint8Array;
export const NativeDataView = DataView;
export const byteLengthOf = Buffer.byteLength;

/**
 * `fs.read` and `fs.writeSync` read the `byteLength` of the buffer they are given through its
 * prototype chain: a getter the student defined on Uint8Array.prototype would receive the channel's
 * buffer. The intrinsic getter is pinned there, non-configurable, before any student code runs, so
 * that nothing can shadow or replace it.
 */
export function pinTypedArrayGetters(): void {
  const typedArrayPrototype = getPrototypeOf(Uint8Array.prototype) as object;
  for (const name of ['byteLength', 'byteOffset', 'length', 'buffer']) {
    const intrinsic = getOwnPropertyDescriptor(typedArrayPrototype, name);
    if (!intrinsic?.get) continue;
    for (const target of [typedArrayPrototype, Uint8Array.prototype, Buffer.prototype]) {
      defineProperty(target, name, { get: intrinsic.get, enumerable: false, configurable: false });
    }
  }
}
