/**
 * Messages between the grader and the sandboxed runner. Both sides import these types; the
 * runner side must stay free of imports beyond node builtins, since only this folder is readable
 * inside the sandbox.
 */
import type { BackendName } from './backend-setup.js';

/** Defined by the runner's table of backends, the lowest place that knows them. */
export type { BackendName };

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

/**
 * A value as it crosses the process boundary: plain data only, tensors flattened. On the wire it
 * is JSON, where a number that is not finite is `{"$number": "NaN"}` and a key of the student's
 * that starts with `$` gets a second `$`, so that no object the student builds can pass for a
 * tensor or any other marker.
 */
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
 * time and wait; `load` then evaluates the student's module in it. Requests travel as a 4-byte
 * big-endian length and that many bytes of JSON: they are the grader's, and hold plain data only.
 */
export type HostMessage =
  | { type: 'init'; nonce: string; backend: BackendRequest; outputBytes: number }
  | { type: 'load'; code: string; filename: string }
  | { type: 'probe'; id: number; checkId: string; source: string; input: unknown };

export const REQUEST_HEADER_BYTES = 4;

/**
 * What a probe may ask the runner about tfjs's tensors, counted by hooks the runner installed
 * before the student's module loaded: the student's code cannot reset these, as it can
 * `tf.memory()` and the engine's own state.
 */
export interface TensorCounts {
  /** Tensors made and not yet disposed since the backend was loaded. */
  liveTensors(): number;
  /** Tensors made since the backend was loaded, disposed or not. */
  createdTensors(): number;
  /** Pieces of tensor data the backend made since it was loaded, by the engine or by a kernel called around it. */
  createdData(): number;
}

export const VIOLATION_KINDS = ['file', 'network', 'process', 'worker', 'introspection'] as const;
export type SandboxViolationKind = (typeof VIOLATION_KINDS)[number];

/**
 * What the runner tells the grader. `evaluating` is sent the moment the student's module starts
 * to evaluate: a runner that ends before it failed on its own, never because of the student.
 */
export type SandboxMessage =
  | { type: 'violation'; kind: SandboxViolationKind; message: string }
  | { type: 'backend-ready'; backend: string; tfjsLoadMs: number }
  | { type: 'backend-failed'; message: string }
  | { type: 'evaluating' }
  | { type: 'ready'; exports: string[]; importMs: number }
  | { type: 'import-failed'; error: WireError; importMs: number }
  | { type: 'probe-result'; id: number; isOk: true; value: Wire; durationMs: number; cpuMs: number }
  | { type: 'probe-result'; id: number; isOk: false; error: WireError; durationMs: number; cpuMs: number };

export type SandboxMessageType = SandboxMessage['type'];

/**
 * Answers travel as one ASCII header line, `AG1 <nonce> <type> <body bytes>`, then a JSON body of
 * that many bytes (ASCII too: the runner escapes everything else). The student's code can write to
 * the same descriptor, so the grader reads the header first and cheaply: the magic, the nonce,
 * the type and a size within that type's limit, before it allocates anything for the body.
 */
export const ANSWER_MAGIC = 'AG1';
export const NONCE_HEX_LENGTH = 48;
export const MAX_ANSWER_HEADER_BYTES = 96;

/** The largest body each message may have; a probe's result holds the tensors it returned. */
export const ANSWER_BODY_LIMITS: Record<SandboxMessageType, number> = {
  violation: 4 * 1024,
  'backend-ready': 4 * 1024,
  'backend-failed': 64 * 1024,
  evaluating: 64,
  ready: 256 * 1024,
  'import-failed': 64 * 1024,
  'probe-result': 16 * 1024 * 1024,
};

/** Caps the runner applies to a returned value, and the grader again to what arrives. */
export const WIRE_LIMITS = {
  depth: 8,
  elements: 1_000_000,
  keysPerObject: 64,
  keyChars: 200,
  stringChars: 10_000,
  opaqueChars: 300,
  /** A dimension count no tensor in an exercise comes near. */
  rank: 8,
} as const;

/** Caps on the fields of an error the student's code threw. */
export const WIRE_ERROR_LIMITS = {
  name: 200,
  message: 2000,
  stack: 4000,
  code: 100,
  permission: 100,
  resource: 500,
} as const;

/**
 * What makes two probe runs the same call: the same probe source on the same input. Checks that
 * judge one call differently (the losses and the predictions of one training run) share its run.
 */
export function probeCallKey(source: string, input: unknown): string {
  return `${source}\0${JSON.stringify(input)}`;
}
