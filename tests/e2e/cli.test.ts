import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../grader/report/types.js';
import { runCli } from '../support/run-cli.js';

const REPORT_KEYS = ['exercise', 'submission', 'status', 'score', 'maxScore', 'backend', 'sandbox', 'durationMs', 'diagnostics', 'checks'];
const CHECK_KEYS = ['id', 'title', 'status', 'score', 'maxScore', 'visibility', 'message', 'durationMs'];

describe('autograde CLI', () => {
  it('lists its commands in --help', async () => {
    const { exitCode, stdout } = await runCli(['--help']);
    expect(exitCode).toBe(0);
    for (const command of ['check', 'grade', 'batch', 'merge', 'skeleton', 'validate', 'schema', 'exercises']) expect(stdout).toContain(command);
  });

  it('prints one JSON report with the documented fields, and exits 0', async () => {
    const { exitCode, stdout } = await runCli(['grade', 'solutions/qkv-projection/qkv-projection.ts', '--backend', 'cpu', '--format', 'json']);
    expect(exitCode).toBe(0);
    const report = JSON.parse(stdout) as Report;
    for (const key of REPORT_KEYS) expect(report).toHaveProperty(key);
    for (const key of CHECK_KEYS) expect(report.checks[0]).toHaveProperty(key);
    expect(report.submission).toBe(path.join('solutions', 'qkv-projection', 'qkv-projection.ts'));
    expect(report.sandbox.layers.map((l) => l.name)).toEqual(expect.arrayContaining(['process', 'permission-model', 'namespaces', 'time-limit']));
    expect(report.checks.map((c) => c.id.split('.')[0])).toEqual(expect.arrayContaining(['projection', 'manual', 'module', 'similarity', 'training']));
  });

  it('writes several formats at once, each to its own file in --out, from one grading', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-formats-'));
    const { exitCode, stdout } = await runCli(['grade', 'tests/fixtures/qkv-projection/fail/bias', '--backend', 'cpu', '--format', 'text,json', '--out', out, '--no-color']);
    expect(exitCode).toBe(0);
    expect(stdout).toBe('');
    expect(fs.readdirSync(out).sort()).toEqual(['report.json', 'report.txt']);
    const report = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')) as Report;
    expect(fs.readFileSync(path.join(out, 'report.txt'), 'utf8')).toContain(`score ${report.score}/${report.maxScore}`);
  });

  it('reports type errors as warnings, and leaves them out with --no-typecheck', async () => {
    const fixture = 'tests/fixtures/qkv-projection/pass/type-error-still-runs';
    const typed = JSON.parse((await runCli(['grade', fixture, '--backend', 'cpu', '--format', 'json'])).stdout) as Report;
    expect(typed.status).toBe('passed');
    expect(typed.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', line: 86, message: expect.stringContaining("not assignable to type 'Tensor1D'") })]);
    const untyped = JSON.parse((await runCli(['grade', fixture, '--backend', 'cpu', '--format', 'json', '--no-typecheck'])).stdout) as Report;
    expect(untyped.status).toBe('passed');
    expect(untyped.diagnostics).toEqual([]);
    expect(untyped.timings.typecheckMs).toBe(0);
  });

  it('shows what the code printed, quoted, and never as the grader\'s own lines', async () => {
    const fixture = 'tests/fixtures/qkv-projection/hostile/prints-fake-results';
    const { stdout } = await runCli(['grade', fixture, '--backend', 'cpu']);
    expect(stdout).toContain('│ 30 passed, 0 failed');
    expect(stdout.split('\n').map((line) => line.trim())).not.toContain('30 passed, 0 failed');
    const report = JSON.parse((await runCli(['grade', fixture, '--backend', 'cpu', '--format', 'json'])).stdout) as Report;
    expect(report.output).toContain('30 passed, 0 failed');
    expect(report.score).toBeLessThan(report.maxScore);
  });

  it('exits 1 below --min-score and 0 at or above it', async () => {
    const below = await runCli(['grade', 'exercises/qkv-projection', '--backend', 'cpu', '--min-score', '1']);
    expect(below.exitCode).toBe(1);
    expect(below.stdout).toContain('score 0/32 (0%)');
    const above = await runCli(['grade', 'exercises/qkv-projection', '--backend', 'cpu', '--min-score', '0%']);
    expect(above.exitCode).toBe(0);
  });

  it('exits 2 saying what to install when webgpu finds no Vulkan driver', async () => {
    const result = await runCli(['grade', 'exercises/qkv-projection', '--backend', 'webgpu'], { env: { VK_DRIVER_FILES: '/nonexistent/icd.json' } });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('The webgpu backend has no adapter');
    expect(result.stderr).toContain('apt-get install mesa-vulkan-drivers libvulkan1');
  });

  it('exits 2 with a clear message for usage errors', async () => {
    const backend = await runCli(['grade', 'x', '--backend', 'gpu']);
    expect(backend.exitCode).toBe(2);
    expect(backend.stderr).toMatch(/--backend.*gpu.*auto, tensorflow, webgpu, wasm, cpu/s);

    const missing = await runCli(['grade', 'no/such/dir', '--backend', 'cpu']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('no/such/dir: no such file or directory. Pass a qkv-projection.ts or scaled-attention.ts file, or a directory that holds one.');
    const named = await runCli(['grade', 'no/such/dir', '--backend', 'cpu', '--exercise', 'qkv-projection']);
    expect(named.exitCode).toBe(2);
    expect(named.stderr).toContain('no/such/dir: no such file or directory. Pass a qkv-projection.ts file or a directory that holds one.');

    const mixed = await runCli(['grade', 'solutions/qkv-projection', 'solutions/scaled-attention', '--backend', 'cpu']);
    expect(mixed.exitCode).toBe(2);
    expect(mixed.stdout).toBe('');
    expect(mixed.stderr).toContain('These submissions are for different exercises (solutions/qkv-projection: qkv-projection; solutions/scaled-attention: scaled-attention)');

    const exercise = await runCli(['grade', 'x', '--exercise', 'attention']);
    expect(exercise.exitCode).toBe(2);
    expect(exercise.stderr).toContain("Unknown exercise 'attention'");
  });

  it('grades what it can when one path is missing, then exits 2', async () => {
    const { exitCode, stdout, stderr } = await runCli(['grade', 'no/such/dir', 'exercises/qkv-projection', '--backend', 'cpu', '--format', 'json']);
    expect(exitCode).toBe(2);
    expect(stderr).toContain('no/such/dir');
    expect((JSON.parse(stdout) as Report).submission).toBe(path.join('exercises', 'qkv-projection', 'qkv-projection.ts'));
  });

  it('exits 2 on a bad rubric, naming the file, line, field, value and fix', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-cli-'));
    const rubric = path.join(dir, 'bad.yaml');
    const shipped = fs.readFileSync('rubrics/qkv-projection.yaml', 'utf8');
    fs.writeFileSync(rubric, shipped.replace('projection.shape-2d: { points: 1 }', 'projection.shape-2d: { points: one }'));
    const { exitCode, stderr } = await runCli(['grade', 'exercises/qkv-projection', '--rubric', rubric]);
    expect(exitCode).toBe(2);
    const line = shipped.split('\n').findIndex((l) => l.includes('projection.shape-2d:')) + 1;
    expect(stderr).toContain(`${rubric}:${line}:`);
    expect(stderr).toContain('checks.projection.shape-2d.points: expected number, received string, got "one". Fix: write a number here.');
  });

  it('refuses to grade with --sandbox strict when a layer is missing, saying what to install', async () => {
    // A PATH with node, unshare and prlimit but no bubblewrap.
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-path-'));
    for (const tool of ['node', 'unshare', 'prlimit']) {
      const found = ['/usr/bin', '/bin', '/usr/local/bin'].map((dir) => path.join(dir, tool)).find((file) => fs.existsSync(file));
      if (found) fs.symlinkSync(found, path.join(bin, tool));
    }
    const { exitCode, stderr, stdout } = await runCli(['grade', 'exercises/qkv-projection', '--backend', 'cpu', '--sandbox', 'strict'], { env: { PATH: bin } });
    expect(exitCode).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('--sandbox strict refuses to grade without every layer. Missing: bubblewrap');
    expect(stderr).toContain('apt-get install bubblewrap');
  });

  it('prints the rubric JSON Schema', async () => {
    const { exitCode, stdout } = await runCli(['schema']);
    expect(exitCode).toBe(0);
    expect(JSON.parse(stdout)).toEqual(JSON.parse(fs.readFileSync('rubrics/rubric.schema.json', 'utf8')));
  });
});
