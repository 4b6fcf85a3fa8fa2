/**
 * `gradescope`: what the autograder zip's run_autograder runs for each submission. It grades the
 * exercise's file in <root>/submission and writes <root>/results/results.json, whatever was
 * uploaded: a misnamed file, several files or nothing get a results.json that says what was found
 * and what to do. Its exit status is for the autograder's log; Gradescope reads the file.
 */
import path from 'node:path';
import type { BackendChoice } from '../backend/select-backend.js';
import { writeAtomically } from '../batch/write-atomically.js';
import type { Compiler } from '../compile/compiler.js';
import { GraderError } from '../errors.js';
import { loadExercise } from '../exercise/load-exercise.js';
import { findUpload } from '../gradescope/find-upload.js';
import { openGradingSession } from '../pipeline/grading-session.js';
import { nothingGraded } from '../reporters/gradescope-reporter.js';
import { renderReports } from '../reporters/index.js';
import { EXIT } from './exit-codes.js';
import { refuseInStudentKit } from './staff-only.js';
import { withCompiler } from './with-compiler.js';

export interface GradescopeFlags {
  root?: string;
  exercise: string;
  backend: BackendChoice;
  rubric?: string;
}

export async function runGradescope(flags: GradescopeFlags): Promise<number> {
  refuseInStudentKit('gradescope');
  return withCompiler(async (compiler) => {
    const root = flags.root ?? process.env.AUTOGRADER_ROOT ?? '/autograder';
    const resultsFile = path.join(root, 'results', 'results.json');
    const write = (results: object): void => writeAtomically(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
    try {
      return await gradeUpload(flags, root, compiler, write, (text) => writeAtomically(resultsFile, text));
    } catch (error) {
      // The grader's own failure: the student still gets a results.json, which says it is not theirs.
      write(nothingGraded(`The autograder itself failed, not your code: ${error instanceof Error ? error.message : String(error)}. Tell your course staff; your submission is kept and can be graded again.`));
      throw error;
    }
  });
}

async function gradeUpload(flags: GradescopeFlags, root: string, compiler: Compiler, write: (results: object) => void, writeText: (text: string) => void): Promise<number> {
  const exercise = await loadExercise(flags.exercise, flags.rubric);
  const upload = findUpload(path.join(root, 'submission'), exercise.definition.fileName);

  if (upload.kind === 'problem') {
    write(nothingGraded(upload.message));
    process.stderr.write(`autograde: ${upload.message}\n`);
    return EXIT.ok;
  }
  // The file is named as the student uploaded it, not by where Gradescope keeps uploads.
  const submissionDir = path.join(root, 'submission');
  const session = await openGradingSession({ exercise, backend: flags.backend, compiler, nameFile: (file) => path.relative(submissionDir, file) });
  try {
    const report = await session.grade(upload.file, false);
    // Through the registry, which gives a format students read the report as students may read it.
    writeText(await renderReports('gradescope', [report], { isColor: false, env: process.env }));
    return report.status === 'internal-error' ? EXIT.internal : EXIT.ok;
  } catch (error) {
    // A file that cannot be read as a submission (a link, say) is the student's to fix.
    if (!(error instanceof GraderError) || error.code !== 'SUBMISSION_UNREADABLE') throw error;
    write(nothingGraded(error.message));
    return EXIT.ok;
  } finally {
    session.close();
  }
}
