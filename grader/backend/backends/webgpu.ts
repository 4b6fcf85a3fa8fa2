/**
 * tfjs's WebGPU backend on Dawn, Google's WebGPU, through Vulkan: the optional packages `webgpu`
 * (Dawn prebuilt for node) and `@tensorflow/tfjs-backend-webgpu`, and a Vulkan driver, a GPU
 * vendor's or lavapipe (Mesa's software one). Which adapter it gets is asked once per grader run, by
 * a probe started in the same sandbox as the runners (probe-adapter.ts).
 */
import { describeGrants, findGpuDevices, findVulkanDrivers, gpuSysfs, type BackendAccess } from '../../sandbox/backend-access.js';
import type { GpuAdapterInfo } from '../../runtime/protocol.js';
import { missingPackages } from '../packages.js';
import { runAdapterProbe, type AdapterProbe } from '../probe-adapter.js';
import type { BackendDefinition, SelectedBackend } from './types.js';

const DAWN_PACKAGE = 'webgpu';
const TFJS_PACKAGE = '@tensorflow/tfjs-backend-webgpu';

/** e.g. `webgpu (NVIDIA H100 80GB HBM3)`, or `webgpu (llvmpipe: Mesa 25.0.7 (LLVM 15.0.6), software)`. */
export function webgpuLabel(adapter: GpuAdapterInfo): string {
  const name = adapter.description || adapter.device || [adapter.vendor, adapter.architecture].filter(Boolean).join(' ') || 'unnamed adapter';
  return `webgpu (${name}${adapter.isSoftware ? ', software' : ''})`;
}

function selectAdapter(adapter: GpuAdapterInfo): SelectedBackend {
  return { request: { name: 'webgpu' }, label: webgpuLabel(adapter), adapter };
}

function webgpuAccess(env: NodeJS.ProcessEnv): BackendAccess {
  const drivers = findVulkanDrivers(env);
  const devices = findGpuDevices();
  const sysfs = devices.length > 0 ? gpuSysfs() : [];
  const readOnly = [...drivers.readOnly, ...sysfs];
  return {
    packages: ['@tensorflow/tfjs', TFJS_PACKAGE, DAWN_PACKAGE],
    isAddonAllowed: true,
    readOnly: [...new Set(readOnly)],
    devices,
    env: drivers.variables,
    hasMemoryFiles: true,
    description: `webgpu: native addons allowed (Dawn, node --allow-addons); files as large as the memory limit (the driver's GPU memory); ${describeGrants([
      ['Vulkan manifests', drivers.manifestFolders],
      ['driver files outside /usr', readOnly.filter((file) => !sysfs.includes(file) && !drivers.manifestFolders.includes(file))],
      ['devices', devices.length > 0 ? devices : ['none (no GPU device node on this machine)']],
      ['sysfs', sysfs],
      ['variables', Object.keys(drivers.variables)],
    ])}`,
  };
}

/** The adapter a runner on webgpu would get: asked once per grader run, inside the sandbox. */
export function probeWebGpuAdapter(): AdapterProbe {
  return runAdapterProbe(webgpuAccess(process.env));
}

export const webgpu: BackendDefinition = {
  name: 'webgpu',
  packages: { allOf: [DAWN_PACKAGE, TFJS_PACKAGE] },
  detect() {
    const missing = missingPackages(webgpu.packages);
    if (missing.length > 0) {
      return {
        isAvailable: false,
        reason: `The webgpu backend needs ${missing.join(' and ')} (optional dependencies; Dawn ships prebuilt for Linux, macOS and Windows): run \`npm install ${DAWN_PACKAGE} ${TFJS_PACKAGE}\`. Or choose --backend wasm or cpu.`,
      };
    }
    const probe = probeWebGpuAdapter();
    if (probe.kind === 'none') return { isAvailable: false, reason: `The webgpu backend has no adapter: ${probe.reason}. Or choose --backend wasm or cpu.` };
    return { isAvailable: true, selected: selectAdapter(probe.adapter) };
  },
  auto: [
    {
      // Only a hardware adapter: a software one (lavapipe) is slower than wasm. Without a GPU device
      // node there is none to find, and the probe is not even started.
      rank: 20,
      description: 'webgpu on a hardware adapter, where a GPU device node exists',
      find() {
        if (findGpuDevices().length === 0 || missingPackages(webgpu.packages).length > 0) return null;
        const probe = probeWebGpuAdapter();
        return probe.kind === 'found' && !probe.adapter.isSoftware ? selectAdapter(probe.adapter) : null;
      },
    },
  ],
  access: (_request, env) => webgpuAccess(env),
  // Twice the solution of qkv-projection on lavapipe takes over a minute on two cores, against
  // twenty seconds on cpu: more than validating every exercise can spend on a machine without a GPU.
  // tests/e2e/cross-backend-verdicts.test.ts grades the reference on it instead.
  isValidatedByDefault: false,
  isCarriedByKit: false,
};
