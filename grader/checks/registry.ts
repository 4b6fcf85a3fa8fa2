/** One typed map of an exercise's checks; a duplicate or malformed id is the author's error. */
import { GraderError } from '../errors.js';
import type { CheckDefinition, ExerciseDefinition } from './types.js';

const ID_PATTERN = /^[a-z][a-z0-9-]*\.[a-z0-9][a-z0-9.-]*$/;

export function createCheckRegistry(exercise: ExerciseDefinition): Map<string, CheckDefinition> {
  const registry = new Map<string, CheckDefinition>();
  for (const check of exercise.checks) {
    if (!ID_PATTERN.test(check.id)) {
      throw new GraderError('EXERCISE_INVALID', `Exercise '${exercise.id}': check id '${check.id}' must look like '<part>.<name>' in lowercase`);
    }
    if (registry.has(check.id)) {
      throw new GraderError('EXERCISE_INVALID', `Exercise '${exercise.id}': check id '${check.id}' is defined twice`);
    }
    registry.set(check.id, check);
  }
  return registry;
}

export function getCheck(registry: Map<string, CheckDefinition>, id: string): CheckDefinition {
  const check = registry.get(id);
  if (!check) throw new GraderError('EXERCISE_INVALID', `Unknown check '${id}'; known: ${[...registry.keys()].join(', ')}`);
  return check;
}
