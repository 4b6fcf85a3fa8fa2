import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverEntries } from '../../../grader/batch/discover-entries.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'discover-entries-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const SOURCE = 'export const a = 1;\n';

describe('discoverEntries', () => {
  it('reports links by name, whether the entry or the file in it, and takes every other student', () => {
    const outside = fs.mkdtempSync(path.join(root, 'outside-'));
    fs.writeFileSync(path.join(outside, 'qkv-projection.ts'), SOURCE);
    const dir = fs.mkdtempSync(path.join(root, 'class-'));
    fs.mkdirSync(path.join(dir, 'ada'));
    fs.writeFileSync(path.join(dir, 'ada', 'qkv-projection.ts'), SOURCE);
    fs.writeFileSync(path.join(dir, 'alan.ts'), SOURCE);
    fs.symlinkSync(outside, path.join(dir, 'mallory'));
    fs.symlinkSync('/etc/passwd', path.join(dir, 'eve.ts'));
    fs.mkdirSync(path.join(dir, 'oscar'));
    fs.symlinkSync(path.join(outside, 'qkv-projection.ts'), path.join(dir, 'oscar', 'qkv-projection.ts'));
    fs.mkdirSync(path.join(dir, 'trudy'));
    fs.symlinkSync('nowhere.ts', path.join(dir, 'trudy', 'qkv-projection.ts'));

    const { entries, problems } = discoverEntries(dir, 'qkv-projection.ts');
    expect(entries.map((entry) => entry.student)).toEqual(['ada', 'alan']);
    expect(problems).toEqual([
      { entry: 'eve.ts', message: 'eve.ts is a symbolic link (to "/etc/passwd"); the grader reads no links. Submit the folder or file itself, not a link.' },
      { entry: 'mallory', message: `mallory is a symbolic link (to ${JSON.stringify(outside)}); the grader reads no links. Submit the folder or file itself, not a link.` },
      { entry: 'oscar', message: `${path.join('oscar', 'qkv-projection.ts')} is a symbolic link (to ${JSON.stringify(path.join(outside, 'qkv-projection.ts'))}); the grader reads no links. Submit the file itself, not a link.` },
      { entry: 'trudy', message: `${path.join('trudy', 'qkv-projection.ts')} is a symbolic link (to "nowhere.ts"); the grader reads no links. Submit the file itself, not a link.` },
    ]);
  });

  it('takes a lone student whose file is a dangling link for that student, not for a wrapper folder', () => {
    const dir = fs.mkdtempSync(path.join(root, 'class-'));
    fs.mkdirSync(path.join(dir, 'mallory'));
    fs.symlinkSync('nowhere.ts', path.join(dir, 'mallory', 'qkv-projection.ts'));
    expect(discoverEntries(dir, 'qkv-projection.ts').problems.map((problem) => problem.entry)).toEqual(['mallory']);
  });

  it('still looks inside an export wrapped in one folder', () => {
    const dir = fs.mkdtempSync(path.join(root, 'class-'));
    fs.mkdirSync(path.join(dir, 'assignment_1_export', 'submission_7'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'assignment_1_export', 'submission_7', 'qkv-projection.ts'), SOURCE);
    expect(discoverEntries(dir, 'qkv-projection.ts').entries.map((entry) => entry.student)).toEqual(['submission_7']);
  });
});
