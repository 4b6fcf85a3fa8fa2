/**
 * Which GPU adapter the WebGPU backend would run on, asked once per grader run by a short-lived
 * probe started inside the sandbox (grader/runtime/adapter-probe.ts). Dawn is a native addon that
 * keeps threads and the GPU driver loaded; it stays out of the grader's process, and the probe
 * sees what a runner would see: the same mount view, devices and variables.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import tmp from 'tmp';
import type { GpuAdapterInfo } from '../runtime/protocol.js';
import { PROBE_PATH } from '../paths.js';
import type { BackendAccess } from '../sandbox/backend-access.js';
import { buildLaunch } from '../sandbox/launch.js';
import { DEFAULT_LIMITS } from '../sandbox/limits.js';

export type AdapterProbe = { kind: 'found'; adapter: GpuAdapterInfo; durationMs: number } | { kind: 'none'; reason: string; durationMs: number };

const PROBE_TIMEOUT_MS = 30_000;
const requireFromHere = createRequire(import.meta.url);
let cached: AdapterProbe | undefined;

function parseAnswer(stdout: string): { adapter?: GpuAdapterInfo; error?: string } | null {
  const line = stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as { adapter?: GpuAdapterInfo; error?: string };
  } catch {
    return null;
  }
}

/** `access`: what the webgpu backend is granted, so that the probe is started exactly as its runners are. */
export function runAdapterProbe(access: BackendAccess): AdapterProbe {
  if (cached) return cached;
  const startedAt = performance.now();
  const scratch = tmp.dirSync({ prefix: 'autograde-probe-', unsafeCleanup: true });
  try {
    const launch = buildLaunch({ access, limits: DEFAULT_LIMITS }, PROBE_PATH, requireFromHere.resolve('@tensorflow/tfjs'), scratch.name);
    const result = spawnSync(launch.command, launch.args, { cwd: scratch.name, env: launch.env, encoding: 'utf8', timeout: PROBE_TIMEOUT_MS });
    const durationMs = performance.now() - startedAt;
    const answer = parseAnswer(result.stdout ?? '');
    if (answer?.adapter) cached = { kind: 'found', adapter: answer.adapter, durationMs };
    else {
      const printed = (result.stderr ?? '').trim().split('\n').filter((line) => !/artificially reduced/.test(line)).slice(-3).join(' ');
      const reason = answer?.error ?? (result.error ? `the probe did not run (${result.error.message})` : `the probe ended without an answer (exit ${result.status ?? result.signal}${printed ? `: ${printed}` : ''})`);
      cached = { kind: 'none', reason, durationMs };
    }
    return cached;
  } finally {
    scratch.removeCallback();
  }
}
