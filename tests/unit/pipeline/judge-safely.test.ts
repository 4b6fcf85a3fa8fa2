import { describe, expect, it } from 'vitest';
import { isShapedLike } from '../../../grader/checks/compare.js';
import { judgeSafely } from '../../../grader/pipeline/judge-safely.js';
import type { Wire } from '../../../grader/runtime/protocol.js';

const tensor = (shape: number[]): Wire => ({ $tensor: { shape, dtype: 'float32', values: new Array(shape.reduce((a, b) => a * b, 1)).fill(0) } });
const throwing = (): never => {
  throw new TypeError("Cannot read properties of null (reading 'join')");
};

describe('who a throwing judge blames', () => {
  it('tells structures apart by kind, length, keys and tensor shape', () => {
    expect(isShapedLike([tensor([2, 3]), { a: 1 }], [tensor([2, 3]), { a: 5 }])).toBe(true);
    expect(isShapedLike([tensor([3, 2])], [tensor([2, 3])])).toBe(false);
    expect(isShapedLike({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(isShapedLike([1, 2], [1, 2, 3])).toBe(false);
    expect(isShapedLike({ $opaque: 'x' }, { $opaque: 'x' })).toBe(false);
    expect(isShapedLike({ $$tensor: 1 } as Wire, tensor([1]))).toBe(false);
  });

  it('is the student\'s failed check when what they returned is not shaped like the reference\'s', () => {
    const judged = judgeSafely(throwing, { weightShapes: [5, 6] }, { weightShapes: [[8, 3]] });
    expect(judged).toEqual({ kind: 'verdict', verdict: { status: 'failed', message: expect.stringContaining('cannot be judged') } });
  });

  it('is the grader\'s fault when it threw on a value shaped like the reference\'s', () => {
    expect(judgeSafely(throwing, [tensor([2])], [tensor([2])])).toEqual({ kind: 'judge-failed', message: expect.stringContaining("reading 'join'") });
  });

  it('passes a verdict through untouched', () => {
    expect(judgeSafely(() => ({ status: 'passed' }), 1, 1)).toEqual({ kind: 'verdict', verdict: { status: 'passed' } });
  });
});
