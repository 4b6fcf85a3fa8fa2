/**
 * The sandboxed side. Started by the grader inside every layer of the sandbox, it loads tfjs on
 * the requested backend, evaluates the student's compiled module, then runs the probes the grader
 * sends, one at a time, and answers with plain data. It never judges anything: verdicts are made
 * in the grader's process from these answers.
 *
 * The student's code runs in this realm and can replace anything in it, so what the grader trusts
 * is kept out of reach: the channel and the encoders were taken before any student code ran
 * (channel.ts, intrinsics.ts), the nonce lives only in the channel's closure, and tensor counts
 * are kept by hooks installed before the module loads (tensor-counts.ts). Violations are still
 * reported from in here, which is why the report calls them best effort.
 *
 * Only node builtins and this folder are available here, so this file imports nothing else. How
 * tfjs reaches it depends on how the process started, plainly or from the startup snapshot
 * (runner-host.ts); everything else is the same.
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import vm from 'node:vm';
import { backendSetup } from './backend-setup.js';
import { openChannel } from './channel.js';
import { defineProperty, objectKeys, pinTypedArrayGetters, stringSlice, toText } from './intrinsics.js';
import type { BackendRequest, HostMessage, SandboxViolationKind, TensorCounts } from './protocol.js';
import { takeHost } from './runner-host.js';
import { installTensorCounts } from './tensor-counts.js';
import { watchDenials } from './watch-denials.js';
import { describeThrown, encodeWire, encodeWireError, numberJson, stringJson, type TensorLike } from './wire.js';

// Before anything else: the channel's buffers must never meet a getter the student defines later.
pinTypedArrayGetters();

/** The grader writes requests to fd 4 and reads answers from fd 3. */
const channel = openChannel(3, 4);

// Captured before any student code runs, so that later patching of globals cannot reach them.
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

const host = takeHost();

function refuse(name: string, what: string, permission: string, target: object = process, onTry?: () => void): void {
  const refusal = (): never => {
    onTry?.();
    throw Object.assign(new Error(`${what} is not allowed in a submission.`), { code: 'ERR_ACCESS_DENIED', permission });
  };
  defineProperty(target, name, { value: refusal, writable: false, configurable: false });
}

// Seat belts, not walls (the namespaces are the wall): a submission has no business signalling
// processes, and without a PID namespace its parent is the grader itself. `abort` goes too: a
// SIGABRT is how V8 ends a process whose heap is full, and the grader reads it as exactly that.
/** Violations sent in one run: enough to see a pattern, bounded so that a flood cannot fill the channel. */
const MAX_VIOLATIONS_SENT = 1000;

for (const name of ['kill', '_kill']) refuse(name, 'Sending signals', 'Signal');
refuse('abort', 'Aborting the process', 'Signal');
// An accessor: node keeps `ppid` as a lazily computed data property that a plain value does not replace.
defineProperty(process, 'ppid', { get: () => 0, configurable: false });

// Reported with the probe in flight by the grader, which keeps the first few and counts the rest.
let violationsSent = 0;
function reportViolation(kind: SandboxViolationKind, message: string): void {
  if (violationsSent++ < MAX_VIOLATIONS_SENT) channel.post('violation', `{"kind":"${kind}","message":${stringJson(stringSlice(message, 0, 300))}}`);
}
// Builtins are required rather than imported: ES module facades for these cost a plain start up
// to 20 ms. `import.meta` means nothing in the snapshot's bundle, where node has
// `process.getBuiltinModule` (the grader builds no snapshot for a node without it).
const requireBuiltin = (process.getBuiltinModule as ((id: string) => unknown) | undefined)?.bind(process) ?? createRequire(import.meta.url);
watchDenials((id) => requireBuiltin(id) as Record<string, unknown>, reportViolation);

// A heap snapshot holds every string of the process, the channel's nonce among them, and the
// permission model allows one that is written nowhere; nothing in an exercise needs to read the heap.
const v8Module = requireBuiltin('node:v8') as Record<string, unknown>;
for (const name of ['getHeapSnapshot', 'writeHeapSnapshot', 'queryObjects', 'setHeapSnapshotNearHeapLimit']) {
  if (name in v8Module) refuse(name, 'Reading the process\'s heap', 'HeapSnapshot', v8Module, () => reportViolation('introspection', `v8.${name} was called`));
}

type Tfjs = typeof import('@tensorflow/tfjs');

let tf: Tfjs | undefined;
let counts: TensorCounts | undefined;
let studentModule: Record<string, unknown> | undefined;
let pendingProbe: { id: number; startedAt: number; cpuAtStart: number } | null = null;

async function loadBackend(request: BackendRequest): Promise<Tfjs> {
  // tfjs greets node users on the console when it loads; that is not the student's output.
  const { log, warn } = console;
  console.log = console.warn = () => undefined;
  try {
    // What tfjs must find when the backend registers (Dawn, for webgpu) is put in place first.
    const setup = backendSetup(request.name);
    const prepared = setup.prepare ? await setup.prepare(host.tfjsEntry) : null;
    const loaded = host.loadPackage('@tensorflow/tfjs') as Tfjs;
    for (const name of setup.packages(request)) {
      const loadedPackage = host.loadPackage(name);
      const bundledFrom = host.bundledFrom(name);
      if (bundledFrom !== null) setup.locateBundled?.(loadedPackage, bundledFrom);
    }
    const isSet = await loaded.setBackend(request.name);
    if (!isSet) {
      const why = prepared?.whyNotSet();
      throw new Error(`tfjs could not initialise the ${request.name} backend${why ? `: ${why}` : ''}`);
    }
    await loaded.ready();
    prepared?.adapt(loaded);
    // The cpu backend greets on its first tensor, not when it loads: that first tensor is made
    // here, while the console is quiet, so that the greeting is not taken for the student's output.
    loaded.scalar(0).dispose();
    return loaded;
  } finally {
    console.log = log;
    console.warn = warn;
  }
}

/** Where a backend is a native addon (Dawn, libtensorflow), nothing else may be opened once it is loaded. */
function refuseAddons(): void {
  refuse('dlopen', 'Loading native code', 'Addon');
}

/** Evaluates the student's CommonJS output with a `require` that offers tfjs and nothing else. */
function evaluateStudentModule(code: string, filename: string, tfjs: Tfjs): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  const studentRequire = (specifier: string): unknown => {
    if (specifier === '@tensorflow/tfjs') return tfjs;
    throw new Error(`Only '@tensorflow/tfjs' can be imported in this exercise, not '${String(specifier)}'.`);
  };
  const wrapper = vm.compileFunction(code, ['exports', 'require', 'module', '__filename', '__dirname'], { filename });
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

const ms = (value: number): string => numberJson(Math.max(0, value));

async function handleInit(message: Extract<HostMessage, { type: 'init' }>): Promise<void> {
  capOutput(message.outputBytes);
  const startedAt = now();
  try {
    tf = await loadBackend(message.backend);
    counts = installTensorCounts(tf.engine(), tf.backend());
    refuseAddons();
  } catch (error) {
    channel.post('backend-failed', `{"message":${stringJson(stringSlice(String((error as Error)?.message ?? error), 0, 4000))}}`);
    return;
  }
  channel.post('backend-ready', `{"backend":${stringJson(tf.getBackend())},"tfjsLoadMs":${ms(now() - startedAt)}}`);
}

function handleLoad(message: Extract<HostMessage, { type: 'load' }>): void {
  // From here on whatever happens is the student's doing; before it, the runner's own.
  channel.post('evaluating', '{}');
  const startedAt = now();
  try {
    studentModule = evaluateStudentModule(message.code, message.filename, tf!);
    const names = objectKeys(studentModule);
    let list = '';
    for (let i = 0; i < names.length && i < 1000; i++) list += `${i === 0 ? '' : ','}${stringJson(stringSlice(toText(names[i]), 0, 200))}`;
    channel.post('ready', `{"exports":[${list}],"importMs":${ms(now() - startedAt)}}`);
  } catch (error) {
    channel.post('import-failed', `{"error":${encodeWireError(error)},"importMs":${ms(now() - startedAt)}}`);
  }
}

async function handleProbe(message: Extract<HostMessage, { type: 'probe' }>): Promise<void> {
  const tfjs = tf!;
  const isTensor = (v: unknown): v is TensorLike => v instanceof tfjs.Tensor;
  pendingProbe = { id: message.id, startedAt: now(), cpuAtStart: cpuMsNow() };
  const probeId = message.id;
  try {
    const probe = makeFunction(`"use strict"; return (${message.source});`)() as (api: unknown) => unknown;
    const returned = probe({ mod: studentModule, tf: tfjs, input: message.input, counts });
    // Only a real promise is awaited: awaiting any other value would call a `then` that the
    // submission may have planted on Object.prototype.
    const value = isNativePromise(returned) ? await returned : returned;
    finishProbe(probeId, `"isOk":true,"value":${encodeWire(value, isTensor)}`);
  } catch (error) {
    finishProbe(probeId, `"isOk":false,"error":${encodeWireError(error)}`);
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

/**
 * A probe is over only when the runner gets its turn back: its output flushed into the pipes (so a
 * flood is charged to the check that caused it) and the event loop free (an endless chain of
 * microtasks never yields, so its check times out instead of the next one). `outcome` is the
 * result's JSON fields, already encoded.
 */
function finishProbe(id: number, outcome: string): void {
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

function sendProbeResult(id: number, outcome: string): void {
  if (pendingProbe?.id !== id) return;
  const durationMs = now() - pendingProbe.startedAt;
  const cpuMs = cpuMsNow() - pendingProbe.cpuAtStart;
  pendingProbe = null;
  channel.post('probe-result', `{"id":${numberJson(id)},${outcome},"durationMs":${ms(durationMs)},"cpuMs":${ms(cpuMs)}}`);
}

// An error thrown later from a timer or a rejected promise the student forgot belongs to the probe
// in flight; outside a probe it is only logged, as node would.
const reportStray = (error: unknown): void => {
  if (pendingProbe) finishProbe(pendingProbe.id, `"isOk":false,"error":${encodeWireError(error)}`);
  else process.stderr.write(`uncaught outside a check: ${describeThrown(error)}\n`);
};
process.on('uncaughtException', reportStray);
process.on('unhandledRejection', reportStray);

function handle(message: HostMessage): void {
  if (message.type === 'init') void handleInit(message);
  else if (message.type === 'load') handleLoad(message);
  else if (message.type === 'probe') void handleProbe(message);
}

// Without the grader there is nobody to answer to: a runner whose grader died ends with it.
channel.listen(handle, () => exit(0));
