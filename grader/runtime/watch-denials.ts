/**
 * Makes attempts visible to staff even when the submission catches the refusal. The permission
 * model and the namespaces already stop these operations; this only reports them, by wrapping the
 * node modules a submission could reach (`process.getBuiltinModule` returns these same objects).
 * A file operation counts when it was refused; starting a process or a worker, or opening a
 * network connection, counts as soon as it is tried, since no exercise needs one.
 */
import { applyFunction, defineProperty, objectKeys, toText } from './intrinsics.js';
import type { SandboxViolationKind } from './protocol.js';

// Taken before any student code runs; a submission that replaces them changes nothing here.
const construct = Reflect.construct;
const NativePromise = Promise;
const promiseThen = Function.prototype.call.bind(Promise.prototype.then) as (promise: Promise<unknown>, onFulfilled: undefined, onRejected: (error: unknown) => void) => Promise<unknown>;

export type ReportViolation = (kind: SandboxViolationKind, message: string) => void;

type AnyFunction = (...args: unknown[]) => unknown;

function describeDenial(error: unknown): string | null {
  const denied = error as { code?: unknown; permission?: unknown; resource?: unknown; message?: unknown } | null;
  if (!denied || denied.code !== 'ERR_ACCESS_DENIED') return null;
  return `${toText(denied.permission ?? 'access')} denied${denied.resource ? `: ${toText(denied.resource)}` : ''}`;
}

// fs calls itself through its exports (readFileSync calls openSync): only the outermost call of a
// nest reports, so that one refusal is one violation.
let depth = 0;

/** Wraps every function of `target` so that refusals it throws, calls back or rejects with are reported. */
function reportRefusals(target: Record<string, unknown>, report: ReportViolation): void {
  for (const name of objectKeys(target)) {
    const original = target[name];
    if (typeof original !== 'function' || /^[A-Z]/.test(name)) continue;
    const wrapped = function (this: unknown, ...args: unknown[]): unknown {
      const last = args.length - 1;
      if (last >= 0 && typeof args[last] === 'function') {
        const callback = args[last] as AnyFunction;
        args[last] = function (this: unknown) {
          // eslint-disable-next-line prefer-rest-params
          const denial = describeDenial(arguments[0]);
          if (denial) report('file', `${name}: ${denial}`);
          // eslint-disable-next-line prefer-rest-params
          return applyFunction(callback, this, arguments);
        };
      }
      let result: unknown;
      depth++;
      try {
        result = applyFunction(original as AnyFunction, this, args);
      } catch (error) {
        const denial = describeDenial(error);
        if (denial && depth === 1) report('file', `${name}: ${denial}`);
        throw error;
      } finally {
        depth--;
      }
      if (result instanceof NativePromise) {
        promiseThen(result, undefined, (error: unknown) => {
          const denial = describeDenial(error);
          if (denial) report('file', `${name}: ${denial}`);
        });
      }
      return result;
    };
    try {
      defineProperty(target, name, { value: wrapped, writable: true, configurable: true, enumerable: true });
    } catch {
      // A property node froze stays as it is: the permission model still refuses the call.
    }
  }
}

/** Wraps `names` of `target` so that calling any of them is reported before it goes ahead. */
function reportAttempts(target: Record<string, unknown>, names: string[], kind: SandboxViolationKind, module: string, report: ReportViolation): void {
  for (const name of names) {
    const original = target[name];
    if (typeof original !== 'function') continue;
    const wrapped = function (this: unknown, ...args: unknown[]): unknown {
      report(kind, `${module}.${name} was called`);
      // Constructed as the original, so that its instances keep the original's prototype.
      return new.target ? construct(original as AnyFunction, args, new.target === wrapped ? (original as AnyFunction) : new.target) : applyFunction(original as AnyFunction, this, args);
    };
    try {
      defineProperty(target, name, { value: wrapped, writable: true, configurable: true, enumerable: true });
    } catch {
      // As above.
    }
  }
}

export function watchDenials(load: (id: string) => Record<string, unknown>, report: ReportViolation): void {
  const fs = load('node:fs');
  reportRefusals(fs, report);
  reportRefusals(fs.promises as Record<string, unknown>, report);
  const childProcess = load('node:child_process');
  reportAttempts(childProcess, ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'], 'process', 'child_process', report);
  // `new ChildProcess().spawn(...)` starts a process without any of the functions above.
  const ChildProcess = childProcess.ChildProcess as { prototype?: Record<string, unknown> } | undefined;
  if (ChildProcess?.prototype) reportAttempts(ChildProcess.prototype, ['spawn'], 'process', 'child_process.ChildProcess', report);
  reportAttempts(load('node:wasi'), ['WASI'], 'file', 'wasi', report);
  reportAttempts(load('node:inspector'), ['Session', 'open', 'url', 'waitForDebugger'], 'introspection', 'inspector', report);
  const processReport = (process as unknown as { report?: Record<string, unknown> }).report;
  if (processReport) reportAttempts(processReport, ['writeReport', 'getReport'], 'introspection', 'process.report', report);
  reportAttempts(load('node:worker_threads'), ['Worker'], 'worker', 'worker_threads', report);
  reportAttempts(load('node:net'), ['connect', 'createConnection', 'createServer'], 'network', 'net', report);
  reportAttempts(load('node:tls'), ['connect'], 'network', 'tls', report);
  reportAttempts(load('node:http'), ['request', 'get', 'createServer'], 'network', 'http', report);
  reportAttempts(load('node:https'), ['request', 'get'], 'network', 'https', report);
  reportAttempts(load('node:dgram'), ['createSocket'], 'network', 'dgram', report);
  reportAttempts(globalThis as unknown as Record<string, unknown>, ['fetch'], 'network', 'globalThis', report);
}
