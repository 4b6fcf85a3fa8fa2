/** `merge`: the --out folders of a class's shards joined into one gradebook. The joining is grader/batch's. */
import { EXIT } from './exit-codes.js';
import { refuseInStudentKit } from './staff-only.js';

export interface MergeFlags {
  out: string;
  allowPartial?: boolean;
}

/** Refused, naming them, when shards are missing (unless --allow-partial) or given twice. */
export async function runMerge(dirs: string[], flags: MergeFlags): Promise<number> {
  refuseInStudentKit('merge');
  const { mergeBatches } = await import('../batch/merge.js');
  const { out } = flags;
  const summary = mergeBatches(dirs, out, { isPartialAllowed: flags.allowPartial ?? false });
  const partial = summary.partial ? ` (partial: shard${summary.partial.missing.length === 1 ? '' : 's'} ${summary.partial.missing.map((i) => `${i}/${summary.partial!.count}`).join(', ')} missing)` : '';
  process.stdout.write(
    `Merged ${dirs.length} shards${partial}: ${summary.graded} of ${summary.students} students graded, ${summary.problems.length} entries not counted. Grades: ${out}/grades.csv\n`,
  );
  return EXIT.ok;
}
