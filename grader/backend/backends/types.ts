/**
 * What the grader knows of a backend, said once, in the backend's own file: the packages it needs,
 * how to tell that it can run here, how `auto` ranks it, what the sandbox grants it, and what
 * validation, the student kit and the rubric make of it. How the runner sets it up is the one part
 * kept elsewhere, in grader/runtime/backend-setup.ts, the only folder the sandbox can read.
 */
import type { BackendName, BackendRequest, GpuAdapterInfo } from '../../runtime/protocol.js';
import type { BackendAccess } from '../../sandbox/backend-access.js';

export interface SelectedBackend {
  request: BackendRequest;
  /** What the report shows, e.g. `wasm` or `tensorflow (@tensorflow/tfjs-node-gpu, GPU)`. */
  label: string;
  /** The GPU adapter, for `webgpu`. */
  adapter?: GpuAdapterInfo;
}

/** Packages a backend needs besides @tensorflow/tfjs: every one listed, or any one of them. */
export type PackageNeed = { allOf: readonly string[] } | { anyOf: readonly string[] };

/** Whether a backend can run here: the backend to run, or why not, with what to install or choose instead. */
export type Detection = { isAvailable: true; selected: SelectedBackend } | { isAvailable: false; reason: string };

/**
 * One way `auto` may take a backend. Every backend's candidates are tried together, lowest rank
 * first, and the first that finds its backend is taken; one backend may have several, at different
 * ranks (tensorflow on a GPU before WebGPU, on the CPU after it).
 */
export interface AutoCandidate {
  rank: number;
  /** What it takes, in words: the order `auto` follows, as the tests and the README give it. */
  description: string;
  /** The backend, when this machine offers it in this way; null to let `auto` go on. */
  find(): SelectedBackend | null;
}

export interface BackendDefinition {
  /** The name `--backend` takes, which is tfjs's own name for the backend. */
  name: BackendName;
  /** What must be installed for it; validation reads this without starting anything. */
  packages: PackageNeed;
  /** Asked when the backend is chosen by name: may start a probe, since a native addon can fail to load. */
  detect(): Detection;
  auto: readonly AutoCandidate[];
  /** What a runner on it is granted beyond the common sandbox, read from this machine at every start. */
  access(request: BackendRequest, env: NodeJS.ProcessEnv): BackendAccess;
  /** Multiplies every check's tolerance on it where the rubric gives it no `toleranceScale` of its own. */
  toleranceScale?: number;
  /**
   * `autograde validate` grades the solution on it, where it is installed (and says so where it is
   * not). Off for a backend whose runs cost far more than the others' on a machine without a GPU.
   */
  isValidatedByDefault: boolean;
  /** A student kit carries the reference's answers computed on it; elsewhere a kit judges against the cpu's. */
  isCarriedByKit: boolean;
}
