/**
 * Which tfjs backend runs the code. `auto` prefers a real GPU: tfjs-node-gpu (CUDA), then WebGPU
 * through Dawn on a hardware adapter; then tfjs-node, wasm and cpu. The report records what was
 * chosen, and for WebGPU the adapter.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { GraderError } from '../errors.js';
import type { BackendRequest, GpuAdapterInfo } from '../runtime/protocol.js';
import { findGpuDevices } from '../sandbox/backend-access.js';
import { nodeExecutable } from '../sandbox/layers.js';
import { probeWebGpuAdapter } from './probe-adapter.js';

export const BACKEND_CHOICES = ['auto', 'tensorflow', 'webgpu', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

export interface SelectedBackend {
  request: BackendRequest;
  /** What the report shows, e.g. `wasm` or `tensorflow (@tensorflow/tfjs-node-gpu, GPU)`. */
  label: string;
  /** The GPU adapter, for `webgpu`. */
  adapter?: GpuAdapterInfo;
}

const WEBGPU_PACKAGES = ['webgpu', '@tensorflow/tfjs-backend-webgpu'];

const require = createRequire(import.meta.url);

function isResolvable(specifier: string): boolean {
  try {
    require.resolve(specifier);
    return true;
  } catch {
    return false;
  }
}

/** Loads a tfjs-node package in a throwaway process: its native library may be missing or crash. */
function probeNodeBackend(module: string): { isLoadable: boolean; isGpu: boolean; message: string } {
  if (!isResolvable(module)) return { isLoadable: false, isGpu: false, message: `${module} is not installed` };
  const script = `const tf = require(${JSON.stringify(module)}); tf.ready().then(() => { const b = tf.engine().backend; console.log(JSON.stringify({ backend: tf.getBackend(), gpu: Boolean(b && b.isUsingGpuDevice) })); });`;
  const result = spawnSync(nodeExecutable(), ['-e', script], { encoding: 'utf8', timeout: 60_000, cwd: process.cwd() });
  const line = result.stdout?.trim().split('\n').pop() ?? '';
  try {
    const parsed = JSON.parse(line) as { backend: string; gpu: boolean };
    return { isLoadable: parsed.backend === 'tensorflow', isGpu: parsed.gpu, message: 'loaded' };
  } catch {
    return { isLoadable: false, isGpu: false, message: `${module} failed to load: ${(result.stderr ?? '').trim().split('\n').slice(-1)[0] ?? 'no output'}` };
  }
}

/** e.g. `webgpu (NVIDIA H100 80GB HBM3)`, or `webgpu (llvmpipe: Mesa 25.0.7 (LLVM 15.0.6), software)`. */
export function webgpuLabel(adapter: GpuAdapterInfo): string {
  const name = adapter.description || adapter.device || [adapter.vendor, adapter.architecture].filter(Boolean).join(' ') || 'unnamed adapter';
  return `webgpu (${name}${adapter.isSoftware ? ', software' : ''})`;
}

function selectWebGpu(): SelectedBackend {
  const missing = WEBGPU_PACKAGES.filter((module) => !isResolvable(module));
  if (missing.length > 0) {
    throw new GraderError(
      'BACKEND_UNAVAILABLE',
      `The webgpu backend needs ${missing.join(' and ')} (optional dependencies; Dawn ships prebuilt for Linux, macOS and Windows): run \`npm install webgpu @tensorflow/tfjs-backend-webgpu\`. Or choose --backend wasm or cpu.`,
    );
  }
  const probe = probeWebGpuAdapter();
  if (probe.kind === 'none') {
    throw new GraderError('BACKEND_UNAVAILABLE', `The webgpu backend has no adapter: ${probe.reason}. Or choose --backend wasm or cpu.`);
  }
  return { request: { name: 'webgpu' }, label: webgpuLabel(probe.adapter), adapter: probe.adapter };
}

/**
 * WebGPU for `auto`, only on a hardware adapter: a software one (lavapipe) is slower than wasm.
 * Without a GPU device node there is none to find, and the probe is not even started.
 */
function findHardwareWebGpu(): SelectedBackend | null {
  if (findGpuDevices().length === 0 || !WEBGPU_PACKAGES.every(isResolvable)) return null;
  const probe = probeWebGpuAdapter();
  if (probe.kind !== 'found' || probe.adapter.isSoftware) return null;
  return { request: { name: 'webgpu' }, label: webgpuLabel(probe.adapter), adapter: probe.adapter };
}

export function selectBackend(choice: BackendChoice): SelectedBackend {
  if (choice === 'cpu') return { request: { name: 'cpu' }, label: 'cpu' };
  if (choice === 'webgpu') return selectWebGpu();
  if (choice === 'wasm') {
    if (!isResolvable('@tensorflow/tfjs-backend-wasm')) {
      throw new GraderError('BACKEND_UNAVAILABLE', 'The wasm backend needs @tensorflow/tfjs-backend-wasm: run `npm install @tensorflow/tfjs-backend-wasm`');
    }
    return { request: { name: 'wasm' }, label: 'wasm' };
  }
  if (choice === 'tensorflow') {
    const tried: string[] = [];
    for (const module of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
      const probe = probeNodeBackend(module);
      if (probe.isLoadable) return { request: { name: 'tensorflow', module }, label: `tensorflow (${module}${probe.isGpu ? ', GPU' : ''})` };
      tried.push(probe.message);
    }
    throw new GraderError(
      'BACKEND_UNAVAILABLE',
      `The tensorflow backend is not available (${tried.join('; ')}). Install @tensorflow/tfjs-node (CPU) or @tensorflow/tfjs-node-gpu ` +
        '(CUDA 11.2 and cuDNN 8.1); both download libtensorflow when installed. Or choose --backend wasm or cpu.',
    );
  }
  // auto: a GPU first, then native CPU, then the portable backends.
  const gpu = probeNodeBackend('@tensorflow/tfjs-node-gpu');
  if (gpu.isLoadable && gpu.isGpu) return { request: { name: 'tensorflow', module: '@tensorflow/tfjs-node-gpu' }, label: 'tensorflow (@tensorflow/tfjs-node-gpu, GPU)' };
  const webgpu = findHardwareWebGpu();
  if (webgpu) return webgpu;
  const native = probeNodeBackend('@tensorflow/tfjs-node');
  if (native.isLoadable) return { request: { name: 'tensorflow', module: '@tensorflow/tfjs-node' }, label: 'tensorflow (@tensorflow/tfjs-node)' };
  if (isResolvable('@tensorflow/tfjs-backend-wasm')) return { request: { name: 'wasm' }, label: 'wasm' };
  return { request: { name: 'cpu' }, label: 'cpu' };
}
