/**
 * What the name of one entry of a class folder says: whose it is, what the LMS that named it calls
 * that student, and whether it is what they handed in or something beside it (Moodle's online
 * text, Blackboard's receipt of an attempt, a PDF handed in with the code). Decided from the name
 * alone, so that the same export gives the same students on every machine; what is in an entry is
 * looked at by discover-entries.
 */
import type { StudentIdentity } from '../report/class-summary.js';

export const NO_IDENTITY: StudentIdentity = { lms: '', userId: '', email: '' };

/** An entry that belongs to a student. */
export interface StudentClaim {
  student: string;
  identity: StudentIdentity;
  isLate: boolean;
  /**
   * `submission`: where their exercise file is (a folder to look in, or a `.ts` file);
   * `attachment`: something else they handed in, graded only in that nothing else was.
   */
  role: 'submission' | 'attachment';
  /** For a file: its name as the student handed it in, without the LMS's prefix. */
  submittedName?: string;
}

/**
 * Names that are certainly no student's: what macOS and Windows leave in a folder or a zip, and
 * what an LMS puts beside the submissions (Gradescope's metadata, an index page, a gradebook or
 * grading worksheet exported with them). Folders and files whose name starts with a dot are never
 * a student's either.
 */
const NOT_A_STUDENT = new Set(['__macosx', 'thumbs.db', 'desktop.ini', 'index.html', 'submission_metadata.yml', 'submission_metadata.json']);
const NOT_A_SUBMISSION_EXTENSION = /\.(csv|tsv|xlsx?|ods)$/i;

/** Whether an entry is left out without a word: it cannot be anyone's submission. */
export function isIgnoredEntry(name: string, isDirectory: boolean): boolean {
  if (name.startsWith('.')) return true;
  if (NOT_A_STUDENT.has(name.toLowerCase())) return true;
  return !isDirectory && NOT_A_SUBMISSION_EXTENSION.test(name);
}

/** Characters that are safe in a file name on every system, for the report's name. */
export function toStudentId(name: string): string {
  return name.replace(/[^A-Za-z0-9._@-]+/g, '_');
}

/** Moodle: `Full Name_participantid_assignsubmission_<plugin>_` holding what that plugin kept (`file`: the files). */
const MOODLE_FOLDER = /^(.+)_(\d+)_assignsubmission_([a-z]+)_?$/;
/** Moodle without folders: `Full Name_participantid_assignsubmission_file_<file name>`. */
const MOODLE_FILE = /^(.+)_(\d+)_assignsubmission_([a-z]+)_(.+)$/;
/** Gradescope's export: `submission_<id>/`. */
const GRADESCOPE_FOLDER = /^submission_(\d+)$/;
/** Canvas: `sortablename_[late_]userid_submissionid_filename` (a resubmission's file name may end in -1). */
const CANVAS_FILE = /^([a-z0-9]+)_(late_)?(\d+)_(\d+)_(.+)$/;
/**
 * Blackboard: `Assignment_username_attempt_YYYY-MM-DD-HH-MM-SS`, a `.txt` receipt of the attempt,
 * and `…_attempt_YYYY-MM-DD-HH-MM-SS_<file name>` for each file of it.
 */
const BLACKBOARD_FILE = /^(.+)_([^_]+)_attempt_(\d{4}(?:-\d{2}){5})(?:_(.+)|\.txt)$/;

const isTs = (name: string): boolean => name.endsWith('.ts');

/** Whose a folder of the class is: an LMS's per-student folder, or any other folder, named for its student. */
export function claimFolder(name: string): StudentClaim {
  const moodle = MOODLE_FOLDER.exec(name);
  if (moodle) {
    return { student: toStudentId(`${moodle[1]}_${moodle[2]}`), identity: { lms: 'moodle', userId: moodle[2], email: '' }, isLate: false, role: moodle[3] === 'file' ? 'submission' : 'attachment' };
  }
  const gradescope = GRADESCOPE_FOLDER.exec(name);
  if (gradescope) return { student: `submission_${gradescope[1]}`, identity: { ...NO_IDENTITY, lms: 'gradescope' }, isLate: false, role: 'submission' };
  return { student: toStudentId(name), identity: NO_IDENTITY, isLate: false, role: 'submission' };
}

/**
 * Whose a file of the class is: named by an LMS for a student, or a `.ts` file named for one. Null
 * for any other file (`notes.txt`, `ada.js`): it may be a student's, misnamed, so it is named to
 * the person grading rather than guessed at.
 */
export function claimFile(name: string): StudentClaim | null {
  const blackboard = BLACKBOARD_FILE.exec(name);
  if (blackboard) {
    const submittedName = blackboard[4];
    return {
      student: toStudentId(blackboard[2]),
      identity: { lms: 'blackboard', userId: blackboard[2], email: '' },
      isLate: false,
      role: submittedName !== undefined && isTs(submittedName) ? 'submission' : 'attachment',
      ...(submittedName !== undefined ? { submittedName } : {}),
    };
  }
  const moodle = MOODLE_FILE.exec(name);
  if (moodle) {
    return {
      student: toStudentId(`${moodle[1]}_${moodle[2]}`),
      identity: { lms: 'moodle', userId: moodle[2], email: '' },
      isLate: false,
      role: moodle[3] === 'file' && isTs(moodle[4]) ? 'submission' : 'attachment',
      submittedName: moodle[4],
    };
  }
  const canvas = CANVAS_FILE.exec(name);
  if (canvas) {
    return {
      student: toStudentId(`${canvas[1]}_${canvas[3]}`),
      identity: { lms: 'canvas', userId: canvas[3], email: '' },
      isLate: canvas[2] !== undefined,
      role: isTs(canvas[5]) ? 'submission' : 'attachment',
      submittedName: canvas[5],
    };
  }
  if (isTs(name)) return { student: toStudentId(name.slice(0, -'.ts'.length)), identity: NO_IDENTITY, isLate: false, role: 'submission', submittedName: name };
  return null;
}

/** Whether a file handed in is named as the exercise's file is (a resubmission's `-1` too): the one to grade when a student handed in several. */
export function isNamedLike(submittedName: string, fileName: string): boolean {
  const stem = fileName.replace(/\.ts$/, '');
  return submittedName === fileName || new RegExp(`^${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d+\\.ts$`).test(submittedName);
}
