/**
 * Which tfjs backend runs the code: the one named, or for `auto` the first that one of the
 * backends' candidates finds, by rank. That prefers a real GPU: tfjs-node-gpu (CUDA), then WebGPU
 * through Dawn on a hardware adapter; then tfjs-node, wasm and cpu. The report records what was
 * chosen, and for WebGPU the adapter. Each backend says how it is found in its own file (./backends/).
 */
import { GraderError } from '../errors.js';
import { AUTO_CANDIDATES, BACKENDS, getBackend, type BackendName, type SelectedBackend } from './backends/index.js';

export type { SelectedBackend } from './backends/index.js';
export { webgpuLabel } from './backends/webgpu.js';

/** Backends in the order `auto` prefers them; one it never takes comes last. */
function namesByPreference(): BackendName[] {
  const preferred = AUTO_CANDIDATES.map((candidate) => candidate.backend);
  return [...new Set([...preferred, ...(Object.keys(BACKENDS) as BackendName[])])];
}

/** What `--backend` takes: `auto`, then every backend, in the order `auto` prefers them. */
export const BACKEND_CHOICES: ReadonlyArray<'auto' | BackendName> = ['auto', ...namesByPreference()];
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

function selectAuto(): SelectedBackend {
  for (const candidate of AUTO_CANDIDATES) {
    const selected = candidate.find();
    if (selected) return selected;
  }
  throw new GraderError('INTERNAL', `No backend offered itself to auto (tried: ${AUTO_CANDIDATES.map((c) => c.description).join('; ')}).`);
}

export function selectBackend(choice: BackendChoice): SelectedBackend {
  if (choice === 'auto') return selectAuto();
  const detection = getBackend(choice).detect();
  if (!detection.isAvailable) throw new GraderError('BACKEND_UNAVAILABLE', detection.reason);
  return detection.selected;
}
