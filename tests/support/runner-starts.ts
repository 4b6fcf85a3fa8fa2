/**
 * The two ways a runner's process starts, plainly and from the startup snapshot: the sandbox's
 * tests run under both, since what the runner captures, and when, differs between them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { prepareRunnerSnapshot } from '../../grader/sandbox/build-runner-snapshot.js';
import { DEFAULT_LIMITS } from '../../grader/sandbox/limits.js';
import { findRunnerSnapshot, snapshotDir } from '../../grader/sandbox/runner-snapshot.js';
import type { RunnerStart } from '../../grader/sandbox/sandbox-process.js';

export const RUNNER_STARTS = ['plain', 'snapshot'] as const;
export type RunnerStartName = (typeof RUNNER_STARTS)[number];

/**
 * The `start` option for `name`. From a snapshot, it is the cpu backend's for `memoryMb`, built
 * into the cache if it is not there, and used without the fallback to the plain start, so that a
 * snapshot that does not work fails the test instead of passing it plainly.
 */
export async function runnerStart(name: RunnerStartName, memoryMb = DEFAULT_LIMITS.memoryMb): Promise<RunnerStart> {
  if (name === 'plain') return 'plain';
  const target = { backend: { name: 'cpu' as const }, memoryMb };
  await prepareRunnerSnapshot(target);
  const blob = findRunnerSnapshot(target);
  if (!blob) {
    const failures = fs.existsSync(snapshotDir()) ? fs.readdirSync(snapshotDir()).filter((name) => name.endsWith('.failures')) : [];
    const why = failures.map((name) => fs.readFileSync(path.join(snapshotDir(), name), 'utf8')).join('\n');
    throw new Error(`No runner snapshot could be built for the cpu backend (is esbuild installed?)${why ? `: ${why}` : ''}`);
  }
  return { snapshotBlob: blob };
}
