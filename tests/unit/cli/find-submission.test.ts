import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findSubmission } from '../../../grader/cli/find-submission.js';
import { GraderError, UsageError } from '../../../grader/errors.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'find-submission-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function folder(files: string[]): string {
  const dir = fs.mkdtempSync(path.join(root, 'case-'));
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), '');
  }
  return dir;
}

describe('findSubmission', () => {
  it('takes the exercise file in the current folder first', () => {
    const dir = folder(['qkv-projection.ts', 'exercises/qkv-projection/qkv-projection.ts']);
    expect(findSubmission(dir, 'qkv-projection', 'qkv-projection.ts')).toBe(path.join(dir, 'qkv-projection.ts'));
  });

  it("else the skeleton's place when run from the repository", () => {
    const dir = folder(['exercises/qkv-projection/qkv-projection.ts']);
    expect(findSubmission(dir, 'qkv-projection', 'qkv-projection.ts')).toBe(path.join(dir, 'exercises', 'qkv-projection', 'qkv-projection.ts'));
  });

  it('does not take a folder of that name for the file', () => {
    const dir = folder(['qkv-projection.ts/readme', 'exercises/qkv-projection/qkv-projection.ts']);
    expect(findSubmission(dir, 'qkv-projection', 'qkv-projection.ts')).toBe(path.join(dir, 'exercises', 'qkv-projection', 'qkv-projection.ts'));
  });

  it('refuses a link in the current folder rather than checking another file', () => {
    const dir = folder(['exercises/qkv-projection/qkv-projection.ts']);
    fs.symlinkSync('/etc/passwd', path.join(dir, 'qkv-projection.ts'));
    expect(() => findSubmission(dir, 'qkv-projection', 'qkv-projection.ts')).toThrow(GraderError);
    expect(() => findSubmission(dir, 'qkv-projection', 'qkv-projection.ts')).toThrow(
      './qkv-projection.ts is a symbolic link (to "/etc/passwd"); the grader reads no links. Submit the file itself, not a link.',
    );
  });

  it('refuses the skeleton’s place when a folder on the way is a link', () => {
    const dir = folder(['elsewhere/qkv-projection/qkv-projection.ts']);
    fs.symlinkSync('elsewhere', path.join(dir, 'exercises'));
    expect(() => findSubmission(dir, 'qkv-projection', 'qkv-projection.ts')).toThrow('./exercises is a symbolic link (to "elsewhere")');
  });

  it('names where it looked and how to pass a path when neither is there', () => {
    const dir = folder([]);
    expect(() => findSubmission(dir, 'qkv-projection', 'qkv-projection.ts')).toThrow(UsageError);
    expect(() => findSubmission(dir, 'qkv-projection', 'qkv-projection.ts')).toThrow(
      'No qkv-projection.ts to check here: looked for ./qkv-projection.ts and ./exercises/qkv-projection/qkv-projection.ts. Run this in the folder that holds your qkv-projection.ts, or pass its path: autograde check path/to/qkv-projection.ts',
    );
  });
});
