/**
 * The unit project's setup file: a unit test runs in-process only, so every way node has of starting
 * a process or a worker thread throws, naming what was called and where such a test belongs. The
 * builtins' ES module bindings are synced, so `import { spawnSync } from 'node:child_process'` in a
 * test or in the grader gets the refusing function too.
 */
import childProcess from 'node:child_process';
import module from 'node:module';
import workerThreads from 'node:worker_threads';

function refusal(name: string): Error {
  return new Error(`${name} was called from a unit test. tests/unit runs in-process only: a test that starts a process, a worker thread or a sandbox belongs in tests/integration.`);
}

const STARTERS = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;
const writable = childProcess as unknown as Record<string, unknown>;
for (const name of STARTERS) {
  writable[name] = () => {
    throw refusal(`child_process.${name}`);
  };
}

(workerThreads as { Worker: unknown }).Worker = class {
  constructor() {
    throw refusal('new worker_threads.Worker');
  }
};

module.syncBuiltinESMExports();
