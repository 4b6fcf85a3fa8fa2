/**
 * The students in a batch folder: each entry is a folder holding the exercise's file, or a single
 * `.ts` file named for the student. Anything else is reported by name, and the rest still grades;
 * so is a link, whether it is the entry or the file in it (see read-submission).
 */
import fs from 'node:fs';
import path from 'node:path';
import { GraderError } from '../errors.js';
import { describeLink, findLink, linkAt } from '../pipeline/read-submission.js';
import { extractZip } from './extract-zip.js';

export interface BatchEntry {
  /** The student's id, from the entry's name; also the name of their report file. */
  student: string;
  /** The file to grade. */
  file: string;
  /** Marked late by the LMS (Canvas puts `late` in the file name). */
  isLate: boolean;
}

export interface EntryProblem {
  entry: string;
  message: string;
}

export interface Discovery {
  entries: BatchEntry[];
  problems: EntryProblem[];
}

/** The class as a folder: the one given, or where an LMS zip was unpacked (removed once the batch is over). */
export interface ClassFolder {
  dir: string;
  unpackedDir?: string;
}

/** Characters that are safe in a file name on every system, for the report's name. */
function toStudentId(name: string): string {
  return name.replace(/[^A-Za-z0-9._@-]+/g, '_');
}

/** Moodle: `Full Name_userid_assignsubmission_file_/` holding the student's files. */
const MOODLE_FOLDER = /^(.+)_(\d+)_assignsubmission_file_?$/;
/** Gradescope's export: `submission_<id>/`. */
const GRADESCOPE_FOLDER = /^submission_(\d+)$/;
/** Canvas: `sortablename_[late_]userid_submissionid_filename.ts` (a resubmission's file name may end in -1). */
const CANVAS_FILE = /^([a-z0-9]+)_(late_)?(\d+)_(\d+)_(.+)\.ts$/;

function studentOfFolder(name: string): string {
  const moodle = MOODLE_FOLDER.exec(name);
  if (moodle) return toStudentId(`${moodle[1]}_${moodle[2]}`);
  const gradescope = GRADESCOPE_FOLDER.exec(name);
  if (gradescope) return `submission_${gradescope[1]}`;
  return toStudentId(name);
}

function studentOfFile(name: string): { student: string; isLate: boolean } {
  const canvas = CANVAS_FILE.exec(name);
  if (canvas) return { student: toStudentId(`${canvas[1]}_${canvas[3]}`), isLate: canvas[2] !== undefined };
  return { student: toStudentId(name.slice(0, -'.ts'.length)), isLate: false };
}

/** A folder or an LMS zip; a zip is unpacked into a scratch folder. */
export function unpackClass(input: string): ClassFolder {
  if (!input.endsWith('.zip')) return { dir: input };
  const unpackedDir = extractZip(input);
  return { dir: unpackedDir, unpackedDir };
}

/** Files an LMS export puts beside the submissions. */
const LMS_METADATA = new Set(['submission_metadata.yml', 'submission_metadata.json']);

/** The students in a class folder. Gradescope's export nests the submissions one level down. */
export function discoverEntries(dir: string, fileName: string): Discovery {
  let names: fs.Dirent[];
  try {
    names = fs.readdirSync(dir, { withFileTypes: true }).filter((d) => !d.name.startsWith('.') && !LMS_METADATA.has(d.name));
  } catch (error) {
    throw new GraderError('USAGE', `${dir} cannot be read as a batch folder: ${(error as Error).message}. Pass a folder with one entry per student.`);
  }
  // An export wrapped in one folder (Gradescope's `assignment_<id>_export/`): look inside it.
  const [only] = names;
  // (A link named for the file counts as there: that student is refused, not taken for a wrapper.)
  if (names.length === 1 && only.isDirectory() && fs.lstatSync(path.join(dir, only.name, fileName), { throwIfNoEntry: false }) === undefined) {
    return discoverEntries(path.join(dir, only.name), fileName);
  }
  const entries: BatchEntry[] = [];
  const problems: EntryProblem[] = [];
  const seen = new Map<string, string>();
  for (const dirent of names.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, dirent.name);
    let file: string | null = null;
    let student = '';
    let isLate = false;
    // Read from the directory itself (not followed): a student's entry is never a link.
    if (dirent.isSymbolicLink()) {
      problems.push({ entry: dirent.name, message: describeLink(dirent.name, linkAt(full), 'folder or file') });
      continue;
    }
    if (dirent.isDirectory()) {
      const relative = path.join(dirent.name, fileName);
      const link = findLink(dir, relative);
      if (link) {
        problems.push({ entry: dirent.name, message: describeLink(path.relative(dir, link.path), link) });
        continue;
      }
      const candidate = path.join(dir, relative);
      if (fs.lstatSync(candidate, { throwIfNoEntry: false }) !== undefined) {
        file = candidate;
        student = studentOfFolder(dirent.name);
      } else {
        problems.push({ entry: dirent.name, message: `the folder has no ${fileName}; put the student's file at ${candidate}` });
        continue;
      }
    } else if (dirent.isFile() && dirent.name.endsWith('.ts')) {
      file = full;
      ({ student, isLate } = studentOfFile(dirent.name));
    } else {
      problems.push({ entry: dirent.name, message: `not a submission: expected a folder holding ${fileName} or a .ts file named for the student` });
      continue;
    }
    const stat = fs.lstatSync(file);
    if (!stat.isFile()) {
      problems.push({ entry: dirent.name, message: `${path.relative(dir, file)} is not a regular file; put the student's file there` });
      continue;
    }
    if (stat.size === 0) {
      problems.push({ entry: dirent.name, message: `${path.relative(dir, file)} is empty` });
      continue;
    }
    const clash = seen.get(student);
    if (clash) {
      problems.push({ entry: dirent.name, message: `its student id '${student}' is also taken by '${clash}' (two submissions by one student?); keep one of them` });
      continue;
    }
    seen.set(student, dirent.name);
    entries.push({ student, file, isLate });
  }
  return { entries, problems };
}
