import { describe, expect, it } from 'vitest';
import { AnswerDecoder } from '../../../grader/sandbox/answer-decoder.js';
import { parseWire } from '../../../grader/sandbox/parse-wire.js';

const NONCE = 'ab'.repeat(24);
const frame = (type: string, body: string, nonce = NONCE): Buffer => Buffer.from(`AG1 ${nonce} ${type} ${Buffer.byteLength(body)}\n${body}`);

describe('the answer decoder', () => {
  it('reads frames however the pipe splits them', () => {
    const bytes = Buffer.concat([frame('evaluating', '{}'), frame('probe-result', '{"id":1,"isOk":true,"value":{"$number":"NaN"},"durationMs":1,"cpuMs":0}')]);
    for (const size of [1, 3, 7, bytes.length]) {
      const decoder = new AnswerDecoder(NONCE);
      const messages = [];
      for (let i = 0; i < bytes.length; i += size) messages.push(...decoder.push(bytes.subarray(i, i + size)));
      expect(messages).toEqual([
        { kind: 'message', message: { type: 'evaluating' } },
        { kind: 'message', message: { type: 'probe-result', id: 1, isOk: true, value: Number.NaN, durationMs: 1, cpuMs: 0 } },
      ]);
    }
  });

  it('refuses, from the header alone, a wrong nonce, an unknown type, an oversized body and what is no frame', () => {
    const refusal = (bytes: Buffer) => new AnswerDecoder(NONCE).push(bytes);
    expect(refusal(frame('ready', '{}', 'cd'.repeat(24)))).toEqual([{ kind: 'corrupt', reason: 'a frame with a wrong nonce (forged)' }]);
    expect(refusal(frame('score', '{}'))).toEqual([{ kind: 'corrupt', reason: 'a frame of an unknown type' }]);
    expect(refusal(Buffer.from(`AG1 ${NONCE} violation 999999999\n`))[0]).toMatchObject({ kind: 'corrupt', reason: expect.stringContaining('more than the 4096') });
    expect(refusal(Buffer.from([0, 0, 0, 4, 1, 2, 3, 4]))).toEqual([]);
    expect(refusal(Buffer.alloc(200, 0x41))).toEqual([{ kind: 'corrupt', reason: 'data that is not a frame of the runner' }]);
  });

  it('refuses a body that does not say what its type says', () => {
    expect(new AnswerDecoder(NONCE).push(frame('violation', '{"kind":"score","message":"all passed"}'))).toEqual([{ kind: 'corrupt', reason: 'a malformed violation' }]);
    expect(new AnswerDecoder(NONCE).push(frame('ready', '{"exports":"everything","importMs":1}'))[0]).toMatchObject({ kind: 'corrupt' });
    expect(new AnswerDecoder(NONCE).push(frame('probe-result', 'not json'))[0]).toMatchObject({ kind: 'corrupt' });
  });

  it('decodes nothing after the channel is corrupt', () => {
    const decoder = new AnswerDecoder(NONCE);
    expect(decoder.push(frame('ready', '{}', 'cd'.repeat(24)))).toHaveLength(1);
    expect(decoder.push(frame('evaluating', '{}'))).toEqual([]);
  });
});

describe('values as they arrive', () => {
  it('takes a marker only exactly as the runner writes it', () => {
    expect(parseWire({ $tensor: { shape: [2], dtype: 'float32', values: [1, { $number: '-Infinity' }] } })).toEqual({ $tensor: { shape: [2], dtype: 'float32', values: [1, Number.NEGATIVE_INFINITY] } });
    const malformed = { $opaque: expect.stringContaining('malformed') };
    expect(parseWire({ $tensor: { shape: [2, 2], dtype: 'float32', values: null } })).toEqual(malformed);
    expect(parseWire({ $tensor: { shape: [3], dtype: 'float32', values: [1, 2] } })).toEqual(malformed);
    expect(parseWire({ $tensor: { shape: [-1], dtype: 'float32', values: [] } })).toEqual(malformed);
    expect(parseWire({ $undefined: true, $number: 'NaN' })).toEqual(malformed);
    expect(parseWire({ $number: 'toString' })).toEqual(malformed);
    expect(parseWire({ $$tensor: 1 })).toEqual({ $$tensor: 1 });
  });

  it('keeps a key named __proto__ a key, and caps strings, keys and depth', () => {
    const parsed = parseWire(JSON.parse('{"__proto__":{"polluted":true}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(['__proto__']);
    expect((parseWire('s'.repeat(20_000)) as string).length).toBe(10_000);
    let deep: unknown = 1;
    for (let i = 0; i < 30; i++) deep = [deep];
    expect(JSON.stringify(parseWire(deep))).toContain('nested too deeply');
  });
});
