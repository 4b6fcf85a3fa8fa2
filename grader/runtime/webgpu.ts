/**
 * tfjs's WebGPU backend on Dawn (the `webgpu` package), inside the sandbox: the runner and the
 * adapter probe load Dawn through here. Two things tfjs expects from a browser are missing in node
 * and are supplied here:
 *
 * - Synchronous reads. `dataSync()` on the WebGPU backend reads through an OffscreenCanvas, which
 *   node lacks, and student code calls it inside training loops. Dawn finishes a buffer mapping
 *   when its event tick runs, and dawn.node schedules that tick with the global `setImmediate`:
 *   the tick is captured here, so that a read can run it in place until the mapping is done.
 * - Finalisers. node releases the GPU objects that JavaScript dropped only when the event loop
 *   turns, which a synchronous training loop never lets it do; tfjs makes a bind group per kernel
 *   call, and tens of thousands of live ones exhaust the driver's descriptor pools (lavapipe
 *   crashes). Identical bind groups are therefore made once and reused.
 *
 * Only node builtins are imported: this folder is all the sandbox can read of the grader.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { GpuAdapterInfo } from './protocol.js';

/** Dawn's objects, untyped: WebGPU's type declarations are not part of the grader. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type GpuObject = any;

interface PendingTick {
  run: () => void;
  handle: NodeJS.Immediate;
}

const realSetImmediate = globalThis.setImmediate;
const realClearImmediate = globalThis.clearImmediate;
/** Dawn's event ticks queued and not yet run. */
const pendingTicks = new Set<PendingTick>();
const nap = new Int32Array(new SharedArrayBuffer(4));

/** dawn.node's tick is a function made in C++; anything written in JavaScript goes through untouched. */
function isNativeFunction(fn: unknown): boolean {
  return typeof fn === 'function' && /\{\s*\[native code\]\s*\}\s*$/.test(Function.prototype.toString.call(fn));
}

let isCapturing = false;

/** Must run before Dawn is loaded: its first tick is scheduled when the first adapter is asked for. */
function captureDawnTicks(): void {
  if (isCapturing) return;
  isCapturing = true;
  const capturing = function (this: unknown, callback: (...args: unknown[]) => void, ...args: unknown[]): NodeJS.Immediate {
    if (!isNativeFunction(callback)) return realSetImmediate(callback, ...args);
    const tick: PendingTick = {
      run: () => callback(...args),
      handle: realSetImmediate(() => {
        pendingTicks.delete(tick);
        callback(...args);
      }),
    };
    pendingTicks.add(tick);
    return tick.handle;
  };
  // What else node hangs on setImmediate (util.promisify's custom form) stays as it was.
  for (const key of Reflect.ownKeys(realSetImmediate)) {
    if (!['length', 'name', 'prototype'].includes(key as string)) Object.defineProperty(capturing, key, Object.getOwnPropertyDescriptor(realSetImmediate, key)!);
  }
  globalThis.setImmediate = capturing as typeof setImmediate;
}

/**
 * Maps `buffer` for reading without returning to the event loop: Dawn's pending ticks are run here
 * until the mapping is done, napping briefly between rounds so that a software driver's worker
 * threads get the cores.
 */
function mapForReadingNow(buffer: GpuObject, mapModeRead: number): void {
  buffer.mapAsync(mapModeRead).catch(() => undefined);
  for (let round = 0; buffer.mapState !== 'mapped'; round++) {
    const due = [...pendingTicks];
    pendingTicks.clear();
    if (due.length === 0) throw new Error(`The GPU read could not complete: Dawn has no event pending (buffer ${String(buffer.mapState)}).`);
    for (const tick of due) {
      realClearImmediate(tick.handle);
      tick.run();
    }
    if (buffer.mapState !== 'mapped' && round > 2) Atomics.wait(nap, 0, 0, 0.05);
  }
}

export interface LoadedDawn {
  /** The adapter tfjs (or the probe) was given, once one was asked for. */
  adapter(): GpuAdapterInfo | null;
  /** Why no adapter came back, when none did. */
  noAdapterReason(): string;
  requestAdapter(): Promise<GpuAdapterInfo | null>;
}

function describeAdapter(adapter: GpuObject): GpuAdapterInfo {
  const info = adapter.info ?? {};
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  return {
    vendor: text(info.vendor),
    architecture: text(info.architecture),
    device: text(info.device),
    description: text(info.description),
    // Dawn marks CPU implementations (lavapipe, SwiftShader) as fallback adapters.
    isSoftware: info.isFallbackAdapter === true || adapter.isFallbackAdapter === true || text(info.architecture) === 'software',
  };
}

/**
 * Loads Dawn and puts WebGPU where tfjs looks for it (`navigator.gpu` and the `GPU*` globals).
 * `fromFile` is a file from whose folder `webgpu` resolves (tfjs's entry point).
 */
export async function loadDawn(fromFile: string): Promise<LoadedDawn> {
  captureDawnTicks();
  const entry = createRequire(fromFile).resolve('webgpu');
  const { create, globals } = (await import(pathToFileURL(entry).href)) as { create: (flags: string[]) => GpuObject; globals: Record<string, unknown> };
  Object.assign(globalThis, globals);
  const gpu = create([]);
  let chosen: GpuAdapterInfo | null = null;
  let isAsked = false;
  const requestAdapter = gpu.requestAdapter.bind(gpu);
  // tfjs asks for features as `['timestamp-query', ['bgra8unorm-storage']]`: a browser turns the
  // inner array into its string, Dawn refuses it; flattened here.
  gpu.requestAdapter = async (options?: unknown): Promise<GpuObject> => {
    isAsked = true;
    const adapter = await requestAdapter(options);
    if (!adapter) return adapter;
    chosen = describeAdapter(adapter);
    const requestDevice = adapter.requestDevice.bind(adapter);
    adapter.requestDevice = (descriptor?: { requiredFeatures?: unknown[] }) =>
      requestDevice(descriptor?.requiredFeatures ? { ...descriptor, requiredFeatures: descriptor.requiredFeatures.flat().map(String) } : descriptor);
    return adapter;
  };
  // Node 21 and later have a `navigator` of their own; older releases have none.
  const navigator = (globalThis as { navigator?: object }).navigator;
  if (navigator) Object.defineProperty(navigator, 'gpu', { value: gpu, configurable: true });
  else Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  return {
    adapter: () => chosen,
    noAdapterReason: () =>
      isAsked
        ? 'Dawn found no WebGPU adapter: no Vulkan driver is installed or visible (on Debian: apt-get install mesa-vulkan-drivers libvulkan1; for a GPU, its vendor\'s Vulkan driver)'
        : 'no adapter was asked for',
    async requestAdapter() {
      await gpu.requestAdapter({ powerPreference: 'high-performance' });
      return chosen;
    },
  };
}

interface WebGpuBackend {
  device: GpuObject;
  tensorMap: { get(dataId: object): { values: unknown; dtype: string; resource: GpuObject; complexTensorInfos?: { real: { dataId: object }; imag: { dataId: object } } } };
  bufferManager: { acquireBuffer(size: number, usage: number): GpuObject; releaseBuffer(buffer: GpuObject): void };
  ensureCommandEncoderReady(): void;
  endComputePassEncoder(): void;
  submitQueue(): void;
  commandEncoder: GpuObject;
  convertAndCacheOnCPU(dataId: object, values: unknown): unknown;
  readSync(dataId: object): unknown;
}

interface TfjsUtil {
  util: { convertBackendValuesAndArrayBuffer(data: ArrayBuffer, dtype: string): unknown };
  backend_util: { mergeRealAndImagArrays(real: Float32Array, imag: Float32Array): Float32Array };
}

/** Replaces the backend's canvas-based `readSync` with a copy to a mappable buffer, read in place. */
function readSynchronously(backend: WebGpuBackend, tf: TfjsUtil): void {
  const { GPUBufferUsage, GPUMapMode } = globalThis as unknown as { GPUBufferUsage: Record<string, number>; GPUMapMode: Record<string, number> };
  backend.readSync = function readSync(this: WebGpuBackend, dataId: object): unknown {
    const data = this.tensorMap.get(dataId);
    if (data.values != null || data.dtype === 'string') return data.values;
    if (data.dtype === 'complex64') {
      const real = this.readSync(data.complexTensorInfos!.real.dataId) as Float32Array;
      const imag = this.readSync(data.complexTensorInfos!.imag.dataId) as Float32Array;
      const merged = tf.util.convertBackendValuesAndArrayBuffer(tf.backend_util.mergeRealAndImagArrays(real, imag).buffer as ArrayBuffer, 'float32');
      return this.convertAndCacheOnCPU(dataId, merged);
    }
    const source = data.resource;
    const staging = this.bufferManager.acquireBuffer(source.size, GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ);
    this.ensureCommandEncoderReady();
    this.endComputePassEncoder();
    this.commandEncoder.copyBufferToBuffer(source, 0, staging, 0, source.size);
    this.submitQueue();
    mapForReadingNow(staging, GPUMapMode.READ);
    const bytes = (staging.getMappedRange() as ArrayBuffer).slice(0);
    staging.unmap();
    this.bufferManager.releaseBuffer(staging);
    return this.convertAndCacheOnCPU(dataId, tf.util.convertBackendValuesAndArrayBuffer(bytes, data.dtype));
  };
}

/** Bind groups the cache keeps at most; the ones it drops are released when the event loop turns. */
const BIND_GROUP_CACHE_SIZE = 4096;

/**
 * Reuses bind groups: the same layout over the same buffers, offsets and sizes is the same bind
 * group, and tfjs's buffer pool hands the same buffers out again, step after step of a training
 * loop. Layouts are made once per pipeline, so that they can be part of the key.
 */
function reuseBindGroups(device: GpuObject): void {
  const { GPUComputePipeline } = globalThis as unknown as { GPUComputePipeline: { prototype: GpuObject } };
  const ids = new WeakMap<object, number>();
  let nextId = 1;
  const idOf = (object: object): number => {
    let id = ids.get(object);
    if (id === undefined) ids.set(object, (id = nextId++));
    return id;
  };
  const layouts = new WeakMap<object, Map<number, GpuObject>>();
  const getBindGroupLayout = GPUComputePipeline.prototype.getBindGroupLayout as (index: number) => GpuObject;
  GPUComputePipeline.prototype.getBindGroupLayout = function (this: object, index: number): GpuObject {
    let byIndex = layouts.get(this);
    if (!byIndex) layouts.set(this, (byIndex = new Map()));
    let layout = byIndex.get(index);
    if (!layout) byIndex.set(index, (layout = getBindGroupLayout.call(this, index)));
    return layout;
  };
  const cache = new Map<string, GpuObject>();
  const createBindGroup = device.createBindGroup.bind(device) as (descriptor: GpuObject) => GpuObject;
  device.createBindGroup = (descriptor: { layout: object; label?: string; entries: Array<{ binding: number; resource: { buffer?: object; offset?: number; size?: number } }> }): GpuObject => {
    let key: string | null = `${idOf(descriptor.layout)}`;
    for (const entry of descriptor.entries) {
      const { buffer, offset, size } = entry.resource ?? {};
      if (!buffer) {
        key = null;
        break;
      }
      key += `|${entry.binding}:${idOf(buffer)}:${offset ?? 0}:${size ?? 'all'}`;
    }
    if (key === null) return createBindGroup(descriptor);
    const known = cache.get(key);
    if (known) {
      // Least recently used goes first: a hit moves to the back.
      cache.delete(key);
      cache.set(key, known);
      return known;
    }
    const made = createBindGroup(descriptor);
    cache.set(key, made);
    if (cache.size > BIND_GROUP_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return made;
  };
}

/** Fits the backend tfjs just made to node; call once, after `setBackend('webgpu')`. */
export function adaptWebGpuBackend(backend: unknown, tf: unknown): void {
  const webgpu = backend as WebGpuBackend;
  readSynchronously(webgpu, tf as TfjsUtil);
  reuseBindGroups(webgpu.device);
}
