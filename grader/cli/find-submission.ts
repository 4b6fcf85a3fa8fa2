/**
 * Which file `autograde check` checks when it is given none: the one the student has in front of
 * them. That is the exercise file in the current folder (a student's own project), else the
 * skeleton's place in this repository (`exercises/<id>/<file>`, run from its root).
 */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { findLink, refuseLink } from '../pipeline/read-submission.js';

export function defaultSubmissionCandidates(exerciseId: string, fileName: string): string[] {
  return [fileName, path.join('exercises', exerciseId, fileName)];
}

/**
 * The first candidate under `cwd` that is a file, as a path joined to `cwd`; a UsageError naming
 * them all otherwise. A candidate that is a link, or lies behind one, is refused rather than passed
 * over: checking the next one instead would check a file the student is not looking at.
 */
export function findSubmission(cwd: string, exerciseId: string, fileName: string): string {
  const candidates = defaultSubmissionCandidates(exerciseId, fileName);
  for (const candidate of candidates) {
    const link = findLink(cwd, candidate);
    if (link) throw refuseLink(`./${path.relative(cwd, link.path)}`, link);
    if (fs.lstatSync(path.join(cwd, candidate), { throwIfNoEntry: false })?.isFile() === true) return path.join(cwd, candidate);
  }
  const looked = candidates.map((candidate) => `./${candidate}`).join(' and ');
  throw new UsageError(`No ${fileName} to check here: looked for ${looked}. Run this in the folder that holds your ${fileName}, or pass its path: autograde check path/to/${fileName}`);
}
