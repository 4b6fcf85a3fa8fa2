/**
 * Tensor counts the student's code cannot reset. tfjs keeps its own count in `engine.state`, which
 * any submission can overwrite, and `tf.memory()` is a method it can replace. So before the
 * student's module loads, the hooks every tensor passes through are wrapped where they are defined
 * (on the class's prototype) and pinned there and on the instance, non-writable and
 * non-configurable, so that no original is left to call around them:
 *
 * - the engine's `trackTensor` (every tensor is made through it) and `disposeTensor` (every
 *   disposal goes through it);
 * - the backend's `write` and `makeOutput` (every piece of tensor data is made through one of them,
 *   also by a kernel called without the engine).
 *
 * A tracked tensor's `dataId` becomes an accessor of the runner's: a submission that points a
 * live tensor at other data (so that disposing it frees nothing) has that tensor counted as live
 * for good. The counts live here, where no student code can reach them.
 */
import { applyFunction, defineProperty, getOwnPropertyDescriptor, getPrototypeOf, NativeWeakMap, NativeWeakSet, weakMapGet, weakMapSet, weakSetAdd, weakSetDelete, weakSetHas } from './intrinsics.js';
import type { TensorCounts } from './protocol.js';

type Hook = (this: unknown, ...args: unknown[]) => unknown;

/** Replaces `name` on the object of `instance`'s chain that defines it, and on `instance`, with `wrap(original)`. */
function pinHook(instance: object, name: string, wrap: (original: Hook) => Hook): boolean {
  let owner: object | null = instance;
  while (owner !== null && getOwnPropertyDescriptor(owner, name) === undefined) owner = getPrototypeOf(owner) as object | null;
  const original = owner === null ? undefined : (getOwnPropertyDescriptor(owner, name)?.value as Hook | undefined);
  if (typeof original !== 'function') return false;
  const wrapped = wrap(original);
  for (const target of owner === instance ? [instance] : [owner!, instance]) {
    defineProperty(target, name, { value: wrapped, writable: false, configurable: false, enumerable: false });
  }
  return true;
}

export function installTensorCounts(engine: object, backend: object): TensorCounts {
  const tracked = new NativeWeakSet<object>();
  /** Tensors whose data was swapped while they were live: their own data can no longer be freed. */
  const swapped = new NativeWeakSet<object>();
  const dataIds = new NativeWeakMap<object, unknown>();
  let live = 0;
  let created = 0;
  let data = 0;

  // One getter and setter for every tensor: its data is the runner's to know.
  const dataIdAccessor = {
    get(this: object): unknown {
      return weakMapGet(dataIds, this);
    },
    set(this: object, value: unknown): void {
      if (weakSetHas(tracked, this)) weakSetAdd(swapped, this);
      weakMapSet(dataIds, this, value);
    },
    enumerable: true,
    configurable: false,
  };
  const pinDataId = (tensor: object): void => {
    const own = getOwnPropertyDescriptor(tensor, 'dataId');
    // Already the runner's (a variable tracked again after `assign`), or not a tensor tfjs made.
    if (!own || !own.configurable || !('value' in own)) return;
    weakMapSet(dataIds, tensor, own.value);
    defineProperty(tensor, 'dataId', dataIdAccessor);
  };

  pinHook(engine, 'trackTensor', (track) =>
    function (this: unknown, ...args: unknown[]): unknown {
      const result = applyFunction(track, this, args);
      const tensor = args[0];
      if (typeof tensor === 'object' && tensor !== null && !weakSetHas(tracked, tensor)) {
        pinDataId(tensor);
        weakSetDelete(swapped, tensor);
        weakSetAdd(tracked, tensor);
        live++;
        created++;
      }
      return result;
    },
  );
  pinHook(engine, 'disposeTensor', (dispose) =>
    function (this: unknown, ...args: unknown[]): unknown {
      const result = applyFunction(dispose, this, args);
      const tensor = args[0];
      if (typeof tensor === 'object' && tensor !== null && weakSetDelete(tracked, tensor) && !weakSetHas(swapped, tensor)) live--;
      return result;
    },
  );
  for (const name of ['write', 'makeOutput']) {
    pinHook(backend, name, (make) =>
      function (this: unknown, ...args: unknown[]): unknown {
        data++;
        return applyFunction(make, this, args);
      },
    );
  }
  return { liveTensors: () => live, createdTensors: () => created, createdData: () => data };
}
