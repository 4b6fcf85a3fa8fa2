/**
 * Who is to blame when a judge throws. A judge is the grader's code, so throwing is its bug; but
 * the value it threw on was shaped by the student, and a student must not be able to turn a wrong
 * answer into an unscored check by returning something odd. So: a throw on a value shaped like the
 * reference's (the same kinds, lengths, keys and tensor shapes) is the grader's fault, an
 * `internal-error`; a throw on anything else is a `failed` that says what came back.
 */
import { describeWire } from '../checks/compare.js';
import type { Verdict } from '../checks/types.js';
import type { Wire } from '../runtime/protocol.js';

export type JudgedOutcome = { kind: 'verdict'; verdict: Verdict } | { kind: 'judge-failed'; message: string };

/** Elements compared one by one before a long array is taken on the kind of its elements. */
const ELEMENTS_COMPARED = 1000;

function kindOf(value: Wire): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value !== 'object') return typeof value;
  if ('$tensor' in value) return 'tensor';
  if ('$undefined' in value) return 'undefined';
  if ('$opaque' in value) return 'opaque';
  return 'object';
}

/** Whether `actual` has the structure of `expected`, the trusted reference's value. */
export function isShapedLike(actual: Wire, expected: Wire): boolean {
  const kind = kindOf(actual);
  if (kind !== kindOf(expected) || kind === 'opaque') return false;
  if (kind === 'tensor') {
    const a = (actual as { $tensor: { shape: number[] } }).$tensor.shape;
    const e = (expected as { $tensor: { shape: number[] } }).$tensor.shape;
    return a.length === e.length && a.every((n, i) => n === e[i]);
  }
  if (kind === 'array') {
    const a = actual as Wire[];
    const e = expected as Wire[];
    if (a.length !== e.length) return false;
    for (let i = 0; i < a.length; i++) {
      if (i >= ELEMENTS_COMPARED) return kindOf(a[i]) === kindOf(e[i]);
      if (!isShapedLike(a[i], e[i])) return false;
    }
    return true;
  }
  if (kind === 'object') {
    const a = actual as { [key: string]: Wire };
    const e = expected as { [key: string]: Wire };
    const keys = Object.keys(e);
    return Object.keys(a).length === keys.length && keys.every((key) => Object.hasOwn(a, key) && isShapedLike(a[key], e[key]));
  }
  return true;
}

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
