/**
 * The runtime half of "computed by hand, without tfjs": a function called on plain arrays that
 * makes any tensor while it runs reached tfjs, by whatever route a reading of the source missed
 * (a helper stored on an object, a global, a `require` inside it). Counted by the runner's own
 * hooks (ProbeApi.counts), which the student's code cannot reset.
 */
import { failed, field, isShapedLike, passed } from './compare.js';
import { defineRuntimeCheck, type RuntimeCheck } from './types.js';

export interface NoTensorsInput {
  /** The export to call. */
  fn: string;
  /** The arguments of each call: plain arrays and numbers. */
  calls: unknown[][];
}

/** The exports of the module `M` that are functions: what a no-tensors check can call. */
export type FunctionExport<M> = { [K in keyof M]-?: M[K] extends (...args: never[]) => unknown ? K : never }[keyof M] & string;

/**
 * `M` is the student's module as the exercise's skeleton declares it, given explicitly, so that
 * `fn` must name one of its functions: it is never inferred from `fn`, which would make any name one.
 */
export function defineNoTensorsCheck<M>(check: { id: string; title: string; fn: NoInfer<FunctionExport<M>>; calls: unknown[][]; hint: string }): RuntimeCheck<NoTensorsInput, M> {
  return defineRuntimeCheck<NoTensorsInput, M>({
    id: check.id,
    title: check.title,
    uses: [check.fn],
    input: { fn: check.fn, calls: check.calls },
    // What the calls returned comes back too: a count of zero means something only if the calls
    // were made and answered like the reference's. `fn` names a function of M (see FunctionExport),
    // whose parameters only the calls know.
    probe: ({ mod, input, counts }) => {
      const before = { tensors: counts.createdTensors(), data: counts.createdData() };
      const results = input.calls.map((args) => (mod[input.fn as keyof M] as (...values: unknown[]) => unknown)(...args));
      return { created: counts.createdTensors() - before.tensors, data: counts.createdData() - before.data, results };
    },
    judge: ({ input, actual, expected }) => {
      const created = field(actual, 'created');
      const data = field(actual, 'data');
      const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
      if (!isCount(created) || !isCount(data) || !isShapedLike(field(actual, 'results'), field(expected, 'results'))) {
        return failed(`Could not count the tensors ${input.fn} made: its calls did not all return what the reference's return.`);
      }
      if (created === 0 && data === 0) return passed();
      const made = created > 0 ? `${created} tfjs tensor${created === 1 ? '' : 's'}` : `${data} piece${data === 1 ? '' : 's'} of tfjs tensor data`;
      return failed(`${input.fn} made ${made} in ${input.calls.length} call${input.calls.length === 1 ? '' : 's'} on plain arrays, so it computes with tfjs. ${check.hint}`);
    },
  });
}
