import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../grader/errors.js';
import { checkSubmissionCount, parseFormats, REPORTERS } from '../../../grader/reporters/index.js';

describe('reporters', () => {
  it('takes every format by name, each with its own file', () => {
    expect(parseFormats('gradescope, junit,github,markdown')).toEqual(['gradescope', 'junit', 'github', 'markdown']);
    const fileNames = Object.values(REPORTERS).map((definition) => definition.fileName);
    expect(new Set(fileNames).size).toBe(fileNames.length);
    expect(() => parseFormats('jnuit')).toThrow(`Expected one or more of ${Object.keys(REPORTERS).join(', ')} (comma-separated), got \`jnuit\`.`);
  });

  it('refuses several submissions for a format that describes one', () => {
    expect(() => checkSubmissionCount(['json', 'gradescope'], 2)).toThrow(UsageError);
    expect(() => checkSubmissionCount(['json', 'gradescope'], 2)).toThrow("--format gradescope writes one submission's results.json, got 2 paths.");
    expect(() => checkSubmissionCount(['gradescope'], 1)).not.toThrow();
    expect(() => checkSubmissionCount(['json', 'junit', 'markdown', 'github'], 3)).not.toThrow();
  });
});
