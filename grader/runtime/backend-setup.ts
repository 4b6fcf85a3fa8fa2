/**
 * How the runner puts each backend in place inside the sandbox: what must exist before tfjs loads,
 * which packages register the backend with tfjs, and what to fit once it is ready.
 *
 * This is the runner's half of a backend, apart from the rest of it (grader/backend/backends/),
 * because the runner can read nothing of the grader but this folder, and the backends' own files
 * start probes and read the machine. The names of the backends are derived from this table: it is
 * the lowest place that knows them, and the rubric, which lies below the registry, needs them too.
 * The registry is typed `Record<BackendName, …>`, so the compiler refuses a backend that is in one
 * table and not the other.
 *
 * Only node builtins and this folder are imported: the runner imports this file.
 */
import path from 'node:path';
import type { BackendRequest } from './protocol.js';
import { adaptWebGpuBackend, loadDawn } from './webgpu.js';

type Tfjs = typeof import('@tensorflow/tfjs');

/** What a backend's setup did before tfjs loaded, for the steps after it. */
export interface PreparedBackend {
  /** Why tfjs could not set the backend, where the setup can tell more than that it could not. */
  whyNotSet(): string | null;
  /** Fits the backend tfjs made to node, once tfjs is ready. */
  adapt(tf: Tfjs): void;
}

export interface BackendSetup {
  /** Runs before tfjs is loaded, for what tfjs must find when it registers the backend. */
  prepare?(tfjsEntry: string): Promise<PreparedBackend>;
  /** The packages that register the backend with tfjs, required after tfjs. */
  packages(request: Pick<BackendRequest, 'module'>): string[];
  /**
   * Whether the runner may start from a startup snapshot holding tfjs and these packages, already
   * evaluated (grader/sandbox/runner-snapshot.ts). Not where a package loads native code: an addon
   * cannot be serialised into a snapshot.
   */
  isSnapshotable: boolean;
  /**
   * For a package of the backend's that was bundled into the snapshot, away from its folder: points
   * it at the files it reads from there, given the entry file it was bundled from.
   */
  locateBundled?(loaded: unknown, entryFile: string): void;
}

/** In the order validation and the rubric's schema list the backends. */
export const BACKEND_SETUPS = {
  cpu: { packages: () => [], isSnapshotable: true },
  wasm: {
    packages: () => ['@tensorflow/tfjs-backend-wasm'],
    isSnapshotable: true,
    // Its WebAssembly binaries are found beside its script, which in a bundle is somewhere else;
    // they are compiled when the backend is set, after the snapshot is deserialised.
    locateBundled: (loaded, entryFile) => (loaded as { setWasmPaths(prefix: string): void }).setWasmPaths(`${path.dirname(entryFile)}/`),
  },
  // The grader names tfjs-node-gpu when it loads; tfjs-node is the CPU build.
  tensorflow: { packages: (request) => [request.module ?? '@tensorflow/tfjs-node'], isSnapshotable: false },
  webgpu: {
    isSnapshotable: false,
    // tfjs registers its WebGPU backend only where WebGPU exists: Dawn must be loaded first.
    async prepare(tfjsEntry) {
      const dawn = await loadDawn(tfjsEntry);
      return {
        whyNotSet: () => (dawn.adapter() ? null : dawn.noAdapterReason()),
        adapt: (tf) => adaptWebGpuBackend(tf.backend(), tf),
      };
    },
    packages: () => ['@tensorflow/tfjs-backend-webgpu'],
  },
} satisfies Record<string, BackendSetup>;

export type BackendName = keyof typeof BACKEND_SETUPS;

export const BACKEND_NAMES = Object.keys(BACKEND_SETUPS) as BackendName[];

/** The setup of the backend `name`; the grader only sends names it knows, so another is its own fault. */
export function backendSetup(name: string): BackendSetup {
  if (!Object.hasOwn(BACKEND_SETUPS, name)) throw new Error(`Expected a backend named ${BACKEND_NAMES.join(', ')}, got \`${name}\`.`);
  return BACKEND_SETUPS[name as BackendName];
}
