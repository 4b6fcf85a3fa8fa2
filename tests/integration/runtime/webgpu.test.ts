/**
 * tfjs's WebGPU backend in the sandboxed runner, on whatever adapter this machine has (lavapipe,
 * Mesa's software Vulkan, where there is no GPU): student code reads tensors synchronously inside
 * long loops, and only its own output is the student's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../grader/sandbox/limits.js';
import { SandboxProcess } from '../../../grader/sandbox/sandbox-process.js';
import { isMissing, WEBGPU } from '../../support/requirements.js';

const running: SandboxProcess[] = [];
afterEach(() => running.splice(0).forEach((runner) => runner.dispose()));

async function load(code: string): Promise<SandboxProcess> {
  const runner = SandboxProcess.spawn({ backend: { name: 'webgpu' }, limits: { ...DEFAULT_LIMITS, importTimeMs: 60_000 } });
  running.push(runner);
  const { outcome } = await runner.load(code, 'student.ts');
  expect(outcome, runner.capturedOutput).toMatchObject({ kind: 'ready' });
  return runner;
}

describe.skipIf(isMissing(WEBGPU))('the webgpu backend in the runner (needs a WebGPU adapter)', () => {
  it('reads tensors synchronously: dataSync, arraySync and print', async () => {
    const runner = await load(
      "const tf = require('@tensorflow/tfjs'); exports.f = () => { const p = tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5, 6], [7, 8]])); p.print(); return { backend: tf.getBackend(), flat: Array.from(p.dataSync()), nested: p.arraySync() }; };",
    );
    const outcome = await runner.runProbe('c', '({ mod }) => mod.f()', null, 30_000);
    expect(outcome).toMatchObject({ kind: 'value', value: { backend: 'webgpu', flat: [19, 22, 43, 50], nested: [[19, 22], [43, 50]] } });
    // What the student printed, and not Dawn's warnings from when the device was made.
    expect(runner.capturedOutput).toContain('[[19, 22]');
    expect(runner.capturedOutput).not.toContain('artificially reduced');
  });

  it('survives a synchronous loop of more GPU calls than the driver has descriptor sets (65,536 on lavapipe)', async () => {
    // Each call makes a bind group; node frees the dropped ones only when the event loop turns,
    // which this loop never lets it do. The tensor is large enough to stay on the GPU.
    const runner = await load(
      "const tf = require('@tensorflow/tfjs'); exports.loop = (n) => { let x = tf.ones([2048]); let last = 0; for (let i = 0; i < n; i++) { const y = tf.add(x, 1); x.dispose(); x = y; if (i % 100 === 99) last = x.dataSync()[0]; } return last; };",
    );
    const outcome = await runner.runProbe('c', '({ mod }) => mod.loop(70000)', null, 120_000);
    expect(outcome).toMatchObject({ kind: 'value', value: 70001 });
  });

  it('loads no native code after the backend: Dawn is allowed, nothing else is', async () => {
    const runner = await load(
      "exports.open = (file) => { try { process.dlopen({ exports: {} }, file); return 'opened'; } catch (error) { return error.code; } };",
    );
    const outcome = await runner.runProbe('c', "({ mod }) => mod.open('/usr/lib/x86_64-linux-gnu/libz.so.1')", null, 5000);
    expect(outcome).toMatchObject({ kind: 'value', value: 'ERR_ACCESS_DENIED' });
  });
});
