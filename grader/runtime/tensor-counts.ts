/**
 * Tensor counts the student's code cannot reset. tfjs keeps its own count in `engine.state`, which
 * any submission can overwrite, and `tf.memory()` is a method it can replace. So before the
 * student's module loads, the engine's own two hooks (every tensor is made through `trackTensor`,
 * and every disposal goes through `disposeTensor`) are wrapped in place, non-writable and
 * non-configurable, and the counts live here, where no student code can reach them.
 */
import { applyFunction, defineProperty, NativeWeakSet, weakSetAdd, weakSetDelete, weakSetHas } from './intrinsics.js';
import type { TensorCounts } from './protocol.js';

type Hook = (this: unknown, ...args: unknown[]) => unknown;

export function installTensorCounts(engine: object): TensorCounts {
  const target = engine as { trackTensor: Hook; disposeTensor: Hook };
  const track = target.trackTensor;
  const dispose = target.disposeTensor;
  const tracked = new NativeWeakSet<object>();
  let live = 0;
  let created = 0;
  const pin = (name: string, value: Hook): void => {
    defineProperty(engine, name, { value, writable: false, configurable: false, enumerable: false });
  };
  pin('trackTensor', function (this: unknown, ...args: unknown[]): unknown {
    const result = applyFunction(track, this, args);
    const tensor = args[0];
    if (typeof tensor === 'object' && tensor !== null && !weakSetHas(tracked, tensor)) {
      weakSetAdd(tracked, tensor);
      live++;
      created++;
    }
    return result;
  });
  pin('disposeTensor', function (this: unknown, ...args: unknown[]): unknown {
    const result = applyFunction(dispose, this, args);
    const tensor = args[0];
    if (typeof tensor === 'object' && tensor !== null && weakSetDelete(tracked, tensor)) live--;
    return result;
  });
  return { liveTensors: () => live, createdTensors: () => created };
}
