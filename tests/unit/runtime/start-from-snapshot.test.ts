/**
 * The snapshot's build-time check: the plain start captures the built-ins before tfjs loads, the
 * snapshot's after, so a build whose packages changed one of them must fail.
 */
import { describe, expect, it } from 'vitest';
import { noteBuiltins, prepareSnapshot } from '../../../grader/runtime/start-from-snapshot.js';

describe('the snapshot build check', () => {
  it('covers what the runner captures: prototypes, statics, process, typed-array getters', () => {
    const noted = noteBuiltins();
    for (const key of ['String.prototype.slice', 'Function.prototype.bind', 'Function.prototype.call', 'Buffer.prototype.utf8Slice', '%TypedArray%.prototype.byteLength', 'Object.defineProperty', 'JSON.parse', 'process.exit', 'globalThis.Promise', 'globalThis.setImmediate']) {
      expect(noted.has(key), key).toBe(true);
    }
  });

  it('fails the build when evaluating the packages replaced a built-in the runner captures', () => {
    const before = noteBuiltins();
    const original = String.prototype.slice;
    // eslint-disable-next-line no-extend-native
    String.prototype.slice = function (...args: [number?, number?]) {
      return original.apply(this, args);
    };
    try {
      expect(() => prepareSnapshot('/tfjs/index.js', {}, before)).toThrow(/String\.prototype\.slice/);
    } finally {
      // eslint-disable-next-line no-extend-native
      String.prototype.slice = original;
    }
  });

  it('goes on to set the main function when nothing changed (outside a snapshot build, node refuses that)', () => {
    const before = noteBuiltins();
    expect(() => prepareSnapshot('/tfjs/index.js', {}, before)).toThrow(expect.objectContaining({ code: 'ERR_NOT_BUILDING_SNAPSHOT' }));
  });
});
