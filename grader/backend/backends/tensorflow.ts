/**
 * libtensorflow through tfjs-node: `@tensorflow/tfjs-node-gpu` (CUDA) where it loads, else
 * `@tensorflow/tfjs-node` (CPU). Both are optional packages whose install downloads libtensorflow,
 * a native library that may be missing or crash, so each is tried in a throwaway process first.
 */
import { spawnSync } from 'node:child_process';
import { describeGrants, findGpuDevices, gpuSysfs, linkerCache, type BackendAccess } from '../../sandbox/backend-access.js';
import { nodeExecutable } from '../../sandbox/layers.js';
import { isPackageInstalled } from '../packages.js';
import type { BackendDefinition, SelectedBackend } from './types.js';

const GPU_PACKAGE = '@tensorflow/tfjs-node-gpu';
const CPU_PACKAGE = '@tensorflow/tfjs-node';
/** In the order `--backend tensorflow` tries them: the GPU build first. */
const PACKAGES = [GPU_PACKAGE, CPU_PACKAGE];

/** Loads a tfjs-node package in a throwaway process: its native library may be missing or crash. */
function probeNodeBackend(module: string): { isLoadable: boolean; isGpu: boolean; message: string } {
  if (!isPackageInstalled(module)) return { isLoadable: false, isGpu: false, message: `${module} is not installed` };
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

function selectModule(module: string, isGpu: boolean): SelectedBackend {
  return { request: { name: 'tensorflow', module }, label: `tensorflow (${module}${isGpu ? ', GPU' : ''})` };
}

function tensorflowAccess(module: string): BackendAccess {
  // tfjs-node-gpu drives CUDA, which opens NVIDIA's device nodes and reads their sysfs entries.
  const isGpu = module.endsWith('-gpu');
  const devices = isGpu ? findGpuDevices().filter((device) => device.includes('nvidia')) : [];
  const sysfs = devices.length > 0 ? gpuSysfs() : [];
  const readOnly = [...(isGpu ? linkerCache() : []), ...sysfs];
  return {
    packages: ['@tensorflow/tfjs', module],
    isAddonAllowed: true,
    readOnly,
    devices,
    env: {},
    hasMemoryFiles: false,
    description: `tensorflow: native addons allowed (${module}'s libtensorflow, node --allow-addons)${describeGrants([['readable', readOnly], ['devices', devices]]).replace(/^(?=.)/, '; ')}`,
  };
}

export const tensorflow: BackendDefinition = {
  name: 'tensorflow',
  packages: { anyOf: PACKAGES },
  detect() {
    const tried: string[] = [];
    for (const module of PACKAGES) {
      const probe = probeNodeBackend(module);
      if (probe.isLoadable) return { isAvailable: true, selected: selectModule(module, probe.isGpu) };
      tried.push(probe.message);
    }
    return {
      isAvailable: false,
      reason:
        `The tensorflow backend is not available (${tried.join('; ')}). Install ${CPU_PACKAGE} (CPU) or ${GPU_PACKAGE} ` +
        '(CUDA 11.2 and cuDNN 8.1); both download libtensorflow when installed. Or choose --backend wasm or cpu.',
    };
  },
  auto: [
    {
      rank: 10,
      description: `tensorflow on ${GPU_PACKAGE}, where it loads and drives a GPU`,
      find() {
        const probe = probeNodeBackend(GPU_PACKAGE);
        return probe.isLoadable && probe.isGpu ? selectModule(GPU_PACKAGE, true) : null;
      },
    },
    { rank: 30, description: `tensorflow on ${CPU_PACKAGE}, where it loads`, find: () => (probeNodeBackend(CPU_PACKAGE).isLoadable ? selectModule(CPU_PACKAGE, false) : null) },
  ],
  access: (request) => tensorflowAccess(request.module ?? CPU_PACKAGE),
  isValidatedByDefault: true,
  isCarriedByKit: false,
};
