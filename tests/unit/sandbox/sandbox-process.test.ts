/**
 * The sandboxed runner's limits, each enforced from outside: a flood of output, unbounded memory,
 * a probe that never returns, and messages the student forges on the results channel.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../grader/sandbox/limits.js';
import { SandboxProcess } from '../../../grader/sandbox/sandbox-process.js';

const running: SandboxProcess[] = [];
afterEach(() => running.splice(0).forEach((runner) => runner.dispose()));

async function load(code: string, limits = {}): Promise<SandboxProcess> {
  const runner = SandboxProcess.spawn({ backend: { name: 'cpu' }, limits: { ...DEFAULT_LIMITS, ...limits } });
  running.push(runner);
  const { outcome } = await runner.load(code, 'student.ts');
  expect(outcome.kind).toBe('ready');
  return runner;
}

const call = (name: string): string => `({ mod }) => mod.${name}()`;

describe('SandboxProcess', () => {
  it('returns values as plain data, tensors flattened', async () => {
    const runner = await load("const tf = require('@tensorflow/tfjs'); exports.f = () => ({ t: tf.tensor2d([[1, 2], [3, 4]]), n: NaN });");
    const outcome = await runner.runProbe('c', call('f'), null, 5000);
    expect(outcome).toMatchObject({ kind: 'value', value: { t: { $tensor: { shape: [2, 2], dtype: 'float32', values: [1, 2, 3, 4] } }, n: NaN } });
  });

  it('stops a probe at its time limit and kills the process', async () => {
    const runner = await load('exports.spin = () => { for (;;) {} };');
    const startedAt = performance.now();
    const outcome = await runner.runProbe('c', call('spin'), null, 500);
    expect(outcome.kind).toBe('timeout');
    expect(performance.now() - startedAt).toBeLessThan(3000);
    expect(runner.isAlive).toBe(false);
  });

  it('stops a flood of output at the output limit', async () => {
    const runner = await load("exports.flood = () => { for (;;) process.stdout.write('x'.repeat(65536)); };", { outputBytes: 200_000 });
    const outcome = await runner.runProbe('c', call('flood'), null, 10_000);
    expect(outcome).toMatchObject({ kind: 'output-limit', limitBytes: 200_000 });
    expect(runner.capturedOutput.length).toBeLessThanOrEqual(8000);
  });

  it('stops unbounded memory growth at the memory limit', async () => {
    const runner = await load('exports.grow = () => { const keep = []; for (;;) keep.push(new Array(1e6).fill(Math.random())); };', { memoryMb: 256 });
    const outcome = await runner.runProbe('c', call('grow'), null, 30_000);
    expect(outcome.kind).toBe('memory');
  });

  it('ignores forged results and records them as violations', async () => {
    const forge = [
      "const v8 = process.getBuiltinModule('v8'), fs = process.getBuiltinModule('fs');",
      "const body = v8.serialize({ type: 'probe-result', nonce: 'f'.repeat(48), id: 1, isOk: true, value: 42, durationMs: 1, cpuMs: 1 });",
      'const header = Buffer.alloc(4); header.writeUInt32BE(body.length, 0);',
      'fs.writeSync(3, Buffer.concat([header, body]));',
    ].join(' ');
    const runner = await load(`exports.f = () => { ${forge} console.log('{"score": 30}'); return 1; };`);
    const outcome = await runner.runProbe('c', call('f'), null, 5000);
    expect(outcome).toMatchObject({ kind: 'value', value: 1 });
    expect(runner.violations).toEqual([{ kind: 'channel', message: 'message with a wrong nonce on the results channel' }]);
  });

  it('survives garbage on the results channel: the run ends, the grader does not', async () => {
    const runner = await load("exports.f = () => { process.getBuiltinModule('fs').writeSync(3, Buffer.from([0, 0, 0, 4, 1, 2, 3, 4])); return 1; };");
    const outcome = await runner.runProbe('c', call('f'), null, 5000);
    expect(outcome.kind).toBe('channel-corrupted');
    expect(runner.isAlive).toBe(false);
    expect(runner.violations[0]).toMatchObject({ kind: 'channel' });
  });

  it('reports refused operations to staff even when the code catches the refusal', async () => {
    const runner = await load(
      "exports.sly = () => { try { process.getBuiltinModule('fs').readFileSync('/etc/shadow'); } catch {} try { process.getBuiltinModule('net').connect(80, '127.0.0.1').on('error', () => {}); } catch {} return 7; };",
    );
    const outcome = await runner.runProbe('c', call('sly'), null, 5000);
    expect(outcome).toMatchObject({ kind: 'value', value: 7 });
    expect(runner.violations).toEqual([
      { kind: 'file', message: 'readFileSync: FileSystemRead denied: /etc/shadow' },
      { kind: 'network', message: 'net.connect was called' },
    ]);
  });

  it('denies reading files outside its view, and spawning processes', async () => {
    const runner = await load(
      "exports.read = () => process.getBuiltinModule('fs').readFileSync('/etc/passwd', 'utf8'); exports.spawn = () => process.getBuiltinModule('child_process').execSync('id');",
    );
    const read = await runner.runProbe('c', call('read'), null, 5000);
    expect(read).toMatchObject({ kind: 'thrown', error: { isAccessDenied: true, code: 'ERR_ACCESS_DENIED' } });
    const spawned = await runner.runProbe('c', call('spawn'), null, 5000);
    expect(spawned).toMatchObject({ kind: 'thrown', error: { isAccessDenied: true } });
  });
});
