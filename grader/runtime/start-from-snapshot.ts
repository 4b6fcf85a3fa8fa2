/**
 * The runner started from a V8 startup snapshot: the grader bundles this file with tfjs and the
 * backend's packages into one script (grader/sandbox/build-runner-snapshot.ts), and node runs it
 * once with `--build-snapshot`. What it evaluated then, tfjs above all, is in the snapshot, so a
 * runner started with `--snapshot-blob` skips node's module loading and tfjs's evaluation.
 *
 * Only the packages are evaluated at build time. The runner's own modules (runner.ts and what it
 * imports) are evaluated by the deserialised process, before the grader's first request, exactly
 * as node evaluates them in the plain start: the built-ins and streams they capture are the running process's, and
 * nothing of a run (its nonce arrives with `init`) can be in the snapshot.
 *
 * The plain start captures those built-ins before tfjs loads, this one after: so the build checks
 * that evaluating the packages left every built-in the runner captures as it found it, and fails
 * (leaving the grader on the plain start) if not.
 */
import v8 from 'node:v8';
import type { RunnerHost } from './runner-host.js';

/** A package evaluated into the snapshot, and the entry file it was bundled from. */
export interface BundledPackage {
  exports: unknown;
  entryFile: string;
}

/** Where the runner's captures come from (intrinsics.ts, channel.ts, runner.ts, watch-denials.ts). */
const CAPTURED_FROM: Array<[string, () => object]> = [
  ['globalThis', () => globalThis],
  ['Object', () => Object],
  ['Function.prototype', () => Function.prototype],
  ['String.prototype', () => String.prototype],
  ['Number', () => Number],
  ['Number.prototype', () => Number.prototype],
  ['Array', () => Array],
  ['ArrayBuffer', () => ArrayBuffer],
  ['%TypedArray%.prototype', () => Object.getPrototypeOf(Uint8Array.prototype) as object],
  ['Uint8Array.prototype', () => Uint8Array.prototype],
  ['Buffer', () => Buffer],
  ['Buffer.prototype', () => Buffer.prototype],
  ['Set.prototype', () => Set.prototype],
  ['WeakSet.prototype', () => WeakSet.prototype],
  ['WeakMap.prototype', () => WeakMap.prototype],
  ['Promise.prototype', () => Promise.prototype],
  ['Reflect', () => Reflect],
  ['JSON', () => JSON],
  ['process', () => process],
  // Not Atomics (channel.ts waits with it on a full pipe): V8 leaves shared memory out while it
  // builds a snapshot, so it exists only once the process is deserialised.
];

/** The globals the runner takes by name; others on globalThis come and go (tfjs adds its engine). */
const GLOBALS_TAKEN = ['Function', 'Promise', 'Set', 'WeakSet', 'WeakMap', 'Uint8Array', 'DataView', 'Buffer', 'Number', 'String', 'Reflect', 'JSON', 'setImmediate', 'performance', 'fetch'];

/** Each function or accessor, by where it is: `String.prototype.slice` → [the function, its setter]. */
export type BuiltinValues = Map<string, [unknown, unknown]>;

/**
 * The functions and accessors of the objects the runner captures from (counters and other data,
 * which node changes as it goes, are left out). Taken before the packages are evaluated, and after.
 */
export function noteBuiltins(): BuiltinValues {
  const values: BuiltinValues = new Map();
  for (const [name, of] of CAPTURED_FROM) {
    const target = of();
    const keys = name === 'globalThis' ? GLOBALS_TAKEN : Reflect.ownKeys(target);
    for (const key of keys) {
      // Described, not read: reading one of node's lazy globals would load its module into the snapshot.
      const descriptor = Reflect.getOwnPropertyDescriptor(target, key);
      const value = descriptor?.value ?? descriptor?.get;
      if (typeof value === 'function' || descriptor?.set) values.set(`${name}.${String(key)}`, [value, descriptor?.set]);
    }
  }
  return values;
}

/**
 * Called once the packages are evaluated: checks the built-ins, then sets the function the
 * deserialised process runs instead of a script.
 */
export function prepareSnapshot(tfjsEntry: string, packages: Record<string, BundledPackage>, before: BuiltinValues): void {
  const after = noteBuiltins();
  const changed = [...before].filter(([key, [value, setter]]) => {
    const now = after.get(key);
    return now === undefined || now[0] !== value || now[1] !== setter;
  });
  if (changed.length > 0) throw new Error(`The packages changed built-ins the runner captures: ${changed.map(([key]) => key).join(', ')}`);
  const host: RunnerHost = {
    tfjsEntry,
    loadPackage(name) {
      if (!Object.hasOwn(packages, name)) throw new Error(`${name} is not in this runner's snapshot`);
      return packages[name].exports;
    },
    bundledFrom: (name) => (Object.hasOwn(packages, name) ? packages[name].entryFile : null),
  };
  v8.startupSnapshot.setDeserializeMainFunction(() => {
    // Evaluated now, in the deserialised process: the bundler keeps a module imported this way
    // unevaluated until it is asked for. The runner takes the host as it is evaluated, and answers.
    void import('./runner-host.js')
      .then(({ handOverHost }) => handOverHost(host))
      .then(() => import('./runner.js'));
  });
}
