import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GraderError } from '../../../grader/errors.js';
import { findLink, MAX_SUBMISSION_BYTES, readSubmission, resolveSubmissionFile } from '../../../grader/pipeline/read-submission.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'read-submission-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const SECRET = 'root:x:0:0:the file a link points to';

/** A folder with `files` (path → text) and `links` (path → the link's own text). */
function folder(files: Record<string, string>, links: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(root, 'case-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  for (const [link, target] of Object.entries(links)) {
    fs.mkdirSync(path.dirname(path.join(dir, link)), { recursive: true });
    fs.symlinkSync(target, path.join(dir, link));
  }
  return dir;
}

function refusalOf(run: () => unknown): GraderError {
  try {
    run();
  } catch (error) {
    if (error instanceof GraderError) return error;
    throw error;
  }
  throw new Error('it was not refused');
}

describe('findLink', () => {
  it('finds the first link on the way down, with its own text, and nothing on a plain path', () => {
    const dir = folder({ 'secret/x.ts': SECRET, 'ada/qkv-projection.ts': 'ok' }, { 'mallory/sub': '../secret', 'eve/qkv-projection.ts': '/etc/passwd' });
    expect(findLink(dir, 'mallory/sub/x.ts')).toEqual({ path: path.join(dir, 'mallory', 'sub'), target: '../secret' });
    expect(findLink(dir, 'eve/qkv-projection.ts')).toEqual({ path: path.join(dir, 'eve', 'qkv-projection.ts'), target: '/etc/passwd' });
    expect(findLink(dir, 'ada/qkv-projection.ts')).toBeNull();
    expect(findLink(dir, 'nobody/qkv-projection.ts')).toBeNull();
  });
});

describe('resolveSubmissionFile', () => {
  it('refuses the exercise file of a directory when it is a link, naming it, its text and the fix', () => {
    const dir = folder({ 'secret.ts': SECRET }, { 'student/qkv-projection.ts': '../secret.ts' });
    const error = refusalOf(() => resolveSubmissionFile(path.join(dir, 'student'), 'qkv-projection.ts'));
    expect(error.code).toBe('SUBMISSION_UNREADABLE');
    expect(error.message).toBe(`${path.join(dir, 'student', 'qkv-projection.ts')} is a symbolic link (to "../secret.ts"); the grader reads no links. Submit the file itself, not a link.`);
  });

  it('refuses a file named on the command line that is a link, dangling or not', () => {
    const dir = folder({ 'secret.ts': SECRET }, { 'qkv-projection.ts': 'secret.ts', 'gone.ts': 'nowhere.ts' });
    expect(refusalOf(() => resolveSubmissionFile(path.join(dir, 'qkv-projection.ts'), 'qkv-projection.ts')).message).toContain('is a symbolic link (to "secret.ts")');
    expect(refusalOf(() => resolveSubmissionFile(path.join(dir, 'gone.ts'), 'qkv-projection.ts')).message).toContain('is a symbolic link (to "nowhere.ts")');
  });

  it('trusts a directory named on the command line, even through a link, and finds the file in it', () => {
    const dir = folder({ 'real/qkv-projection.ts': 'ok' }, { 'named': 'real' });
    expect(resolveSubmissionFile(path.join(dir, 'named'), 'qkv-projection.ts')).toBe(path.join(dir, 'named', 'qkv-projection.ts'));
    expect(resolveSubmissionFile(path.join(dir, 'real', 'qkv-projection.ts'), 'qkv-projection.ts')).toBe(path.join(dir, 'real', 'qkv-projection.ts'));
  });

  it('quotes a link’s text so that no control character reaches the terminal', () => {
    const dir = folder({}, { 'qkv-projection.ts': '\u001b[2J/etc/passwd' });
    expect(refusalOf(() => resolveSubmissionFile(dir, 'qkv-projection.ts')).message).toContain('(to "\\u001b[2J/etc/passwd")');
  });
});

describe('readSubmission', () => {
  it('reads a regular file, with its size and hash', () => {
    const dir = folder({ 'qkv-projection.ts': 'export const a = 1;\n' });
    expect(readSubmission(path.join(dir, 'qkv-projection.ts'))).toEqual({
      source: 'export const a = 1;\n',
      bytes: 20,
      hash: createHash('sha256').update('export const a = 1;\n').digest('hex'),
    });
  });

  it('does not read a file past the size a submission may have, but still tells it apart by its hash', () => {
    const big = `// ${'x'.repeat(MAX_SUBMISSION_BYTES)}\n`;
    const dir = folder({ 'qkv-projection.ts': big });
    expect(readSubmission(path.join(dir, 'qkv-projection.ts'))).toEqual({ source: null, bytes: big.length, hash: createHash('sha256').update(big).digest('hex') });
  });

  it('does not follow a link put in the file’s place, and never reads what it points to', () => {
    const dir = folder({ 'secret.ts': SECRET }, { 'qkv-projection.ts': 'secret.ts' });
    const error = refusalOf(() => readSubmission(path.join(dir, 'qkv-projection.ts'), 'ada/qkv-projection.ts'));
    expect(error.message).toBe('ada/qkv-projection.ts is a symbolic link (to "secret.ts"); the grader reads no links. Submit the file itself, not a link.');
    expect(error.message).not.toContain('root:x');
  });

});
