import { describe, expect, it } from 'vitest';
import type { Report } from '../../grader/report/types.js';
import { runCli } from '../support/run-cli.js';

describe.each(['cpu', 'wasm'])('on the %s backend', (backend) => {
  it('gives the reference full marks and the skeleton 0, all not-implemented', async () => {
    const { exitCode, stdout, stderr } = await runCli(['grade', 'solutions/qkv-projection', 'exercises/qkv-projection', '--backend', backend, '--format', 'json']);
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
    const [reference, skeleton] = JSON.parse(stdout) as Report[];

    expect(reference.backend).toBe(backend);
    expect(reference.checks.filter((c) => c.status !== 'passed')).toEqual([]);
    expect(reference).toMatchObject({ status: 'passed', score: reference.maxScore });
    expect(reference.maxScore).toBe(30);
    expect(reference.diagnostics).toEqual([]);

    expect(skeleton).toMatchObject({ status: 'failed', score: 0, maxScore: 30 });
    expect(new Set(skeleton.checks.map((c) => c.status))).toEqual(new Set(['not-implemented']));
    // The skeleton compiles as given: no type errors either.
    expect(skeleton.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
