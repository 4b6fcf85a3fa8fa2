/**
 * A student's laptop may have no bubblewrap, no prlimit, no unshare and no /proc (macOS and Windows
 * have none of them). The self-check still runs there, on the layers the system has, and says which
 * it lacks; the limits the grader enforces itself still hold. Tried here by running the CLI inside
 * bubblewrap with /proc hidden and those three commands masked.
 */
import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../grader/paths.js';
import { BUBBLEWRAP, isMissing } from '../support/requirements.js';
import { writeShortLimitsRubric } from '../support/short-limits-rubric.js';

const FIXTURES = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'qkv-projection');

function checkWithoutLayers(args: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const masked = ['bwrap', 'prlimit', 'unshare'].flatMap((name) => ['--ro-bind', '/dev/null', `/usr/bin/${name}`]);
  const command = ['--ro-bind', '/', '/', '--dev', '/dev', '--bind', os.tmpdir(), os.tmpdir(), '--tmpfs', '/proc', ...masked, process.execPath, path.join(PROJECT_ROOT, 'bin', 'autograde.js'), ...args];
  return new Promise((resolve) => {
    execFile('bwrap', command, { cwd: PROJECT_ROOT, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ exitCode: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe.skipIf(isMissing(BUBBLEWRAP))('the self-check on a system without bubblewrap, prlimit, unshare or /proc (needs bubblewrap to make one)', () => {
  it('checks a correct file, and says which layers this system lacks', async () => {
    const result = await checkWithoutLayers(['check', path.join(FIXTURES, 'pass', 'alternative', 'qkv-projection.ts'), '--backend', 'cpu']);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('sandbox: 6 of 10 layers active; not on this system: rlimits, namespaces, mount-view, unprivileged-user');
    expect(result.stdout).toMatch(/^All \d+ visible checks pass\./m);
  });

  it('still stops a loop that never ends at its time limit, and still refuses to read a file', async () => {
    const rubric = writeShortLimitsRubric('qkv-projection');
    const looping = await checkWithoutLayers(['grade', path.join(FIXTURES, 'hostile', 'infinite-loop-in-training'), path.join(FIXTURES, 'hostile', 'reads-solution'), '--backend', 'cpu', '--format', 'json', '--rubric', rubric]);
    const [loop, reads] = JSON.parse(looping.stdout) as Array<{ checks: Array<{ id: string; status: string }>; sandbox: { violations: unknown[] } }>;
    expect(loop.checks.find((check) => check.id === 'training.other-pairs')?.status).toBe('timeout');
    expect(reads.checks.find((check) => check.id === 'manual.notebook-mat')?.status).toBe('error');
    expect(reads.sandbox.violations.length).toBeGreaterThan(0);
  });
});
