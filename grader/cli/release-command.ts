/** `release`: what students get (the student kit) and what Gradescope gets (the autograder zip), for each exercise. */
import path from 'node:path';
import { UsageError } from '../errors.js';
import { EXIT } from './exit-codes.js';
import { refuseInStudentKit } from './staff-only.js';
import { withCompiler } from './with-compiler.js';

export interface ReleaseFlags {
  out: string;
  all?: boolean;
  rubric?: string;
}

export async function runRelease(ids: string[], flags: ReleaseFlags): Promise<number> {
  refuseInStudentKit('release');
  return withCompiler(async (compiler) => {
    const [{ resolveExerciseIds }, { releaseExercises }] = await Promise.all([import('../authoring/index.js'), import('../release/release-exercises.js')]);
    const exercises = resolveExerciseIds(ids, flags.all ?? false);
    if (flags.rubric && exercises.length !== 1) throw new UsageError(`--rubric is the rubric of one exercise; release ${exercises.length} exercises one at a time to give each its own.`);
    const released = await releaseExercises(exercises, flags.out, compiler, { rubricPath: flags.rubric, onProgress: (line) => process.stderr.write(`autograde: ${line}\n`) });
    for (const r of released) {
      process.stdout.write(
        `${r.exercise}: ${path.relative(process.cwd(), r.studentKit)} (${r.visibleChecks} visible checks; ${r.withheld.count} hidden checks, ${r.withheld.points} points, left out) and ${path.relative(process.cwd(), r.autograderZip)}\n`,
      );
    }
    return EXIT.ok;
  });
}
