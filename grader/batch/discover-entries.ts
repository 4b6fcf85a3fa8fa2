/**
 * The students in a batch folder. Each entry is a student's folder holding the exercise's file, a
 * `.ts` file named for the student, or a file an LMS named for one (lms-names.ts). Every student
 * the class names is a student of the batch: one whose file is missing, empty, or may not be read
 * (a link, whether it is the entry or the file in it; see read-submission) has no grade but still
 * a row, with the reason. What is certainly no student's (`__MACOSX/`, `.DS_Store`, an LMS's
 * metadata) is left out; any other entry that names no student is named, and not counted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { GraderError } from '../errors.js';
import { describeLink, findLink, linkAt } from '../pipeline/read-submission.js';
import { toSafeText } from '../report/safe-text.js';
import { extractZip } from './extract-zip.js';
import { GRADESCOPE_METADATA, readGradescopeMetadata } from './gradescope-metadata.js';
import { claimFile, claimFolder, isIgnoredEntry, isNamedLike, type StudentClaim } from './lms-names.js';
import type { EntryProblem, StudentIdentity, UngradedStatus, UngradedStudent } from '../report/class-summary.js';

/** How far what the class names may run in a summary, a page or a terminal. */
const SHOWN_LIMITS = { entry: 500, message: 2000 } as const;

export interface BatchEntry {
  /** The student's id, from the entry's name; also the name of their report file. */
  student: string;
  /** The file to grade. */
  file: string;
  /** The file as the class handed it in: its path in the folder or zip given, with `/` between folders. */
  displayPath: string;
  /** Marked late by the LMS (Canvas puts `late` in the file name). */
  isLate: boolean;
  identity: StudentIdentity;
}

export interface Discovery {
  entries: BatchEntry[];
  ungraded: UngradedStudent[];
  problems: EntryProblem[];
}

export interface DiscoverOptions {
  /** Folders that are never a student's, such as the batch's own --out folder inside the class. */
  ignore?: string[];
}

/** The class as a folder: the one given, or where an LMS zip was unpacked (removed once the batch is over). */
export interface ClassFolder {
  dir: string;
  unpackedDir?: string;
}

/** A folder or an LMS zip; a zip is unpacked into a scratch folder. */
export function unpackClass(input: string): ClassFolder {
  if (!input.endsWith('.zip')) return { dir: input };
  const unpackedDir = extractZip(input);
  return { dir: unpackedDir, unpackedDir };
}

/** A file of the class as the class names it: its path from the folder given (or the zip's root), with `/` between folders. */
export function classPathOf(dir: string, file: string): string {
  return path.relative(dir, file).split(path.sep).join('/');
}

const shownEntry = (text: string): string => toSafeText(text, { limit: SHOWN_LIMITS.entry });
const shownMessage = (text: string): string => toSafeText(text, { limit: SHOWN_LIMITS.message });

/** The same folder, whichever way it was named; a path that does not exist stands for itself. */
function realPathOf(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/** What one entry of a student's holds for grading. */
type Outcome = { kind: 'found'; file: string; displayPath: string } | { kind: 'ungraded'; status: UngradedStatus; reason: string };

interface Candidate {
  /** The entry as the class names it. */
  shown: string;
  claim: StudentClaim;
  /** Null for an attachment: graded only in that the student handed in nothing else. */
  outcome: Outcome | null;
}

/** A few of what a folder holds, to say what the student handed in instead. */
function listing(dir: string): string {
  let names: string[];
  try {
    names = fs.readdirSync(dir, { withFileTypes: true }).filter((d) => !isIgnoredEntry(d.name, d.isDirectory())).map((d) => (d.isDirectory() ? `${d.name}/` : d.name));
  } catch {
    return '';
  }
  if (names.length === 0) return ' (it is empty)';
  const shown = names.sort().slice(0, 5).join(', ');
  return ` (it holds ${shown}${names.length > 5 ? `, and ${names.length - 5} more` : ''})`;
}

/** What a student's folder holds: their file, or why there is none to grade. */
function outcomeOfFolder(dir: string, name: string, shown: string, fileName: string): Outcome {
  const relative = path.join(name, fileName);
  const link = findLink(dir, relative);
  const shownFile = `${shown}/${fileName}`;
  if (link) return { kind: 'ungraded', status: 'unreadable', reason: describeLink(`${shown}${link.path.slice(path.join(dir, name).length).split(path.sep).join('/')}`, link) };
  const file = path.join(dir, relative);
  const stat = fs.lstatSync(file, { throwIfNoEntry: false });
  if (stat === undefined) return { kind: 'ungraded', status: 'not-submitted', reason: `${shown}/ holds no ${fileName}${listing(path.join(dir, name))}` };
  return outcomeOfFile(file, stat, shownFile);
}

function outcomeOfFile(file: string, stat: fs.Stats, shown: string): Outcome {
  if (!stat.isFile()) return { kind: 'ungraded', status: 'unreadable', reason: `${shown} is not a regular file; the student's file must be the file itself` };
  if (stat.size === 0) return { kind: 'ungraded', status: 'empty', reason: `${shown} is empty (0 bytes)` };
  return { kind: 'found', file, displayPath: shown };
}

/** Whose an entry is, and what it holds; null for a file that names no student. */
function candidateOf(dir: string, dirent: fs.Dirent, shown: string, fileName: string): Candidate | null {
  const full = path.join(dir, dirent.name);
  // Read from the directory itself (not followed): a student's entry is never a link.
  if (dirent.isSymbolicLink()) {
    const claim = claimFile(dirent.name) ?? (path.extname(dirent.name) === '' ? claimFolder(dirent.name) : null);
    if (claim === null) return null;
    return { shown, claim: { ...claim, role: 'submission' }, outcome: { kind: 'ungraded', status: 'unreadable', reason: describeLink(shown, linkAt(full), 'folder or file') } };
  }
  if (dirent.isDirectory()) {
    const claim = claimFolder(dirent.name);
    return { shown, claim, outcome: claim.role === 'submission' ? outcomeOfFolder(dir, dirent.name, shown, fileName) : null };
  }
  const claim = claimFile(dirent.name);
  if (claim === null) return null;
  if (claim.role === 'attachment') return { shown, claim, outcome: null };
  return { shown, claim, outcome: outcomeOfFile(full, fs.lstatSync(full), shown) };
}

/** Which of a student's unreadable, empty or missing files says most about them: a link first. */
const UNGRADED_ORDER: readonly UngradedStatus[] = ['unreadable', 'empty', 'not-submitted'];

/** One student's entries, decided: the file to grade, or why there is none; and the entries left over. */
function decideStudent(student: string, candidates: Candidate[], fileName: string, identity: StudentIdentity): { entry?: BatchEntry; ungraded?: UngradedStudent; problems: EntryProblem[] } {
  const submissions = candidates.filter((c) => c.outcome !== null);
  const found = submissions.filter((c) => c.outcome?.kind === 'found');
  // Of several files, the one named as the exercise's file is; a folder always holds that name.
  const isPreferred = (c: Candidate): boolean => c.claim.submittedName === undefined || isNamedLike(c.claim.submittedName, fileName);
  const ranked =
    found.length > 0
      ? [...found].sort((a, b) => Number(isPreferred(b)) - Number(isPreferred(a)))
      : [...submissions].sort((a, b) => UNGRADED_ORDER.indexOf((a.outcome as { status: UngradedStatus }).status) - UNGRADED_ORDER.indexOf((b.outcome as { status: UngradedStatus }).status));
  const [chosen] = ranked;
  const problems = ranked.slice(1).map((other) => ({
    entry: shownEntry(other.shown),
    message: shownMessage(`${student} also handed in ${chosen.shown}, which is ${chosen.outcome?.kind === 'found' ? 'graded' : 'the one in grades.csv'}; this one is not (two submissions by one student?). Keep one of them.`),
  }));
  const isLate = candidates.some((c) => c.claim.isLate);
  if (chosen === undefined) {
    const handedIn = candidates.map((c) => c.shown);
    const reason = `handed in no ${fileName}, only ${handedIn.slice(0, 5).join(', ')}${handedIn.length > 5 ? `, and ${handedIn.length - 5} more` : ''}`;
    return { ungraded: { student, entry: shownEntry(candidates[0].shown), status: 'not-submitted', reason: shownMessage(reason), isLate, identity }, problems };
  }
  const outcome = chosen.outcome!;
  if (outcome.kind === 'found') return { entry: { student, file: outcome.file, displayPath: outcome.displayPath, isLate, identity }, problems };
  return { ungraded: { student, entry: shownEntry(chosen.shown), status: outcome.status, reason: shownMessage(outcome.reason), isLate, identity }, problems };
}

function readClassFolder(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new GraderError('USAGE', `${dir} cannot be read as a batch folder: ${(error as Error).message}. Pass a folder with one entry per student.`);
  }
}

/**
 * The students in a class folder. An export wrapped in one folder (Gradescope's
 * `assignment_<id>_export/`) is looked into; `prefix` is the path down to it, as the class names it.
 */
export function discoverEntries(dir: string, fileName: string, options: DiscoverOptions = {}, prefix = ''): Discovery {
  const ignored = new Set((options.ignore ?? []).map(realPathOf));
  const names = readClassFolder(dir).filter((d) => !isIgnoredEntry(d.name, d.isDirectory()) && !(d.isDirectory() && ignored.has(realPathOf(path.join(dir, d.name)))));
  const [only] = names;
  // (A link named for the file counts as there: that student is refused, not taken for a wrapper;
  // and a folder an LMS names for one student is that student, whatever it holds.)
  if (
    names.length === 1 &&
    only.isDirectory() &&
    claimFolder(only.name).identity.lms === '' &&
    fs.lstatSync(path.join(dir, only.name, fileName), { throwIfNoEntry: false }) === undefined
  ) {
    return discoverEntries(path.join(dir, only.name), fileName, options, `${prefix}${only.name}/`);
  }
  const problems: EntryProblem[] = [];
  const metadata = readGradescopeMetadata(dir);
  if (metadata.kind === 'unreadable') {
    problems.push({ entry: `${prefix}${GRADESCOPE_METADATA}`, message: `cannot be read (${shownMessage(metadata.reason)}); the user_id and email columns of grades.csv are left empty for these submissions` });
  }
  const byStudent = new Map<string, Candidate[]>();
  for (const dirent of names.sort((a, b) => a.name.localeCompare(b.name))) {
    const shown = `${prefix}${dirent.name}`;
    const candidate = candidateOf(dir, dirent, shown, fileName);
    if (candidate === null) {
      problems.push({
        entry: shownEntry(shown),
        message: `not counted as a student: neither a folder nor a .ts file named for one. If it is a student's submission, put it in a folder named for them as ${fileName} and grade again`,
      });
      continue;
    }
    byStudent.set(candidate.claim.student, [...(byStudent.get(candidate.claim.student) ?? []), candidate]);
  }
  const entries: BatchEntry[] = [];
  const ungraded: UngradedStudent[] = [];
  for (const [student, candidates] of byStudent) {
    const [first] = candidates;
    const fromMetadata = metadata.kind === 'read' && first.claim.identity.lms === 'gradescope' ? metadata.identities.get(path.basename(first.shown)) : undefined;
    const decided = decideStudent(student, candidates, fileName, fromMetadata ?? first.claim.identity);
    if (decided.entry) entries.push(decided.entry);
    if (decided.ungraded) ungraded.push(decided.ungraded);
    problems.push(...decided.problems);
  }
  return { entries, ungraded, problems };
}
