/**
 * An exercise is a folder and a rubric: `exercises/<id>/` (the skeleton students get),
 * `solutions/<id>/` (the reference and its checks) and `rubrics/<id>.yaml` (points and limits).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createCheckRegistry } from '../checks/registry.js';
import type { CheckDefinition, ExerciseDefinition } from '../checks/types.js';
import { GraderError } from '../errors.js';
import { EXERCISES_DIR, INSTALLATION, RUBRICS_DIR, SOLUTIONS_DIR } from '../paths.js';
import { loadRubric, type Rubric } from '../rubric/index.js';
import { importExerciseDefinition } from './import-definition.js';

export interface LoadedExercise {
  definition: ExerciseDefinition;
  registry: Map<string, CheckDefinition>;
  rubric: Rubric;
  rubricPath: string;
  solutionPath: string;
  skeletonPath: string;
}

/** The exercises this copy can grade: every one with checks, or a student kit's own. */
export function listExercises(): string[] {
  if (INSTALLATION.role === 'student-kit') return [INSTALLATION.exercise];
  if (!fs.existsSync(SOLUTIONS_DIR)) return [];
  return fs
    .readdirSync(SOLUTIONS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(SOLUTIONS_DIR, entry.name, 'checks')))
    .map((entry) => entry.name)
    .sort();
}

export async function loadExercise(id: string, rubricOverride?: string): Promise<LoadedExercise> {
  const known = listExercises();
  if (!known.includes(id)) {
    throw new GraderError('USAGE', `Unknown exercise '${id}'. Known exercises: ${known.join(', ') || '(none)'}`);
  }
  const definition = await importExerciseDefinition(id);
  const registry = createCheckRegistry(definition);
  const rubricPath = rubricOverride ?? path.join(RUBRICS_DIR, `${id}.yaml`);
  const rubric = loadRubric(rubricPath, [...registry.keys()]);
  if (rubric.exercise !== id) {
    throw new GraderError('RUBRIC_INVALID', `${rubricPath}: exercise is '${rubric.exercise}', expected '${id}'`);
  }
  return {
    definition,
    registry,
    rubric,
    rubricPath,
    solutionPath: path.join(SOLUTIONS_DIR, id, definition.fileName),
    skeletonPath: path.join(EXERCISES_DIR, id, definition.fileName),
  };
}
