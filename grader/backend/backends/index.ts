/**
 * Every backend, by the name `--backend` takes: adding one is a file here, a line in this map, and
 * its setup in the runner's table (grader/runtime/backend-setup.ts), from which the names come.
 * Selection, the sandbox's grants, validation, the student kit and the rubric all read this map;
 * its order is the order validation grades in.
 */
import { UsageError } from '../../errors.js';
import type { BackendName, BackendRequest } from '../../runtime/protocol.js';
import type { BackendAccess } from '../../sandbox/backend-access.js';
import { cpu } from './cpu.js';
import { tensorflow } from './tensorflow.js';
import type { AutoCandidate, BackendDefinition } from './types.js';
import { wasm } from './wasm.js';
import { webgpu } from './webgpu.js';

// Typed by the runner's names rather than deriving them: the compiler then refuses a backend the
// runner cannot set up, and one the runner knows that is missing here.
export const BACKENDS = {
  cpu,
  wasm,
  tensorflow,
  webgpu,
} satisfies Record<BackendName, BackendDefinition>;

export function isBackendName(name: string): name is BackendName {
  return Object.hasOwn(BACKENDS, name);
}

/** The backend named `name`; any other name is refused with the choices. */
export function getBackend(name: string): BackendDefinition {
  if (!isBackendName(name)) throw new UsageError(`Expected a backend named one of ${Object.keys(BACKENDS).join(', ')}, got \`${name}\`.`);
  return BACKENDS[name];
}

/** Every backend's `auto` candidates, in the order `auto` tries them. */
export const AUTO_CANDIDATES: ReadonlyArray<AutoCandidate & { backend: BackendName }> = Object.values(BACKENDS)
  .flatMap((backend) => backend.auto.map((candidate) => ({ ...candidate, backend: backend.name })))
  .sort((a, b) => a.rank - b.rank);

/** What a runner on `request` is granted inside the sandbox; read from this machine at every runner start. */
export function backendAccess(request: BackendRequest, env: NodeJS.ProcessEnv = process.env): BackendAccess {
  return getBackend(request.name).access(request, env);
}

export type { AutoCandidate, BackendDefinition, Detection, PackageNeed, SelectedBackend } from './types.js';
export type { BackendName };
