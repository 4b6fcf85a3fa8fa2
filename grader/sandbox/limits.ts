import { REPORT_TEXT_LIMITS } from '../report/bound-report.js';

/** Resource limits for one sandboxed process, all enforced from outside it. */
export interface SandboxLimits {
  /** Wall time allowed for loading tfjs and evaluating the student's module. */
  importTimeMs: number;
  /** Resident memory of the whole process tree, watched from outside; also caps the V8 heap. */
  memoryMb: number;
  /** Bytes of stdout and stderr together before the run is stopped. */
  outputBytes: number;
  /**
   * CPU seconds for the whole process (RLIMIT_CPU): a backstop behind the per-check wall time,
   * sized to every check's limit together.
   */
  cpuSeconds: number;
}

export const DEFAULT_LIMITS: SandboxLimits = {
  importTimeMs: 15_000,
  memoryMb: 1024,
  outputBytes: 1_000_000,
  cpuSeconds: 600,
};

/** The largest file the process may write (RLIMIT_FSIZE); it is allowed to write none at all. */
export const FILE_SIZE_LIMIT_BYTES = 1024 * 1024;

/** How much of the captured output is kept: what a report holds of it. */
export const OUTPUT_KEPT_BYTES = REPORT_TEXT_LIMITS.output;
