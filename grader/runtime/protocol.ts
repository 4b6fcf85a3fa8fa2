/**
 * Messages between the grader and the sandboxed runner. Both sides import these types; the
 * runner side must stay free of imports beyond node builtins, since only this folder is readable
 * inside the sandbox.
 */

export const BACKEND_NAMES = ['cpu', 'wasm', 'tensorflow', 'webgpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

export interface BackendRequest {
  name: BackendName;
  /** The package that registers the backend, for `tensorflow` (tfjs-node-gpu or tfjs-node). */
  module?: string;
}

/** The GPU adapter a WebGPU backend runs on, as Dawn describes it. */
export interface GpuAdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** A CPU implementation of the API (lavapipe, SwiftShader): correct, but no GPU. */
  isSoftware: boolean;
}

/** A value as it crosses the process boundary: plain data only, tensors flattened. */
export type Wire =
  | null
  | boolean
  | number
  | string
  | Wire[]
  | { $tensor: WireTensor }
  | { $undefined: true }
  | { $opaque: string }
  | { [key: string]: Wire };

export interface WireTensor {
  shape: number[];
  dtype: string;
  values: number[];
}

export interface WireError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
  /** The skeleton's TODO stubs throw errors whose message starts with `TODO`. */
  isNotImplemented: boolean;
  /** Node's permission model refused an operation (file, child process, worker...). */
  isAccessDenied: boolean;
  permission?: string;
  resource?: string;
}

/**
 * `init` loads tfjs before the student's code is known, so that a runner can be started ahead of
 * time and wait; `load` then evaluates the student's module in it.
 */
export type HostMessage =
  | { type: 'init'; nonce: string; backend: BackendRequest; outputBytes: number }
  | { type: 'load'; code: string; filename: string }
  | { type: 'probe'; id: number; checkId: string; source: string; input: Wire };

export type SandboxViolationKind = 'file' | 'network' | 'process' | 'worker';

export type SandboxMessage =
  | { type: 'violation'; nonce: string; kind: SandboxViolationKind; message: string }
  | { type: 'backend-ready'; nonce: string; backend: string; tfjsLoadMs: number }
  | { type: 'backend-failed'; nonce: string; message: string }
  | { type: 'ready'; nonce: string; exports: string[]; importMs: number }
  | { type: 'import-failed'; nonce: string; error: WireError; importMs: number }
  | { type: 'probe-result'; nonce: string; id: number; isOk: true; value: Wire; durationMs: number; cpuMs: number }
  | { type: 'probe-result'; nonce: string; id: number; isOk: false; error: WireError; durationMs: number; cpuMs: number };
