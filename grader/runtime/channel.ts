/**
 * The runner's end of its two descriptors. Answers are written with `fs.writeSync` on a string and
 * requests read with `fs.read` into the channel's own buffers, both taken when this module loads:
 * neither goes through a stream or a `Buffer` method, so nothing the student's code replaces later
 * sees a frame, the nonce in its header, or a request on its way in. (A `net.Socket` on the
 * descriptors would also be refused by node 26's permission model, which covers sockets.)
 */
import fs from 'node:fs';
import { byteLengthOf, jsonParse, NativeUint8Array, stringSlice, utf8Slice } from './intrinsics.js';
import { ANSWER_MAGIC, REQUEST_HEADER_BYTES, type HostMessage, type SandboxMessageType } from './protocol.js';

const writeSync = fs.writeSync;
const read = fs.read;
const atomicsWait = Atomics.wait;
const nap = new Int32Array(new SharedArrayBuffer(4));
/** How long a write waits on a full pipe before the answer is given up. */
const FULL_PIPE_LIMIT_MS = 30_000;

export interface RunnerChannel {
  /** Sends one answer; `body` is JSON text, ASCII only (see wire.ts). Never throws. */
  post(type: SandboxMessageType, body: string): void;
  /** Reads requests one after another for as long as the grader is there. */
  listen(onRequest: (message: HostMessage) => void, onClosed: () => void): void;
}

export function openChannel(answerFd: number, requestFd: number): RunnerChannel {
  let nonce = '';
  // Set from the first request, `init`, which arrives before any student code is evaluated.
  const setNonce = (value: string): void => {
    nonce = value;
  };

  function post(type: SandboxMessageType, body: string): void {
    if (nonce === '') return;
    let frame = `${ANSWER_MAGIC} ${nonce} ${type} ${byteLengthOf(body)}\n${body}`;
    // A pipe may take less than asked for; the frame is ASCII, so characters are bytes. A full pipe
    // that is non-blocking says EAGAIN: the grader is reading, so the write waits and goes on.
    let waitedMs = 0;
    while (frame.length > 0) {
      let written = 0;
      try {
        written = writeSync(answerFd, frame);
      } catch (error) {
        if ((error as { code?: unknown } | null)?.code !== 'EAGAIN' || waitedMs >= FULL_PIPE_LIMIT_MS) return;
        atomicsWait(nap, 0, 0, 1);
        waitedMs++;
        continue;
      }
      // A closed descriptor: the grader is gone or the student closed it; the run ends without answers.
      if (!(written > 0)) return;
      frame = stringSlice(frame, written);
    }
  }

  function listen(onRequest: (message: HostMessage) => void, onClosed: () => void): void {
    const header = new NativeUint8Array(REQUEST_HEADER_BYTES);
    const fill = (target: Uint8Array, offset: number, then: () => void): void => {
      read(requestFd, target, offset, target.length - offset, null, (error, bytes) => {
        if (error || !(bytes > 0)) return onClosed();
        if (offset + bytes < target.length) fill(target, offset + bytes, then);
        else then();
      });
    };
    const next = (): void =>
      fill(header, 0, () => {
        const length = ((header[0] << 24) | (header[1] << 16) | (header[2] << 8) | header[3]) >>> 0;
        const body = new NativeUint8Array(length);
        const deliver = (): void => {
          let message: HostMessage;
          try {
            message = jsonParse(utf8Slice(body, 0, length)) as HostMessage;
          } catch {
            return onClosed();
          }
          if (message?.type === 'init') setNonce(message.nonce);
          onRequest(message);
          next();
        };
        if (length === 0) deliver();
        else fill(body, 0, deliver);
      });
    next();
  }

  return { post, listen };
}
