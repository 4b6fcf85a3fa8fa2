/**
 * The sandboxed side. Started by the grader inside every layer of the sandbox, it loads tfjs on
 * the requested backend, evaluates the student's compiled module, then runs the probes the grader
 * sends, one at a time, and answers with plain data. It never judges anything: verdicts are made
 * in the grader's process from these answers.
 *
 * Only node builtins and this folder are available here, so this file imports nothing else.
 */
import { createRequire } from 'node:module';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import vm from 'node:vm';
import { encodeFrame, FrameDecoder } from './framing.js';
import type { BackendRequest, HostMessage, SandboxMessage, Wire } from './protocol.js';
import { watchDenials } from './watch-denials.js';
import { adaptWebGpuBackend, loadDawn } from './webgpu.js';
import { toWire, toWireError, type TensorLike } from './wire.js';

/** The grader writes requests to fd 4 and reads answers from fd 3 (node's IPC is not used: its
 * decoder throws in the parent on malformed input, which the student could write). */
const REQUEST_FD = 4;
const ANSWER_FD = 3;

const answers = new net.Socket({ fd: ANSWER_FD, readable: false, writable: true });
const requests = new net.Socket({ fd: REQUEST_FD, readable: true, writable: false });

// Captured before any student code runs, so that later patching of globals cannot reach them.
const writeAnswer = answers.write.bind(answers);
const now = performance.now.bind(performance);
const makeFunction = Function;
const exit = process.exit.bind(process);
const NativePromise = Promise;
const writeStdout = process.stdout.write.bind(process.stdout) as (chunk: string, callback: () => void) => boolean;
const writeStderr = process.stderr.write.bind(process.stderr) as (chunk: string, callback: () => void) => boolean;
const scheduleMacrotask = setImmediate;
const cpuUsage = process.cpuUsage.bind(process);
const cpuMsNow = (): number => {
  const usage = cpuUsage();
  return (usage.user + usage.system) / 1000;
};

const tfjsEntry = process.argv[2];
const packageRequire = createRequire(tfjsEntry);

// Seat belts, not walls (the namespaces are the wall): a submission has no business signalling
// processes, and without a PID namespace its parent is the grader itself.
function refuseSignals(): void {
  const refuse = (): never => {
    throw Object.assign(new Error('Sending signals is not allowed in a submission.'), { code: 'ERR_ACCESS_DENIED', permission: 'Signal' });
  };
  for (const name of ['kill', '_kill']) Object.defineProperty(process, name, { value: refuse, writable: false, configurable: false });
  // An accessor: node keeps `ppid` as a lazily computed data property that a plain value does
  // not replace.
  Object.defineProperty(process, 'ppid', { get: () => 0, configurable: false });
}
refuseSignals();

/**
 * Where a backend is a native addon (Dawn, libtensorflow), node's `--allow-addons` lets any shared
 * library be opened, and the permission model does not look at the path: once the backend is
 * loaded, nothing else may be. Seat belt again: the wall is the mount view, which holds no other
 * addon.
 */
function refuseAddons(): void {
  const refuse = (): never => {
    throw Object.assign(new Error('Loading native code is not allowed in a submission.'), { code: 'ERR_ACCESS_DENIED', permission: 'Addon' });
  };
  Object.defineProperty(process, 'dlopen', { value: refuse, writable: false, configurable: false });
}

// Reported with the probe in flight by the grader; a handful is enough to make the point.
let violationsSent = 0;
const requireBuiltin = createRequire(import.meta.url);
watchDenials(
  (id) => requireBuiltin(id) as Record<string, unknown>,
  (kind, message) => {
    if (violationsSent++ < 20 && nonce) post({ type: 'violation', nonce, kind, message: message.slice(0, 300) });
  },
);

type Tfjs = typeof import('@tensorflow/tfjs');

let nonce = '';
let tf: Tfjs | undefined;
let studentModule: Record<string, unknown> | undefined;
let pendingProbe: { id: number; startedAt: number; cpuAtStart: number } | null = null;

function post(message: SandboxMessage): void {
  writeAnswer(encodeFrame(message));
}

async function loadBackend(request: BackendRequest): Promise<Tfjs> {
  // tfjs greets node users on the console when it loads; that is not the student's output.
  const { log, warn } = console;
  console.log = console.warn = () => undefined;
  try {
    // WebGPU must exist before tfjs's WebGPU backend is loaded: it registers only where it does.
    const dawn = request.name === 'webgpu' ? await loadDawn(tfjsEntry) : null;
    const loaded = packageRequire(tfjsEntry) as Tfjs;
    if (request.name === 'wasm') packageRequire('@tensorflow/tfjs-backend-wasm');
    if (request.name === 'tensorflow') packageRequire(request.module ?? '@tensorflow/tfjs-node');
    if (request.name === 'webgpu') packageRequire('@tensorflow/tfjs-backend-webgpu');
    const isSet = await loaded.setBackend(request.name);
    if (!isSet) throw new Error(`tfjs could not initialise the ${request.name} backend${dawn && !dawn.adapter() ? `: ${dawn.noAdapterReason()}` : ''}`);
    await loaded.ready();
    if (dawn) adaptWebGpuBackend(loaded.backend(), loaded);
    // The cpu backend greets on its first tensor, not when it loads: that first tensor is made
    // here, while the console is quiet, so that the greeting is not taken for the student's output.
    loaded.scalar(0).dispose();
    return loaded;
  } finally {
    console.log = log;
    console.warn = warn;
  }
}

/** Evaluates the student's CommonJS output with a `require` that offers tfjs and nothing else. */
function evaluateStudentModule(code: string, filename: string, tfjs: Tfjs): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  const studentRequire = (specifier: string): unknown => {
    if (specifier === '@tensorflow/tfjs') return tfjs;
    throw new Error(`Only '@tensorflow/tfjs' can be imported in this exercise, not '${String(specifier)}'.`);
  };
  const wrapper = vm.compileFunction(code, ['exports', 'require', 'module', '__filename', '__dirname'], {
    filename,
  });
  wrapper.call(module.exports, module.exports, studentRequire, module, filename, '.');
  return module.exports;
}

/**
 * Output to a pipe waits in the runner when the pipe is full, and is sent only when the event loop
 * turns: a loop that prints and never yields would fill memory, or hang with its output unseen,
 * before the grader could count it past the limit. So past the limit a write throws, which ends
 * such a loop; the output already written then reaches the grader, which ends the run for it.
 */
function capOutput(limitBytes: number): void {
  let written = 0;
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    const capped = (chunk: unknown, ...rest: unknown[]): boolean => {
      if (written > limitBytes) throw new Error(`Output limit: more than ${limitBytes} bytes printed.`);
      written += typeof chunk === 'string' ? Buffer.byteLength(chunk) : ArrayBuffer.isView(chunk) ? chunk.byteLength : 0;
      return write(chunk, ...rest);
    };
    stream.write = capped as typeof stream.write;
  }
}

async function handleInit(message: Extract<HostMessage, { type: 'init' }>): Promise<void> {
  nonce = message.nonce;
  capOutput(message.outputBytes);
  const startedAt = now();
  try {
    tf = await loadBackend(message.backend);
    refuseAddons();
  } catch (error) {
    post({ type: 'backend-failed', nonce, message: toWireError(error).message });
    return;
  }
  post({ type: 'backend-ready', nonce, backend: tf.getBackend(), tfjsLoadMs: now() - startedAt });
}

function handleLoad(message: Extract<HostMessage, { type: 'load' }>): void {
  const startedAt = now();
  try {
    studentModule = evaluateStudentModule(message.code, message.filename, tf!);
    post({ type: 'ready', nonce, exports: Object.keys(studentModule), importMs: now() - startedAt });
  } catch (error) {
    post({ type: 'import-failed', nonce, error: toWireError(error), importMs: now() - startedAt });
  }
}

async function handleProbe(message: Extract<HostMessage, { type: 'probe' }>): Promise<void> {
  const tfjs = tf!;
  const isTensor = (v: unknown): v is TensorLike => v instanceof tfjs.Tensor;
  pendingProbe = { id: message.id, startedAt: now(), cpuAtStart: cpuMsNow() };
  const probeId = message.id;
  try {
    const probe = makeFunction(`"use strict"; return (${message.source});`)() as (api: unknown) => unknown;
    const returned = probe({ mod: studentModule, tf: tfjs, input: message.input });
    // Only a real promise is awaited: awaiting any other value would call a `then` that the
    // submission may have planted on Object.prototype.
    const value = isNativePromise(returned) ? await returned : returned;
    const wire: Wire = toWire(value, isTensor);
    finishProbe(probeId, { isOk: true, value: wire });
  } catch (error) {
    finishProbe(probeId, { isOk: false, error: toWireError(error) });
  }
}

/** `instanceof` on a Proxy runs its traps, which may throw: such a value is no promise. */
function isNativePromise(value: unknown): value is Promise<unknown> {
  try {
    return value instanceof NativePromise;
  } catch {
    return false;
  }
}

type ProbeEnd = { isOk: true; value: Wire } | { isOk: false; error: ReturnType<typeof toWireError> };

/**
 * A probe is over only when the runner gets its turn back: its output flushed into the pipes (so a
 * flood is charged to the check that caused it) and the event loop free (an endless chain of
 * microtasks never yields, so its check times out instead of the next one).
 */
function finishProbe(id: number, outcome: ProbeEnd): void {
  if (pendingProbe?.id !== id) return;
  let flushed = 0;
  const afterFlush = (): void => {
    if (++flushed === 2) scheduleMacrotask(() => sendProbeResult(id, outcome));
  };
  try {
    writeStdout('', afterFlush);
    writeStderr('', afterFlush);
  } catch {
    // Streams the submission broke cannot be flushed; the answer goes anyway.
    scheduleMacrotask(() => sendProbeResult(id, outcome));
  }
}

function sendProbeResult(id: number, outcome: ProbeEnd): void {
  if (pendingProbe?.id !== id) return;
  const durationMs = now() - pendingProbe.startedAt;
  const cpuMs = cpuMsNow() - pendingProbe.cpuAtStart;
  pendingProbe = null;
  if (outcome.isOk) post({ type: 'probe-result', nonce, id, isOk: true, value: outcome.value, durationMs, cpuMs });
  else post({ type: 'probe-result', nonce, id, isOk: false, error: outcome.error, durationMs, cpuMs });
}

// An error thrown later from a timer or a rejected promise the student forgot belongs to the probe
// in flight; outside a probe it is only logged, as node would.
const reportStray = (error: unknown): void => {
  if (pendingProbe) finishProbe(pendingProbe.id, { isOk: false, error: toWireError(error) });
  else process.stderr.write(`uncaught outside a check: ${toWireError(error).message}\n`);
};
process.on('uncaughtException', reportStray);
process.on('unhandledRejection', reportStray);

function handle(message: HostMessage): void {
  if (message?.type === 'init') void handleInit(message);
  else if (message?.type === 'load') handleLoad(message);
  else if (message?.type === 'probe') void handleProbe(message);
}

const decoder = new FrameDecoder();
requests.on('data', (chunk: Buffer) => {
  for (const decoded of decoder.push(chunk)) {
    if (decoded.kind === 'message') handle(decoded.value as HostMessage);
  }
});
// Without the grader there is nobody to answer to: a runner whose grader died ends with it.
requests.on('end', () => exit(0));
requests.on('error', () => exit(0));
answers.on('error', () => exit(0));
