/**
 * Every exercise's skeleton is what its solution generates: a solution edited without running
 * `autograde skeleton` fails here, with the diff to apply.
 */
import { describe, expect, it } from 'vitest';
import { compareSkeleton, exerciseFiles, skeletonDiff } from '../../../grader/authoring/skeletons.js';
import { listExercises } from '../../../grader/exercise/load-exercise.js';

describe.each(listExercises())('the skeleton of %s', (id) => {
  it('is what its solution generates (run `npx autograde skeleton --all` to rewrite it)', async () => {
    const files = await exerciseFiles(id);
    const { expected, actual } = compareSkeleton(files);
    expect(actual === expected ? '' : skeletonDiff(files, expected, actual)).toBe('');
  });
});
