import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listExercises, loadExercise } from '../../../grader/exercise/load-exercise.js';
import { GraderError } from '../../../grader/errors.js';

describe('loadExercise', () => {
  it('loads the QKV exercise with a rubric entry for every check', async () => {
    const exercise = await loadExercise('qkv-projection');
    expect([...exercise.rubric.checks.keys()].sort()).toEqual([...exercise.registry.keys()].sort());
    const parts = new Set([...exercise.registry.keys()].map((id) => id.split('.')[0]));
    expect([...parts].sort()).toEqual(['manual', 'module', 'projection', 'similarity', 'training']);
    expect(exercise.rubric.checks.size).toBeGreaterThan(15);
  });

  it.each(listExercises())('loads %s: its rubric scores every check, and its skeleton and solution are where they belong', async (id) => {
    const exercise = await loadExercise(id);
    expect([...exercise.rubric.checks.keys()].sort()).toEqual([...exercise.registry.keys()].sort());
    expect(fs.existsSync(exercise.skeletonPath)).toBe(true);
    expect(fs.existsSync(exercise.solutionPath)).toBe(true);
  });

  it('lists the exercises there are', () => {
    expect(listExercises()).toEqual(expect.arrayContaining(['qkv-projection', 'scaled-attention']));
  });

  it('names the known exercises when asked for an unknown one', async () => {
    await expect(loadExercise('attention')).rejects.toThrow(GraderError);
    await expect(loadExercise('attention')).rejects.toThrow(/Known exercises: .*qkv-projection/);
  });
});
