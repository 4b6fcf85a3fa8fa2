/**
 * The students in a batch folder: each entry is a folder holding the exercise's file, or a single
 * `.ts` file named for the student. Anything else is reported by name, and the rest still grades.
 */
import fs from 'node:fs';
import path from 'node:path';
import { GraderError } from '../errors.js';

export interface BatchEntry {
  /** The student's id, from the entry's name; also the name of their report file. */
  student: string;
  /** The file to grade. */
  file: string;
}

export interface EntryProblem {
  entry: string;
  message: string;
}

export interface Discovery {
  entries: BatchEntry[];
  problems: EntryProblem[];
}

/** Characters that are safe in a file name on every system, for the report's name. */
function toStudentId(name: string): string {
  return name.replace(/[^A-Za-z0-9._@-]+/g, '_');
}

export function discoverEntries(dir: string, fileName: string): Discovery {
  let names: fs.Dirent[];
  try {
    names = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new GraderError('USAGE', `${dir} cannot be read as a batch folder: ${(error as Error).message}. Pass a folder with one entry per student.`);
  }
  const entries: BatchEntry[] = [];
  const problems: EntryProblem[] = [];
  const seen = new Map<string, string>();
  for (const dirent of names.sort((a, b) => a.name.localeCompare(b.name))) {
    if (dirent.name.startsWith('.')) continue;
    const full = path.join(dir, dirent.name);
    let file: string | null = null;
    let student = '';
    if (dirent.isDirectory()) {
      const candidate = path.join(full, fileName);
      if (fs.existsSync(candidate)) {
        file = candidate;
        student = toStudentId(dirent.name);
      } else {
        problems.push({ entry: dirent.name, message: `the folder has no ${fileName}; put the student's file at ${candidate}` });
        continue;
      }
    } else if (dirent.isFile() && dirent.name.endsWith('.ts')) {
      file = full;
      student = toStudentId(dirent.name.slice(0, -'.ts'.length));
    } else {
      problems.push({ entry: dirent.name, message: `not a submission: expected a folder holding ${fileName} or a .ts file named for the student` });
      continue;
    }
    if (fs.statSync(file).size === 0) {
      problems.push({ entry: dirent.name, message: `${path.relative(dir, file)} is empty` });
      continue;
    }
    const clash = seen.get(student);
    if (clash) {
      problems.push({ entry: dirent.name, message: `its student id '${student}' is also taken by '${clash}'; rename one of them` });
      continue;
    }
    seen.set(student, dirent.name);
    entries.push({ student, file });
  }
  return { entries, problems };
}
