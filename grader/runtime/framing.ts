/**
 * The results channel's framing: each message is a 4-byte big-endian length and a v8-serialized
 * value (structured clone, so NaN and Infinity survive). The student's code shares the runner's
 * process and can write anything to these descriptors, so decoding never throws: a frame that is
 * too long or does not deserialize marks the stream corrupt, and the caller decides what that means.
 */
import v8 from 'node:v8';

/** Larger than any honest message (a few megabytes of tensor values at most). */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;

// Captured at load, before any student code runs: patching the module object later changes nothing.
const serialize = v8.serialize;
const deserialize = v8.deserialize;
const concat = Buffer.concat;
const allocUnsafe = Buffer.allocUnsafe;

export function encodeFrame(value: unknown): Buffer {
  const body = serialize(value);
  const header = allocUnsafe(4);
  header.writeUInt32BE(body.length, 0);
  return concat([header, body]);
}

export type Decoded = { kind: 'message'; value: unknown } | { kind: 'corrupt'; reason: string };

export class FrameDecoder {
  private buffered: Buffer = Buffer.alloc(0);
  private isCorrupt = false;

  /** Every complete frame in the data so far; after corruption, nothing more. */
  push(chunk: Buffer): Decoded[] {
    if (this.isCorrupt) return [];
    this.buffered = this.buffered.length === 0 ? chunk : concat([this.buffered, chunk]);
    const decoded: Decoded[] = [];
    while (this.buffered.length >= 4) {
      const length = this.buffered.readUInt32BE(0);
      if (length > MAX_FRAME_BYTES) return [...decoded, this.corrupt(`a frame of ${length} bytes`)];
      if (this.buffered.length < 4 + length) break;
      const body = this.buffered.subarray(4, 4 + length);
      this.buffered = this.buffered.subarray(4 + length);
      try {
        decoded.push({ kind: 'message', value: deserialize(body) });
      } catch {
        return [...decoded, this.corrupt('a frame that is not a serialized value')];
      }
    }
    return decoded;
  }

  private corrupt(reason: string): Decoded {
    this.isCorrupt = true;
    this.buffered = Buffer.alloc(0);
    return { kind: 'corrupt', reason };
  }
}
