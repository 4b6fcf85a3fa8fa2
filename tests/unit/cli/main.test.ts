import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../grader/cli/main.js';
import { listExercises } from '../../../grader/exercise/load-exercise.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('main', () => {
  it("returns the command's exit status, and leaves process.exitCode to its caller", async () => {
    const before = process.exitCode;
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(await main(['node', 'autograde', 'exercises'])).toBe(0);
    expect(stdout).toHaveBeenCalledWith(`${listExercises().join('\n')}\n`);
    expect(process.exitCode).toBe(before);
  });

  it('returns 2 for a usage error, which commander reports', async () => {
    const before = process.exitCode;
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await main(['node', 'autograde', 'frobnicate'])).toBe(2);
    expect(stderr).toHaveBeenCalledWith(expect.stringContaining("unknown command 'frobnicate'"));
    expect(process.exitCode).toBe(before);
  });
});
