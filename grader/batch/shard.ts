/** `--shard i/n`: the i-th of n parts of a class, the same on every machine for the same input. */
import { UsageError } from '../errors.js';
import type { Shard } from '../report/class-summary.js';

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`Expected --shard as i/n with 1 <= i <= n, e.g. 2/4, got \`${text}\``);
  }
  return { index, count };
}

/** Round-robin over the students sorted by id: shards differ in size by at most one. */
export function takeShard<T extends { student: string }>(entries: T[], shard: Shard): T[] {
  return [...entries]
    .sort((a, b) => (a.student < b.student ? -1 : a.student > b.student ? 1 : 0))
    .filter((_, position) => position % shard.count === shard.index - 1);
}
