/**
 * Every exercise's reference solution earns every point and its untouched skeleton none, each
 * check of the skeleton saying it is not implemented yet. The exercise is inferred from the files'
 * names, as for a user who does not pass --exercise.
 */
import { describe, expect, it } from 'vitest';
import { listExercises, loadExercise } from '../../grader/exercise/load-exercise.js';
import type { Report } from '../../grader/report/types.js';
import { runCli } from '../support/run-cli.js';

const exercises = await Promise.all(
  listExercises().map(async (id) => {
    const { rubric } = await loadExercise(id);
    return { id, maxScore: [...rubric.checks.values()].reduce((sum, check) => sum + check.points, 0) };
  }),
);

describe.each(exercises)('$id', ({ id, maxScore }) => {
  it.each(['cpu', 'wasm'])('on the %s backend, gives the reference full marks and the skeleton 0, all not-implemented', async (backend) => {
    const { exitCode, stdout, stderr } = await runCli(['grade', `solutions/${id}`, `exercises/${id}`, '--backend', backend, '--format', 'json']);
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
    const [reference, skeleton] = JSON.parse(stdout) as Report[];

    expect(reference.exercise).toBe(id);
    expect(reference.backend).toBe(backend);
    expect(reference.checks.filter((c) => c.status !== 'passed')).toEqual([]);
    expect(reference).toMatchObject({ status: 'passed', score: maxScore, maxScore });
    expect(reference.diagnostics).toEqual([]);

    expect(skeleton).toMatchObject({ exercise: id, status: 'failed', score: 0, maxScore });
    expect(new Set(skeleton.checks.map((c) => c.status))).toEqual(new Set(['not-implemented']));
    // The skeleton compiles as given: no type errors either.
    expect(skeleton.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

it('covers the exercises, and each is worth something', () => {
  expect(exercises.length).toBeGreaterThan(0);
  for (const { maxScore } of exercises) expect(maxScore).toBeGreaterThan(0);
});
