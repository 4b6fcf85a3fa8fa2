/**
 * `autograde skeleton`: writes `exercises/<id>/<file>` from `solutions/<id>/<file>`, or with
 * `--check` only says which skeletons differ from what their solution generates. What happened to
 * each exercise is data; the command line prints it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { importExerciseDefinition } from '../exercise/import-definition.js';
import { listExercises } from '../exercise/load-exercise.js';
import { UsageError } from '../errors.js';
import { EXERCISES_DIR, PROJECT_ROOT, SOLUTIONS_DIR } from '../paths.js';
import { generateSkeleton } from './generate-skeleton.js';
import { unifiedDiff } from './line-diff.js';

export interface ExerciseFiles {
  exercise: string;
  solutionPath: string;
  skeletonPath: string;
}

export type SkeletonOutcome =
  | { kind: 'written'; files: ExerciseFiles }
  | { kind: 'unchanged'; files: ExerciseFiles }
  /** Only with `--check`: the file on disk (possibly missing) and what the solution generates differ. */
  | { kind: 'out-of-date'; files: ExerciseFiles; diff: string };

/** The exercises named on the command line, or all of them; an unknown name is a usage error. */
export function resolveExerciseIds(ids: readonly string[], isAll: boolean): string[] {
  const known = listExercises();
  if (isAll) return known;
  if (ids.length === 0) throw new UsageError(`Name an exercise or pass --all. Known exercises: ${known.join(', ') || '(none)'}`);
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0) throw new UsageError(`Unknown exercise ${unknown.map((id) => `'${id}'`).join(', ')}. Known exercises: ${known.join(', ') || '(none)'}`);
  return [...ids];
}

export async function exerciseFiles(id: string): Promise<ExerciseFiles> {
  const { fileName } = await importExerciseDefinition(id);
  return { exercise: id, solutionPath: path.join(SOLUTIONS_DIR, id, fileName), skeletonPath: path.join(EXERCISES_DIR, id, fileName) };
}

/** Paths as the author typed them: relative to the repository. */
export function relativePath(file: string): string {
  return path.relative(PROJECT_ROOT, file);
}

function readIfExists(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** What the solution generates, and what is on disk (null when there is no skeleton yet). */
export function compareSkeleton(files: ExerciseFiles): { expected: string; actual: string | null } {
  const source = fs.readFileSync(files.solutionPath, 'utf8');
  return { expected: generateSkeleton(source, relativePath(files.solutionPath)), actual: readIfExists(files.skeletonPath) };
}

export function skeletonDiff(files: ExerciseFiles, expected: string, actual: string | null): string {
  return unifiedDiff(actual ?? '', expected, { oldName: relativePath(files.skeletonPath), newName: `${relativePath(files.skeletonPath)} (generated from ${relativePath(files.solutionPath)})` });
}

export async function syncSkeleton(id: string, options: { isCheck: boolean }): Promise<SkeletonOutcome> {
  const files = await exerciseFiles(id);
  const { expected, actual } = compareSkeleton(files);
  if (actual === expected) return { kind: 'unchanged', files };
  if (options.isCheck) return { kind: 'out-of-date', files, diff: skeletonDiff(files, expected, actual) };
  fs.mkdirSync(path.dirname(files.skeletonPath), { recursive: true });
  fs.writeFileSync(files.skeletonPath, expected);
  return { kind: 'written', files };
}
