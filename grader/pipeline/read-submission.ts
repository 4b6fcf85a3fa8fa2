/**
 * A submission is a file, never a link. The grader reads with its own rights, so a link handed in
 * as `qkv-projection.ts` would let a student submit the reference solution, or have the grader
 * read any file it can and quote it in the diagnostics. Every path into a submission (`grade`,
 * `check`, a batch's students) is decided here.
 *
 * What a person names on the command line (a file's folders, a submission directory, a class
 * folder) is trusted; every step below it is the student's, and none of them may be a link.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { GraderError } from '../errors.js';

/** A link found on the way to a submission: where it is, and its own text (never what it points to). */
export interface FoundLink {
  path: string;
  target: string;
}

// Typed as always present, but Windows has neither: there the check falls back to comparing the
// file opened with the one looked at (see readSubmission).
const { O_NOFOLLOW, O_NONBLOCK } = fs.constants as { O_NOFOLLOW?: number; O_NONBLOCK?: number };

/** A link's text as the student wrote it, quoted so that no control character reaches a terminal, and kept short. */
function quoteTarget(target: string): string {
  return JSON.stringify(target.length > 200 ? `${target.slice(0, 197)}…` : target);
}

/** The link at `file`, with its own text. */
export function linkAt(file: string): FoundLink {
  try {
    return { path: file, target: fs.readlinkSync(file) };
  } catch {
    // Swapped again since it was seen; what it pointed to does not change the answer.
    return { path: file, target: '?' };
  }
}

/**
 * The first link on the way from `root` (trusted, not looked at) down to `root/relative`, or null
 * when there is none. A step that does not exist ends the walk: a missing file is not a link, and
 * is reported as missing by whoever looks for it.
 */
export function findLink(root: string, relative: string): FoundLink | null {
  let current = root;
  for (const step of relative.split(/[\\/]+/).filter((part) => part !== '' && part !== '.')) {
    current = path.join(current, step);
    const stat = fs.lstatSync(current, { throwIfNoEntry: false });
    if (stat === undefined) return null;
    if (stat.isSymbolicLink()) return linkAt(current);
  }
  return null;
}

/** What to tell about a link: which path, that it is a link, its own text, and the fix. `shown` is the path as the reader knows it. */
export function describeLink(shown: string, link: FoundLink, kind: 'file' | 'folder or file' = 'file'): string {
  return `${shown} is a symbolic link (to ${quoteTarget(link.target)}); the grader reads no links. Submit the ${kind} itself, not a link.`;
}

function refuse(message: string): GraderError {
  // Refused like an unreadable file: `grade` goes on with the other paths, `batch` with the other students.
  return new GraderError('SUBMISSION_UNREADABLE', message);
}

/** The error for a link where a submission was expected; `shown` names the link as the reader knows it. */
export function refuseLink(shown: string, link: FoundLink): GraderError {
  return refuse(describeLink(shown, link));
}

/**
 * A directory holding the exercise's file, or the file itself. A directory named here is trusted,
 * even through a link; the file in it, and a file named here, must not be a link.
 */
export function resolveSubmissionFile(input: string, fileName: string): string {
  const own = fs.lstatSync(input, { throwIfNoEntry: false });
  if (own === undefined) {
    throw refuse(`${input}: no such file or directory. Pass a ${fileName} file or a directory that holds one.`);
  }
  const isDirectory = own.isSymbolicLink() ? fs.statSync(input, { throwIfNoEntry: false })?.isDirectory() === true : own.isDirectory();
  if (isDirectory) {
    const file = path.join(input, fileName);
    const link = findLink(input, fileName);
    if (link) throw refuseLink(file, link);
    if (!fs.existsSync(file)) {
      throw refuse(`${input} has no ${fileName}. Put the submission at ${file}, or pass the file itself.`);
    }
    return file;
  }
  if (own.isSymbolicLink()) throw refuseLink(input, linkAt(input));
  return input;
}

/**
 * The largest submission the grader reads: an exercise's file is a few kilobytes, and anything near
 * this is not a solution but a way to make the grader's compile worker, its messages to the
 * sandbox or the runner's start run out of memory.
 */
export const MAX_SUBMISSION_BYTES = 1024 * 1024;

/** A submission as read: its text, unless it is too large to read; its size and hash either way. */
export interface SubmissionText {
  /** Null for a file larger than MAX_SUBMISSION_BYTES, which is graded as a compile error unread. */
  source: string | null;
  bytes: number;
  /** sha256 of the file's bytes. */
  hash: string;
}

/** The file's hash, read in slices: a file too large to read whole is still told apart from another. */
function hashOf(fd: number): string {
  const hash = createHash('sha256');
  const chunk = Buffer.allocUnsafe(1024 * 1024);
  for (let position = 0; ; ) {
    const read = fs.readSync(fd, chunk, 0, chunk.length, position);
    if (read === 0) return hash.digest('hex');
    hash.update(chunk.subarray(0, read));
    position += read;
  }
}

/**
 * The file's text, read without following a link that was put in its place after it was looked at:
 * opened with O_NOFOLLOW where the system has it, and read only if what was opened is a regular
 * file (a FIFO would block the grader; O_NONBLOCK lets the open return so that it can be refused).
 * `shown` names the file in messages.
 */
export function readSubmission(file: string, shown: string = file): SubmissionText {
  // Without O_NOFOLLOW (Windows), the file opened must be the one looked at, and that one no link.
  const before = O_NOFOLLOW === undefined ? fs.lstatSync(file, { throwIfNoEntry: false }) : undefined;
  if (before?.isSymbolicLink()) throw refuseLink(shown, linkAt(file));
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (O_NOFOLLOW ?? 0) | (O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // What O_NOFOLLOW answers for a link: ELOOP on Linux and macOS, EMLINK on FreeBSD.
    if (code === 'ELOOP' || code === 'EMLINK') throw refuseLink(shown, linkAt(file));
    throw refuse(`${shown} cannot be read: ${(error as Error).message}`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw refuse(`${shown} is not a regular file. Submit the file itself.`);
    if (before !== undefined && (before.ino !== stat.ino || before.dev !== stat.dev)) {
      throw refuse(`${shown} was replaced while it was being read. Submit the file itself, and grade it again.`);
    }
    if (stat.size > MAX_SUBMISSION_BYTES) return { source: null, bytes: stat.size, hash: hashOf(fd) };
    const bytes = fs.readFileSync(fd);
    return { source: bytes.toString('utf8'), bytes: bytes.length, hash: createHash('sha256').update(bytes).digest('hex') };
  } catch (error) {
    if (error instanceof GraderError) throw error;
    throw refuse(`${shown} cannot be read: ${(error as Error).message}`);
  } finally {
    fs.closeSync(fd);
  }
}
