/**
 * Who is to blame when a judge throws. A judge is the grader's code, so throwing is its bug; but
 * the value it threw on was shaped by the student, and a student must not be able to turn a wrong
 * answer into an unscored check by returning something odd. So: a throw on a value shaped like the
 * reference's (the same kinds, lengths, keys and tensor shapes) is the grader's fault, an
 * `internal-error`; a throw on anything else is a `failed` that says what came back.
 */
import { describeWire, isShapedLike } from '../checks/compare.js';
import type { Verdict } from '../checks/types.js';
import type { Wire } from '../runtime/protocol.js';

export type JudgedOutcome = { kind: 'verdict'; verdict: Verdict } | { kind: 'judge-failed'; message: string };

export function judgeSafely(judge: () => Verdict, actual: Wire, expected: Wire): JudgedOutcome {
  try {
    return { kind: 'verdict', verdict: judge() };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (isShapedLike(actual, expected)) return { kind: 'judge-failed', message: `The grader failed while judging this check: ${reason}` };
    return {
      kind: 'verdict',
      verdict: {
        status: 'failed',
        message: `What your code returned cannot be judged: it is ${describeWire(actual)}, where the reference returns ${describeWire(expected)}. Return values of the types and shapes the skeleton's signature gives.`,
      },
    };
  }
}
