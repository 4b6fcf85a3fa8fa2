import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { detectIsolation, missingForStrict } from '../../../grader/sandbox/layers.js';
import { DEFAULT_LIMITS } from '../../../grader/sandbox/limits.js';
import { SandboxProcess } from '../../../grader/sandbox/sandbox-process.js';

const hasBubblewrap = spawnSync('bwrap', ['--version'], { stdio: 'ignore' }).status === 0;

describe('sandbox layers', () => {
  it('uses bubblewrap wherever it is installed, and says what it fell back to where not', () => {
    const isolation = detectIsolation();
    if (hasBubblewrap) {
      expect(isolation.kind).toBe('bubblewrap');
      expect(missingForStrict()).toEqual([]);
    } else {
      expect(isolation.kind).not.toBe('bubblewrap');
      expect(missingForStrict()[0]).toContain('apt-get install bubblewrap');
    }
  });

  it('runs the student code as nobody, with no network, under bubblewrap', async () => {
    const runner = SandboxProcess.spawn({ backend: { name: 'cpu' }, limits: DEFAULT_LIMITS });
    try {
      const { outcome } = await runner.load(
        "exports.who = () => ({ uid: process.getuid(), pid: process.pid, ppid: process.ppid, interfaces: Object.keys(process.getBuiltinModule('os').networkInterfaces()) });",
        'who.ts',
      );
      expect(outcome.kind).toBe('ready');
      const result = await runner.runProbe('c', '({ mod }) => mod.who()', null, 5000);
      expect(result.kind).toBe('value');
      const seen = (result as unknown as { value: { uid: number; pid: number; ppid: number; interfaces: string[] } }).value;
      // The grader's pid is never exposed: signalling the parent is how a submission would end it.
      expect(seen.ppid).toBe(0);
      if (hasBubblewrap) {
        expect(seen.uid).toBe(65534);
        expect(seen.pid).toBeLessThan(10);
        expect(seen.interfaces).toEqual(['lo']);
      }
      expect(runner.layers.find((layer) => layer.name === 'mount-view')?.isActive).toBe(hasBubblewrap);
    } finally {
      runner.dispose();
    }
  });
});
