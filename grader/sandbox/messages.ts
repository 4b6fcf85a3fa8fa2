/**
 * Schema of what the runner may say. Anything else arriving on the channel (a forged or malformed
 * message, a wrong nonce) is dropped and recorded as a violation, never interpreted.
 */
import { z } from 'zod';
import type { SandboxMessage, Wire } from '../runtime/protocol.js';

// Any number, NaN and Infinity included: a NaN result is the student's wrong answer, to be judged,
// not a malformed message (zod's z.number() refuses non-finite values).
const anyNumber = z.custom<number>((value) => typeof value === 'number');

const wireSchema: z.ZodType<Wire> = z.lazy(() =>
  z.union([
    z.null(),
    z.boolean(),
    anyNumber,
    z.string(),
    z.array(wireSchema),
    z.record(z.string(), wireSchema),
  ]),
);

const wireErrorSchema = z.object({
  name: z.string(),
  message: z.string(),
  stack: z.string().optional(),
  code: z.string().optional(),
  isNotImplemented: z.boolean(),
  isAccessDenied: z.boolean(),
  permission: z.string().optional(),
  resource: z.string().optional(),
});

const nonce = z.string().min(16);
const ms = z.number().finite().nonnegative();

const sandboxMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('violation'), nonce, kind: z.enum(['file', 'network', 'process', 'worker']), message: z.string().max(1000) }),
  z.object({ type: z.literal('backend-ready'), nonce, backend: z.string(), tfjsLoadMs: ms }),
  z.object({ type: z.literal('backend-failed'), nonce, message: z.string() }),
  z.object({ type: z.literal('ready'), nonce, exports: z.array(z.string()), importMs: ms }),
  z.object({ type: z.literal('import-failed'), nonce, error: wireErrorSchema, importMs: ms }),
  z.object({
    type: z.literal('probe-result'),
    nonce,
    id: z.number().int(),
    isOk: z.boolean(),
    value: wireSchema.optional(),
    error: wireErrorSchema.optional(),
    durationMs: ms,
    cpuMs: ms,
  }),
]);

export type ParsedMessage = { isValid: true; message: SandboxMessage } | { isValid: false; reason: string };

export function parseSandboxMessage(raw: unknown, expectedNonce: string): ParsedMessage {
  const parsed = sandboxMessageSchema.safeParse(raw);
  if (!parsed.success) return { isValid: false, reason: `malformed message on the results channel` };
  if (parsed.data.nonce !== expectedNonce) return { isValid: false, reason: 'message with a wrong nonce on the results channel' };
  const message = parsed.data;
  if (message.type === 'probe-result') {
    if (message.isOk && message.value === undefined) return { isValid: false, reason: 'result without a value' };
    if (!message.isOk && !message.error) return { isValid: false, reason: 'failure without an error' };
  }
  return { isValid: true, message: message as SandboxMessage };
}
