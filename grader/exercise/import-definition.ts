/**
 * An exercise's check definitions, from `solutions/<id>/checks/index.ts`: compiled under dist/
 * when the grader runs compiled, the sources when the tests run it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ExerciseDefinition } from '../checks/types.js';
import { GraderError } from '../errors.js';
import { DIST_DIR, PROJECT_ROOT, SOLUTIONS_DIR } from '../paths.js';

const isCompiled = fileURLToPath(import.meta.url).startsWith(DIST_DIR + path.sep);

export async function importExerciseDefinition(id: string): Promise<ExerciseDefinition> {
  const checksModule = isCompiled
    ? path.join(DIST_DIR, 'solutions', id, 'checks', 'index.js')
    : path.join(SOLUTIONS_DIR, id, 'checks', 'index.ts');
  if (!fs.existsSync(checksModule)) {
    throw new GraderError('EXERCISE_INVALID', `Exercise '${id}': ${path.relative(PROJECT_ROOT, checksModule)} is missing; run \`npm run build\``);
  }
  const loaded = (await import(pathToFileURL(checksModule).href)) as { exercise?: ExerciseDefinition };
  if (!loaded.exercise || loaded.exercise.id !== id) {
    throw new GraderError('EXERCISE_INVALID', `Exercise '${id}': its checks/index.ts must export \`exercise\` with id '${id}'`);
  }
  return loaded.exercise;
}
