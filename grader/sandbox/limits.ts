/** Resource limits for one sandboxed process, all enforced from outside it. */
export interface SandboxLimits {
  /** Wall time allowed for loading tfjs and evaluating the student's module. */
  importTimeMs: number;
  /** Resident memory of the whole process tree, watched from outside; also caps the V8 heap. */
  memoryMb: number;
  /** Bytes of stdout and stderr together before the run is stopped. */
  outputBytes: number;
}

export const DEFAULT_LIMITS: SandboxLimits = {
  importTimeMs: 15_000,
  memoryMb: 1024,
  outputBytes: 1_000_000,
};

/** How much of the captured output a report keeps for feedback. */
export const OUTPUT_KEPT_BYTES = 8_000;
