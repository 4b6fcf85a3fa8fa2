/**
 * The sandboxed runner's limits, each enforced from outside: a flood of output, unbounded memory,
 * a probe that never returns, and messages the student forges on the results channel. Under both
 * starts of the runner's process, plain and from the startup snapshot.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type SandboxLimits } from '../../../grader/sandbox/limits.js';
import { SandboxProcess } from '../../../grader/sandbox/sandbox-process.js';
import { RUNNER_STARTS, runnerStart, type RunnerStartName } from '../../support/runner-starts.js';

const running: SandboxProcess[] = [];
afterEach(() => running.splice(0).forEach((runner) => runner.dispose()));

const call = (name: string): string => `({ mod }) => mod.${name}()`;

describe.each(RUNNER_STARTS)('SandboxProcess, started %s', (startName: RunnerStartName) => {
  async function spawn(limits: Partial<SandboxLimits> = {}): Promise<SandboxProcess> {
    const merged = { ...DEFAULT_LIMITS, ...limits };
    const runner = SandboxProcess.spawn({ backend: { name: 'cpu' }, limits: merged, start: await runnerStart(startName, merged.memoryMb) });
    running.push(runner);
    return runner;
  }

  async function load(code: string, limits: Partial<SandboxLimits> = {}): Promise<SandboxProcess> {
    const runner = await spawn(limits);
    const { outcome } = await runner.load(code, 'student.ts');
    expect(outcome.kind).toBe('ready');
    expect(runner.snapshotBlob === null).toBe(startName === 'plain');
    return runner;
  }

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

  it('ends the run on a forged frame, however well made, and records it as observed', async () => {
    // The frame the runner would write, but with a nonce the student cannot know.
    const forge = [
      "const fs = process.getBuiltinModule('fs');",
      `const body = '{"id":1,"isOk":true,"value":42,"durationMs":1,"cpuMs":1}';`,
      "fs.writeSync(3, 'AG1 ' + 'f'.repeat(48) + ' probe-result ' + body.length + '\\n' + body);",
    ].join(' ');
    const runner = await load(`exports.f = () => { ${forge} return 1; };`);
    const outcome = await runner.runProbe('c', call('f'), null, 5000);
    expect(outcome).toMatchObject({ kind: 'channel-corrupted', reason: 'a frame with a wrong nonce (forged)' });
    expect(runner.violations).toEqual([{ kind: 'channel', message: expect.stringContaining('wrong nonce'), source: 'observed' }]);
  });

  it('ends the run on a frame the runner would not send now, even one with the right nonce', async () => {
    // Were the nonce ever stolen: an answer to a probe never asked is not queued, it ends the run.
    const runner = await load(`exports.f = (nonce) => { const body = '{"id":999999,"isOk":true,"value":1,"durationMs":1,"cpuMs":1}'; process.getBuiltinModule('fs').writeSync(3, 'AG1 ' + nonce + ' probe-result ' + body.length + '\\n' + body); for (;;) {} };`);
    const nonce = (runner as unknown as { nonce: string }).nonce;
    const startedAt = performance.now();
    const outcome = await runner.runProbe('c', '({ mod, input }) => mod.f(input)', nonce, 20_000);
    expect(outcome).toMatchObject({ kind: 'channel-corrupted', reason: 'a probe-result frame the runner would not send now' });
    expect(performance.now() - startedAt).toBeLessThan(5000);
  });

  it('refuses the heap snapshots that would hold the nonce, and flags the try', async () => {
    const runner = await load("exports.f = () => { const v8 = process.getBuiltinModule('v8'); try { v8.getHeapSnapshot(); return 'read'; } catch (e) { return e.code; } };");
    expect(await runner.runProbe('c', call('f'), null, 10_000)).toMatchObject({ kind: 'value', value: 'ERR_ACCESS_DENIED' });
    expect(runner.violations).toEqual([{ kind: 'introspection', message: 'v8.getHeapSnapshot was called', source: 'reported' }]);
  });

  it('judges a frame by its header before it keeps a byte of its body', async () => {
    // A header declaring 2 GB: refused as it is read, without waiting for (or allocating) the body.
    const runner = await load(`exports.f = () => { process.getBuiltinModule('fs').writeSync(3, 'AG1 ' + 'f'.repeat(48) + ' probe-result 2000000000\\n'); for (;;) {} };`);
    const startedAt = performance.now();
    const outcome = await runner.runProbe('c', call('f'), null, 20_000);
    expect(outcome.kind).toBe('channel-corrupted');
    expect(performance.now() - startedAt).toBeLessThan(5000);
  });

  it('tells a runner that died before the student\'s module ran from a module that ended it', async () => {
    const dead = await spawn();
    // The whole group, as a crash of the runner's own would end it.
    process.kill(-(dead as unknown as { child: { pid: number } }).child.pid, 'SIGKILL');
    const { outcome } = await dead.load('exports.f = () => 1;', 'student.ts');
    expect(outcome.kind).toBe('runner-failed');
    // The student's own exit, however early, stays the student's: several tries, since the exit
    // and the runner's last message reach the grader in either order.
    for (let i = 0; i < 4; i++) {
      const exiting = await spawn();
      const loaded = await exiting.load('process.exit(3);', 'student.ts');
      expect(loaded.outcome).toMatchObject({ kind: 'exited', exitCode: 3 });
    }
  });

  it('keeps the nonce, the answers and the violations out of reach of code that patches every prototype', async () => {
    // Everything the channel could have used, replaced by spies that keep what they are given.
    const patch = `
      const seen = [];
      const apply = Reflect.apply, define = Object.defineProperty, describe = Object.getOwnPropertyDescriptor, text = String, keep = (v) => { try { seen[seen.length] = text(v).slice(0, 300); } catch {} };
      let busy = false;
      const spy = (target, name) => {
        const desc = describe(target, name);
        if (!desc || !desc.configurable) return;
        if (typeof desc.value === 'function') {
          const original = desc.value;
          define(target, name, { ...desc, value: function (...args) { if (!busy) { busy = true; keep(this); for (const a of args) keep(a); busy = false; } return new.target ? Reflect.construct(original, args, new.target) : apply(original, this, args); } });
        } else if (desc.get) {
          const get = desc.get;
          define(target, name, { ...desc, get() { if (!busy) { busy = true; keep(this); busy = false; } return apply(get, this, []); } });
        }
      };
      const typedArray = Object.getPrototypeOf(Uint8Array.prototype);
      for (const target of [String.prototype, Array.prototype, Object.prototype, typedArray, Uint8Array.prototype, Buffer.prototype, Promise.prototype, JSON]) {
        for (const name of Object.getOwnPropertyNames(target)) if (name !== 'constructor' && name !== 'prototype') spy(target, name);
      }
      for (const name of ['toJSON', 'errno', 'error', 'code', '0', '1', 'short', 'value']) {
        define(Object.prototype, name, { configurable: true, set(v) { keep('set ' + name); define(this, name, { value: v, writable: true, enumerable: true, configurable: true }); }, get() { keep('get ' + name); return undefined; } });
      }
      const streamProto = Object.getPrototypeOf(Object.getPrototypeOf(process.stdout));
      for (const name of Object.getOwnPropertyNames(streamProto)) spy(streamProto, name);
      globalThis.__seen = seen;`;
    const runner = await load(`exports.f = () => { ${patch} try { process.getBuiltinModule('fs').readFileSync('/etc/shadow'); } catch {} return [1, { short: 2 }]; }; exports.seen = () => globalThis.__seen.join('\\n');`);
    const outcome = await runner.runProbe('c', call('f'), null, 10_000);
    expect(outcome).toMatchObject({ kind: 'value', value: [1, { short: 2 }] });
    expect(runner.violations).toEqual([{ kind: 'file', message: 'readFileSync: FileSystemRead denied: /etc/shadow', source: 'reported' }]);
    const seen = await runner.runProbe('c', call('seen'), null, 10_000);
    expect(seen.kind).toBe('value');
    const nonce = (runner as unknown as { nonce: string }).nonce;
    expect(String((seen as { value: unknown }).value)).not.toContain(nonce);
    expect(String((seen as { value: unknown }).value)).not.toContain('probe-result');
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
      { kind: 'file', message: 'readFileSync: FileSystemRead denied: /etc/shadow', source: 'reported' },
      { kind: 'network', message: 'net.connect was called', source: 'reported' },
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
