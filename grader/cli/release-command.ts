/** `release`, `gradescope` and, in a student kit, `skeleton`: handing an exercise out and taking it in. */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { INSTALLATION } from '../paths.js';
import { EXIT } from './exit-codes.js';

/** Commands for course staff, refused in a student kit with what the kit does instead. */
export function refuseInStudentKit(command: string): void {
  if (INSTALLATION.role !== 'student-kit') return;
  throw new UsageError(`\`autograde ${command}\` is for course staff. This is the student kit of ${INSTALLATION.exercise}: it runs \`autograde check <file>\` (and \`autograde skeleton\`, which writes your file to start from).`);
}

export async function runRelease(ids: string[], flags: { out: string; all?: boolean; rubric?: string }, compiler: import('../compile/compiler.js').Compiler): Promise<number> {
  refuseInStudentKit('release');
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
}

/** In a student kit, `skeleton` writes the exercise's file into the current folder, to start from. */
export async function runKitSkeleton(): Promise<number> {
  if (INSTALLATION.role !== 'student-kit') throw new UsageError('only a student kit writes its skeleton into the current folder');
  const { loadExercise } = await import('../exercise/load-exercise.js');
  const { definition, skeletonPath } = await loadExercise(INSTALLATION.exercise);
  const target = path.join(process.cwd(), definition.fileName);
  if (fs.existsSync(target)) throw new UsageError(`${definition.fileName} is here already; it was left as it is. Check it with: npx autograde check ${definition.fileName}`);
  fs.copyFileSync(skeletonPath, target);
  process.stdout.write(`Wrote ${definition.fileName}. Fill in its TODOs, then: npx autograde check ${definition.fileName}\n`);
  return EXIT.ok;
}
