/**
 * `autograde skeleton` as an author runs it: every skeleton is what its solution generates, and a
 * command without an exercise, or with an unknown one, is a usage error.
 */
import { describe, expect, it } from 'vitest';
import { listExercises } from '../../grader/exercise/load-exercise.js';
import { runCli } from '../support/run-cli.js';

const exercises = listExercises();

describe('autograde skeleton', () => {
  it('--check finds every skeleton up to date and exits 0; without an exercise it is a usage error', async () => {
    const checked = await runCli(['skeleton', '--check', '--all']);
    expect(checked.stdout.trim().split('\n')).toEqual(exercises.map((id) => expect.stringMatching(new RegExp(`^exercises/${id}/\\S+\\.ts: up to date$`))));
    expect(checked.exitCode).toBe(0);
    const bare = await runCli(['skeleton']);
    expect(bare.exitCode).toBe(2);
    expect(bare.stderr).toContain('Name an exercise or pass --all. Known exercises: qkv-projection');
    const unknown = await runCli(['validate', 'no-such-exercise']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain("Unknown exercise 'no-such-exercise'");
  });
});
