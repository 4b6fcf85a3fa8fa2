/**
 * Runners started ahead of time. Starting node, the namespaces and tfjs takes a few hundred
 * milliseconds that need not wait for the student's file to be compiled, nor for a crashed
 * runner to be noticed: a spare is started early and handed out when needed.
 */
import { SandboxProcess, type SandboxProcessOptions } from './sandbox-process.js';

export class RunnerPool {
  private spare: SandboxProcess | null = null;

  constructor(private readonly options: SandboxProcessOptions) {}

  /** Starts a spare now, unless one is already waiting. */
  prepare(): void {
    if (!this.spare?.isAlive) this.spare = SandboxProcess.spawn(this.options);
  }

  /** The spare if there is one, else a runner started now. */
  take(): SandboxProcess {
    const runner = this.spare?.isAlive ? this.spare : SandboxProcess.spawn(this.options);
    this.spare = null;
    return runner;
  }

  dispose(): void {
    this.spare?.dispose();
    this.spare = null;
  }
}
