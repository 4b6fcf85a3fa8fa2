/** One typed map of an exercise's checks; a duplicate or malformed id is the author's error. */
import { GraderError } from '../errors.js';
import type { CheckDefinition, ExerciseDefinition } from './types.js';

const ID_PATTERN = /^[a-z][a-z0-9-]*\.[a-z0-9][a-z0-9.-]*$/;

/**
 * Where a runtime check's input stops being JSON data (a NaN, an Infinity, an undefined, a function,
 * an instance of a class), as a path into it; null when it is all plain data. Inputs travel to the
 * sandbox as JSON, which would turn those into something else without a word.
 */
export function findNonJsonInput(value: unknown, at = 'input'): string | null {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${at} is ${value}`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNonJsonInput(value[i], `${at}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) {
      const found = findNonJsonInput(item, `${at}.${key}`);
      if (found) return found;
    }
    return null;
  }
  return `${at} is ${value === undefined ? 'undefined' : typeof value === 'object' ? 'an object that is not plain data' : `a ${typeof value}`}`;
}

export function createCheckRegistry(exercise: ExerciseDefinition): Map<string, CheckDefinition> {
  const registry = new Map<string, CheckDefinition>();
  for (const check of exercise.checks) {
    if (!ID_PATTERN.test(check.id)) {
      throw new GraderError('EXERCISE_INVALID', `Exercise '${exercise.id}': check id '${check.id}' must look like '<part>.<name>' in lowercase`);
    }
    const nonJson = check.kind === 'runtime' ? findNonJsonInput(check.input) : null;
    if (nonJson) {
      throw new GraderError('EXERCISE_INVALID', `Exercise '${exercise.id}': check '${check.id}': ${nonJson}; a check's input must be JSON data (finite numbers, strings, booleans, null, arrays and plain objects)`);
    }
    if (registry.has(check.id)) {
      throw new GraderError('EXERCISE_INVALID', `Exercise '${exercise.id}': check id '${check.id}' is defined twice`);
    }
    registry.set(check.id, check);
  }
  return registry;
}
