/**
 * Which tfjs backend runs the code. `auto` prefers a GPU through tfjs-node-gpu, then tfjs-node,
 * then wasm, then cpu; the report records what was chosen and why.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { GraderError } from '../errors.js';
import type { BackendRequest } from '../runtime/protocol.js';

export const BACKEND_CHOICES = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

export interface SelectedBackend {
  request: BackendRequest;
  /** What the report shows, e.g. `wasm` or `tensorflow (@tensorflow/tfjs-node-gpu, GPU)`. */
  label: string;
}

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
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000, cwd: process.cwd() });
  const line = result.stdout?.trim().split('\n').pop() ?? '';
  try {
    const parsed = JSON.parse(line) as { backend: string; gpu: boolean };
    return { isLoadable: parsed.backend === 'tensorflow', isGpu: parsed.gpu, message: 'loaded' };
  } catch {
    return { isLoadable: false, isGpu: false, message: `${module} failed to load: ${(result.stderr ?? '').trim().split('\n').slice(-1)[0] ?? 'no output'}` };
  }
}

export function selectBackend(choice: BackendChoice): SelectedBackend {
  if (choice === 'cpu') return { request: { name: 'cpu' }, label: 'cpu' };
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
  const native = probeNodeBackend('@tensorflow/tfjs-node');
  if (native.isLoadable) return { request: { name: 'tensorflow', module: '@tensorflow/tfjs-node' }, label: 'tensorflow (@tensorflow/tfjs-node)' };
  if (isResolvable('@tensorflow/tfjs-backend-wasm')) return { request: { name: 'wasm' }, label: 'wasm' };
  return { request: { name: 'cpu' }, label: 'cpu' };
}
