/**
 * What a student uploaded to Gradescope, and whether it is the exercise's file. Gradescope puts the
 * upload in /autograder/submission as it came: one file, several, a folder, or nothing. The grader
 * takes the exercise's file by its exact name, anywhere in the upload; anything else is answered with
 * what was found and what to rename, so that the student can fix it and submit again.
 */
import fs from 'node:fs';
import path from 'node:path';

export type UploadOutcome =
  | { kind: 'found'; file: string; others: string[] }
  | { kind: 'problem'; message: string };

/** Every file of the upload, as paths relative to it, the operating systems' own clutter left out. */
function listUpload(dir: string): string[] {
  const files: string[] = [];
  const walk = (relative: string, depth: number): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(dir, relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === '__MACOSX') continue;
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory() && depth < 8) walk(child, depth + 1);
      else if (entry.isFile() || entry.isSymbolicLink()) files.push(child);
    }
  };
  walk('', 0);
  return files.sort();
}

/** A name as a student might have typed it: case, separators and the extension ignored. */
function looseName(name: string): string {
  return path.basename(name).toLowerCase().replace(/\.[a-z]+$/, '').replace(/[^a-z0-9]/g, '');
}

const list = (names: string[]): string => names.slice(0, 10).map((name) => `"${name}"`).join(', ') + (names.length > 10 ? `, and ${names.length - 10} more` : '');

export function findUpload(dir: string, fileName: string): UploadOutcome {
  const files = listUpload(dir);
  const exact = files.filter((file) => path.posix.basename(file) === fileName);
  if (exact.length === 1) return { kind: 'found', file: path.join(dir, exact[0]), others: files.filter((file) => file !== exact[0]) };
  if (exact.length > 1) {
    return { kind: 'problem', message: `Your upload holds ${exact.length} files named ${fileName} (${list(exact)}): upload only one, the one you want graded.` };
  }
  if (files.length === 0) return { kind: 'problem', message: `Nothing was uploaded. Upload your ${fileName}, under that name.` };
  const near = files.filter((file) => looseName(file) === looseName(fileName));
  if (near.length > 0) {
    return { kind: 'problem', message: `No file named ${fileName} was uploaded, but ${list(near)} looks like it: rename it to ${fileName} (exactly, with that case and those dashes) and upload it again.` };
  }
  return { kind: 'problem', message: `No file named ${fileName} was uploaded. Your upload holds ${list(files)}; upload your ${fileName}, under that name.` };
}
