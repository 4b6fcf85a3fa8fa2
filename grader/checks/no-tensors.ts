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

export function defineNoTensorsCheck(check: { id: string; title: string; fn: string; calls: unknown[][]; hint: string }): RuntimeCheck<NoTensorsInput> {
  return defineRuntimeCheck<NoTensorsInput>({
    id: check.id,
    title: check.title,
    uses: [check.fn],
    input: { fn: check.fn, calls: check.calls },
    // What the calls returned comes back too: a count of zero means something only if the calls
    // were made and answered like the reference's.
    probe: ({ mod, input, counts }) => {
      const before = { tensors: counts.createdTensors(), data: counts.createdData() };
      const results = input.calls.map((args) => mod[input.fn](...args));
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
