/**
 * `skeleton`: for course staff, each exercise's skeleton written from its marked solution, or with
 * --check compared with it; in a student kit, which has no solution, the kit's skeleton copied into
 * the current folder, to start from.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { INSTALLATION } from '../paths.js';
import { EXIT } from './exit-codes.js';

export interface SkeletonFlags {
  all?: boolean;
  check?: boolean;
}

export async function runSkeleton(ids: string[], flags: SkeletonFlags): Promise<number> {
  if (INSTALLATION.role === 'student-kit') return copyKitSkeleton(INSTALLATION.exercise);
  const { resolveExerciseIds, syncSkeleton } = await import('../authoring/index.js');
  const outdated: string[] = [];
  for (const id of resolveExerciseIds(ids, flags.all ?? false)) {
    const outcome = await syncSkeleton(id, { isCheck: flags.check ?? false });
    const skeleton = path.relative(process.cwd(), outcome.files.skeletonPath);
    if (outcome.kind === 'out-of-date') {
      outdated.push(id);
      process.stdout.write(`${skeleton} differs from what its solution generates:\n${outcome.diff}`);
    } else {
      process.stdout.write(`${skeleton}: ${outcome.kind === 'written' ? 'written' : 'up to date'}\n`);
    }
  }
  if (outdated.length === 0) return EXIT.ok;
  process.stderr.write(`autograde: out of date: ${outdated.join(', ')}. Run \`autograde skeleton ${outdated.join(' ')}\` to write ${outdated.length === 1 ? 'it' : 'them'} from the solution.\n`);
  return EXIT.authoringFailed;
}

/** The kit's skeleton as the exercise's file in the current folder; one already there is left as it is. */
async function copyKitSkeleton(exerciseId: string): Promise<number> {
  const { loadExercise } = await import('../exercise/load-exercise.js');
  const { definition, skeletonPath } = await loadExercise(exerciseId);
  const target = path.join(process.cwd(), definition.fileName);
  if (fs.existsSync(target)) throw new UsageError(`${definition.fileName} is here already; it was left as it is. Check it with: npx autograde check ${definition.fileName}`);
  fs.copyFileSync(skeletonPath, target);
  process.stdout.write(`Wrote ${definition.fileName}. Fill in its TODOs, then: npx autograde check ${definition.fileName}\n`);
  return EXIT.ok;
}
