import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { detectIsolation, missingForStrict } from '../../../grader/sandbox/layers.js';
import { DEFAULT_LIMITS } from '../../../grader/sandbox/limits.js';
import { SandboxProcess } from '../../../grader/sandbox/sandbox-process.js';
import { BUBBLEWRAP, isMissing } from '../../support/requirements.js';
import { RUNNER_STARTS, runnerStart } from '../../support/runner-starts.js';

const hasBubblewrap = !isMissing(BUBBLEWRAP);

/** A PATH with unshare and prlimit but no bubblewrap, as on a machine that never installed it. */
function pathWithoutBubblewrap(): string {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-path-'));
  for (const tool of ['unshare', 'prlimit']) {
    const found = ['/usr/bin', '/bin', '/usr/local/bin'].map((dir) => path.join(dir, tool)).find((file) => fs.existsSync(file));
    if (found) fs.symlinkSync(found, path.join(bin, tool));
  }
  return bin;
}

describe('sandbox layers', () => {
  const originalPath = process.env.PATH;
  afterEach(() => {
    process.env.PATH = originalPath;
  });

  it.skipIf(!hasBubblewrap)('uses bubblewrap wherever it is installed (needs bubblewrap)', () => {
    expect(detectIsolation().kind).toBe('bubblewrap');
    expect(missingForStrict()).toEqual([]);
  });

  it('says what it fell back to where bubblewrap is not installed', async () => {
    // The layers are probed once per process: a fresh copy of the module probes again, on a PATH without bwrap.
    process.env.PATH = pathWithoutBubblewrap();
    vi.resetModules();
    const fresh = await import('../../../grader/sandbox/layers.js');
    expect(fresh.detectIsolation().kind).not.toBe('bubblewrap');
    expect(fresh.missingForStrict()[0]).toContain('apt-get install bubblewrap');
  });

  it.each(RUNNER_STARTS)('never shows the runner the grader as its parent, and has a mount view exactly where bubblewrap runs (started %s)', async (startName) => {
    const runner = SandboxProcess.spawn({ backend: { name: 'cpu' }, limits: DEFAULT_LIMITS, start: await runnerStart(startName) });
    try {
      const { outcome } = await runner.load('exports.who = () => ({ ppid: process.ppid });', 'who.ts');
      expect(outcome.kind).toBe('ready');
      const result = await runner.runProbe('c', '({ mod }) => mod.who()', null, 5000);
      // The grader's pid is never exposed: signalling the parent is how a submission would end it.
      expect(result).toMatchObject({ kind: 'value', value: { ppid: 0 } });
      expect(runner.layers.find((layer) => layer.name === 'mount-view')?.isActive).toBe(hasBubblewrap);
    } finally {
      runner.dispose();
    }
  });

  it.skipIf(!hasBubblewrap).each(RUNNER_STARTS)('runs the student code as nobody, with no network, under bubblewrap (started %s; needs bubblewrap)', async (startName) => {
    const runner = SandboxProcess.spawn({ backend: { name: 'cpu' }, limits: DEFAULT_LIMITS, start: await runnerStart(startName) });
    try {
      const { outcome } = await runner.load(
        "exports.who = () => ({ uid: process.getuid(), pid: process.pid, ppid: process.ppid, interfaces: Object.keys(process.getBuiltinModule('os').networkInterfaces()) });",
        'who.ts',
      );
      expect(outcome.kind).toBe('ready');
      const result = await runner.runProbe('c', '({ mod }) => mod.who()', null, 5000);
      expect(result.kind).toBe('value');
      const seen = (result as unknown as { value: { uid: number; pid: number; ppid: number; interfaces: string[] } }).value;
      expect(seen.ppid).toBe(0);
      expect(seen.uid).toBe(65534);
      expect(seen.pid).toBeLessThan(10);
      expect(seen.interfaces).toEqual(['lo']);
      expect(runner.layers.find((layer) => layer.name === 'mount-view')?.isActive).toBe(true);
    } finally {
      runner.dispose();
    }
  });
});
