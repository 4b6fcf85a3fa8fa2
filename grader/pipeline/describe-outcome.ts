/**
 * Turns what happened in the sandbox into a check status and a sentence the student can act on.
 * Timeouts, memory, output floods, crashes and thrown errors stay distinct.
 */
import type { CheckDetail, SourceLocation } from '../report/types.js';
import type { WireError } from '../runtime/protocol.js';
import type { ProbeOutcome, Termination } from '../sandbox/sandbox-process.js';
import type { SandboxLimits } from '../sandbox/limits.js';
import type { StartFailure } from '../sandbox/session.js';
import { firstStudentFrame, type StackMapper } from './stack-mapper.js';

/** A status and the sentence the student reads, with the line to look at where one is known. */
export type Described = CheckDetail;

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** How to reach the student's file in a stack trace: the mapper and the name the file goes by. */
export interface StudentFile {
  mapStack: StackMapper;
  displayPath: string;
}

/** `path:line:col` of a stack frame, as a location in the student's file. */
function locationOf(frame: string | null, file: StudentFile): SourceLocation | undefined {
  const match = frame === null ? null : /:(\d+):(\d+)$/.exec(frame);
  return match ? { file: file.displayPath, line: Number(match[1]), column: Number(match[2]) } : undefined;
}

function describeError(error: WireError, file: StudentFile, when: string): Described {
  const frame = firstStudentFrame(error.stack ? file.mapStack(error.stack) : undefined, file.displayPath);
  const location = locationOf(frame, file);
  if (error.isNotImplemented) {
    return { status: 'not-implemented', message: `${error.message} (still the skeleton's TODO: implement it to earn these points).`, ...(location ? { location } : {}) };
  }
  if (error.isAccessDenied) {
    const what = [error.permission, error.resource].filter(Boolean).join(' ');
    return {
      status: 'error',
      message: `${when} tried something the sandbox does not allow${what ? ` (${what})` : ''}: submissions may only compute with tfjs and plain TypeScript, not read files, start processes or use the network.`,
    };
  }
  return { status: 'error', message: `${when} threw ${error.name}: ${error.message}${frame ? ` (at ${frame})` : ''}.`, ...(location ? { location } : {}) };
}

export function describeProbeOutcome(outcome: Exclude<ProbeOutcome, { kind: 'value' }>, file: StudentFile, timeLimitMs: number): Described {
  switch (outcome.kind) {
    case 'thrown':
      return describeError(outcome.error, file, 'Your code');
    case 'timeout':
      return { status: 'timeout', message: `Did not finish within ${seconds(timeLimitMs)}. Look for a loop that never ends, or far more work than the exercise needs (the reference takes well under a second).` };
    case 'memory':
      return { status: 'memory', message: `Used more than ${outcome.limitMb} MB of memory and was stopped. Dispose tensors you no longer need (tf.tidy, tensor.dispose()) and avoid growing arrays without bound.` };
    case 'output-limit':
      return { status: 'output-limit', message: `Printed more than ${outcome.limitBytes} bytes of output and was stopped. Remove console.log calls from loops.` };
    case 'exited':
      if (outcome.signal === 'SIGXCPU') {
        return { status: 'timeout', message: 'Used more CPU time than all the checks together allow, and was stopped.' };
      }
      return {
        status: 'error',
        message: outcome.signal && outcome.signal !== 'SIGKILL'
          ? `The process running your code was killed by ${outcome.signal} during this check.`
          : `Your code ended the process${outcome.exitCode === null ? '' : ` (exit code ${outcome.exitCode})`} during this check. Do not call process.exit(); return your result instead.`,
      };
    case 'channel-corrupted':
      return { status: 'error', message: CHANNEL_CORRUPTED };
    case 'spawn-failed':
      return { status: 'internal-error', message: `The sandbox could not be started: ${outcome.message}` };
  }
}

/** How a runner ended, in a clause: "stopped after 15 s", "exited with code 1". */
function describeRunnerEnd(ended: Termination): string {
  switch (ended.kind) {
    case 'timeout':
      return `did not start within ${seconds(ended.limitMs)}`;
    case 'memory':
      return `ran out of memory (${Math.round(ended.peakRssMb)} MB) while starting`;
    case 'output-limit':
      return 'printed too much while starting';
    case 'exited':
      return ended.signal ? `was killed by ${ended.signal}` : `exited with code ${ended.exitCode}`;
    case 'channel-corrupted':
      return `broke its results channel (${ended.reason})`;
    case 'spawn-failed':
      return `could not be started (${ended.message})`;
  }
}

const CHANNEL_CORRUPTED =
  "Your code wrote to the grader's results channel (file descriptor 3), which ended the run. Submissions communicate only by returning values.";

export function describeStartFailure(failure: StartFailure, file: StudentFile, limits: SandboxLimits): Described {
  switch (failure.kind) {
    case 'import-failed': {
      const described = describeError(failure.error, file, 'Loading your file');
      if (described.status === 'not-implemented') return described;
      return { ...described, message: `${described.message} No check that runs your code could run.` };
    }
    case 'backend-failed':
      return { status: 'internal-error', message: `The tfjs backend failed to start in the sandbox: ${failure.message}` };
    case 'runner-failed':
      return { status: 'internal-error', message: `The sandbox failed before your code ran (its runner ${describeRunnerEnd(failure.cause)}), so this check is not scored: the fault is the grader's, not yours.${failure.output ? ` The runner printed: ${failure.output}` : ''}` };
    case 'timeout':
      return { status: 'timeout', message: `Loading your file did not finish within ${seconds(limits.importTimeMs)}: is there a loop that never ends at the top level of the file?` };
    case 'memory':
      return { status: 'memory', message: `Loading your file used more than ${failure.limitMb} MB of memory.` };
    case 'output-limit':
      return { status: 'output-limit', message: `Loading your file printed more than ${failure.limitBytes} bytes of output.` };
    case 'exited':
      return { status: 'error', message: `Your file ended the process while it was loading${failure.exitCode === null ? '' : ` (exit code ${failure.exitCode})`}. Remove process.exit() and any other top-level code that stops the program.` };
    case 'channel-corrupted':
      return { status: 'error', message: CHANNEL_CORRUPTED };
    case 'spawn-failed':
      return { status: 'internal-error', message: `The sandbox could not be started: ${failure.message}` };
  }
}
