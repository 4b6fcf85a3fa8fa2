/**
 * The grader's end of the results channel. The student's code can write anything to it, so each
 * frame is judged by its header before a byte of its body is kept: the magic, the nonce, a known
 * type, and a size within that type's limit. The body is then gathered into one buffer of that
 * size, parsed, and checked field by field (parse-wire.ts). Anything else (a forged nonce, an
 * unknown type, an oversized or malformed frame) corrupts the channel: the caller ends the run.
 * Nothing here throws on any input, and no input costs more than its own size.
 */
import { timingSafeEqual } from 'node:crypto';
import {
  ANSWER_BODY_LIMITS,
  ANSWER_MAGIC,
  MAX_ANSWER_HEADER_BYTES,
  NONCE_HEX_LENGTH,
  VIOLATION_KINDS,
  type SandboxMessage,
  type SandboxMessageType,
  type SandboxViolationKind,
} from '../runtime/protocol.js';
import { parseWire, parseWireError } from './parse-wire.js';

export type Decoded = { kind: 'message'; message: SandboxMessage } | { kind: 'corrupt'; reason: string };

const NEWLINE = 0x0a;

function isMessageType(type: string): type is SandboxMessageType {
  return Object.hasOwn(ANSWER_BODY_LIMITS, type);
}

function isDuration(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body of a frame of `type` as a message, or why it is not one. */
export function parseBody(type: SandboxMessageType, raw: unknown): SandboxMessage | string {
  if (!isPlainObject(raw)) return 'a body that is not an object';
  switch (type) {
    case 'violation':
      if (!VIOLATION_KINDS.includes(raw.kind as never) || typeof raw.message !== 'string') return 'a malformed violation';
      return { type, kind: raw.kind as SandboxViolationKind, message: raw.message.slice(0, 300) };
    case 'backend-ready':
      if (typeof raw.backend !== 'string' || !isDuration(raw.tfjsLoadMs)) return 'a malformed backend-ready';
      return { type, backend: raw.backend.slice(0, 100), tfjsLoadMs: raw.tfjsLoadMs };
    case 'backend-failed':
      if (typeof raw.message !== 'string') return 'a malformed backend-failed';
      return { type, message: raw.message.slice(0, 4000) };
    case 'evaluating':
      return { type };
    case 'ready': {
      const exports = raw.exports;
      if (!Array.isArray(exports) || exports.length > 1000 || !exports.every((name) => typeof name === 'string' && name.length <= 200) || !isDuration(raw.importMs)) return 'a malformed ready';
      return { type, exports: exports as string[], importMs: raw.importMs };
    }
    case 'import-failed': {
      const error = parseWireError(raw.error);
      if (!error || !isDuration(raw.importMs)) return 'a malformed import-failed';
      return { type, error, importMs: raw.importMs };
    }
    case 'probe-result': {
      const { id, isOk, durationMs, cpuMs } = raw;
      if (!Number.isSafeInteger(id) || typeof isOk !== 'boolean' || !isDuration(durationMs) || !isDuration(cpuMs)) return 'a malformed probe-result';
      if (isOk) {
        if (!Object.hasOwn(raw, 'value')) return 'a probe-result without a value';
        return { type, id: id as number, isOk, value: parseWire(raw.value), durationMs, cpuMs };
      }
      const error = parseWireError(raw.error);
      if (!error) return 'a probe-result with a malformed error';
      return { type, id: id as number, isOk, error, durationMs, cpuMs };
    }
  }
}

export class AnswerDecoder {
  private readonly nonce: Buffer;
  private header = Buffer.alloc(MAX_ANSWER_HEADER_BYTES);
  private headerLength = 0;
  private body: { type: SandboxMessageType; bytes: Buffer; filled: number } | null = null;
  private isCorrupt = false;

  constructor(nonce: string) {
    this.nonce = Buffer.from(nonce, 'ascii');
  }

  /** Every message completed by this chunk; after corruption, nothing more. */
  push(chunk: Buffer): Decoded[] {
    const decoded: Decoded[] = [];
    let offset = 0;
    while (offset < chunk.length && !this.isCorrupt) {
      if (this.body) {
        const taken = chunk.copy(this.body.bytes, this.body.filled, offset);
        this.body.filled += taken;
        offset += taken;
        if (this.body.filled === this.body.bytes.length) decoded.push(this.finishBody());
        continue;
      }
      const newline = chunk.indexOf(NEWLINE, offset);
      const end = newline < 0 ? chunk.length : newline;
      if (this.headerLength + (end - offset) > MAX_ANSWER_HEADER_BYTES) {
        decoded.push(this.corrupt('data that is not a frame of the runner'));
        break;
      }
      this.headerLength += chunk.copy(this.header, this.headerLength, offset, end);
      offset = end;
      if (newline < 0) break;
      offset++;
      const started = this.startBody(this.header.toString('latin1', 0, this.headerLength));
      this.headerLength = 0;
      if (started !== null) decoded.push(started);
    }
    return decoded;
  }

  /** Reads a header line; a frame with an empty body is complete at once. */
  private startBody(line: string): Decoded | null {
    const fields = line.split(' ');
    if (fields.length !== 4 || fields[0] !== ANSWER_MAGIC) return this.corrupt('data that is not a frame of the runner');
    const [, nonce, type, size] = fields;
    if (nonce.length !== NONCE_HEX_LENGTH || !timingSafeEqual(Buffer.from(nonce, 'latin1'), this.nonce)) return this.corrupt('a frame with a wrong nonce (forged)');
    if (!isMessageType(type)) return this.corrupt('a frame of an unknown type');
    if (!/^\d{1,9}$/.test(size)) return this.corrupt('a frame with a malformed size');
    const length = Number(size);
    if (length > ANSWER_BODY_LIMITS[type]) return this.corrupt(`a ${type} frame of ${length} bytes, more than the ${ANSWER_BODY_LIMITS[type]} it may have`);
    this.body = { type, bytes: Buffer.allocUnsafe(length), filled: 0 };
    return length === 0 ? this.finishBody() : null;
  }

  private finishBody(): Decoded {
    const { type, bytes } = this.body!;
    this.body = null;
    let raw: unknown;
    try {
      raw = JSON.parse(bytes.toString('utf8'));
    } catch {
      return this.corrupt(`a ${type} frame whose body is not JSON`);
    }
    const parsed = parseBody(type, raw);
    return typeof parsed === 'string' ? this.corrupt(parsed) : { kind: 'message', message: parsed };
  }

  private corrupt(reason: string): Decoded {
    this.isCorrupt = true;
    this.body = null;
    return { kind: 'corrupt', reason };
  }
}
