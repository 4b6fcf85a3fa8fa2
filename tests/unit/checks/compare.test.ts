import { describe, expect, it } from 'vitest';
import { asNumericArray, asTensor, compareTensors, describeDifference, describeWire, expectTensor, failed, judgeClose, unravelIndex } from '../../../grader/checks/compare.js';
import type { Wire } from '../../../grader/runtime/protocol.js';

const tol = { atol: 1e-5, rtol: 1e-4 };

describe('compareTensors', () => {
  it('finds the largest difference and its index', () => {
    const expected = { shape: [2, 3], values: [0, 1, 2, 3, 4, 5] };
    const actual = { shape: [2, 3], values: [0, 1, 2, 3, 4.5, 5] };
    const { isClose, difference } = compareTensors(actual, expected, tol);
    expect(isClose).toBe(false);
    expect(difference).toMatchObject({ maxAbsDiff: 0.5, at: [1, 1], expectedValue: 4, actualValue: 4.5, hasNaN: false });
    expect(describeDifference('Q', difference, tol)).toBe(
      'The largest absolute difference from the expected values is 0.5 at index [1, 1] (expected 4, got 4.5); allowed: 1.000e-5 + 1.000e-4·|expected|.',
    );
  });

  it('reports shape mismatches before values', () => {
    const verdict = judgeClose('Q', { shape: [2, 10, 64], values: [] }, { shape: [2, 10, 16], values: [] }, tol);
    expect(verdict).toMatchObject({ status: 'failed', message: 'Q has shape [2, 10, 64]; expected [2, 10, 16].' });
  });

  it('never calls NaN close, and says it is there', () => {
    const { isClose, difference } = compareTensors({ shape: [2], values: [NaN, 1] }, { shape: [2], values: [0, 1] }, tol);
    expect(isClose).toBe(false);
    expect(difference.hasNaN).toBe(true);
    expect(describeDifference('sim', difference)).toMatch(/^Sim contains NaN/);
  });

  it('accepts differences within atol + rtol·|expected|', () => {
    expect(compareTensors({ shape: [1], values: [100.009] }, { shape: [1], values: [100] }, tol).isClose).toBe(true);
    expect(compareTensors({ shape: [1], values: [100.02] }, { shape: [1], values: [100] }, tol).isClose).toBe(false);
  });
});

describe('wire helpers', () => {
  it('reads nested number arrays and refuses ragged ones', () => {
    expect(asNumericArray([[1, 2], [3, 4]])).toEqual({ shape: [2, 2], values: [1, 2, 3, 4] });
    expect(asNumericArray([[1, 2], [3]])).toBeNull();
    expect(asNumericArray([1, 'a'])).toBeNull();
  });

  it('describes what came back', () => {
    expect(describeWire({ $undefined: true })).toBe('undefined');
    expect(describeWire({ $tensor: { shape: [2, 2], dtype: 'float32', values: [1, 2, 3, 4] } })).toBe('a float32 tensor of shape [2, 2]');
    expect(describeWire([1, 2, 3])).toBe('an array of 3 items');
    expect(describeWire({ $opaque: 'could not be read: Error: boom' })).toBe('a value that could not be read: Error: boom');
  });

  it("reads the runner's markers only as the runner writes them: a student's object with the same keys is an object", () => {
    // Objects a submission can return: the runner passes plain objects through, whatever their keys.
    const forged: Wire[] = [
      { $tensor: 'x' },
      { $tensor: { shape: 'x', dtype: 'float32', values: [] } },
      { $tensor: { shape: [2, 2], dtype: 'float32', values: [1, 2, 3] } },
      { $tensor: { shape: [2, 1.5], dtype: 'float32', values: [1, 2, 3] } },
      { $tensor: { shape: [2], dtype: 'float32', values: [1, 'two'] } },
      { $tensor: { shape: [2], dtype: 7, values: [1, 2] } },
    ];
    for (const value of forged) {
      expect(asTensor(value), JSON.stringify(value)).toBeNull();
      expect(describeWire(value)).toBe('an object with keys {$tensor}');
      expect(expectTensor(value, 'Q')).toEqual({ verdict: { status: 'failed', message: 'Q should be a tf.Tensor, but it is an object with keys {$tensor}.' } });
    }
    expect(describeWire({ $opaque: { toString: 5 } })).toBe('an object with keys {$opaque}');
    expect(describeWire({ $undefined: true, also: 1 })).toBe('an object with keys {$undefined, also}');
    expect(describeWire({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7 })).toBe('an object with keys {a, b, c, d, e, f, …}');
    expect(asTensor({ $tensor: { shape: [2], dtype: 'float32', values: [NaN, Infinity] } })).toEqual({ shape: [2], values: [NaN, Infinity] });
  });

  it('unravels flat indices row-major', () => {
    expect(unravelIndex(7, [2, 2, 3])).toEqual([1, 0, 1]);
  });
});

describe('failed', () => {
  it('carries the difference when the judge has one, and has no difference key otherwise', () => {
    const difference = { at: [1, 2], expectedValue: 0, actualValue: 0.5, maxAbsDiff: 0.5 };
    expect(failed('sim[1][2] should be 0.', difference)).toEqual({ status: 'failed', message: 'sim[1][2] should be 0.', difference });
    expect(Object.keys(failed('Not a tensor.'))).toEqual(['status', 'message']);
    expect(Object.keys(failed('Not a tensor.', undefined))).toEqual(['status', 'message']);
  });

  it('is what judgeClose returns when the numbers disagree', () => {
    const verdict = judgeClose('Q', { shape: [1], values: [2] }, { shape: [1], values: [1] }, tol, 'Hint.');
    expect(verdict).toMatchObject({ status: 'failed', message: expect.stringMatching(/ Hint\.$/), difference: { maxAbsDiff: 1, at: [0] } });
  });
});
