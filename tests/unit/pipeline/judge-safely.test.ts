import { describe, expect, it } from 'vitest';
import { failed, isShapedLike, passed } from '../../../grader/checks/compare.js';
import { defineStaticCheck } from '../../../grader/checks/types.js';
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

describe('judging a static check from its findings', () => {
  const check = defineStaticCheck<{ uses: string | null }>({
    id: 'manual.no-tf',
    title: 't',
    uses: [],
    find: () => ({ uses: null }),
    judge: ({ uses }) => (uses === null ? passed() : failed(`It uses ${uses}.`)),
  });

  it('is the judge\'s verdict on what the finder found', () => {
    expect(judgeSafely(check, { kind: 'found', findings: { uses: 'tf.matMul' } })).toEqual({ kind: 'verdict', verdict: { status: 'failed', message: 'It uses tf.matMul.' } });
    expect(judgeSafely(check, { kind: 'found', findings: { uses: null } })).toEqual({ kind: 'verdict', verdict: { status: 'passed' } });
  });

  it('is the student\'s failed check when the source nests too deeply for the finder', () => {
    expect(judgeSafely(check, { kind: 'too-deep' })).toEqual({ kind: 'verdict', verdict: { status: 'failed', message: expect.stringContaining('nests too deeply') } });
  });

  it('is the grader\'s fault when the finder failed, its judge threw, or nothing was reported', () => {
    expect(judgeSafely(check, { kind: 'finder-failed', message: 'no such node' })).toEqual({ kind: 'judge-failed', message: 'The grader failed while judging this check: no such node' });
    // Findings are the grader's own reading of the source: a judge that cannot read them is its bug.
    expect(judgeSafely(check, { kind: 'found', findings: null })).toEqual({ kind: 'judge-failed', message: expect.stringContaining('The grader failed while judging this check: ') });
    expect(judgeSafely(check, undefined)).toEqual({ kind: 'judge-failed', message: 'The compile worker did not report on this check.' });
  });
});
