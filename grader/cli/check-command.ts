/**
 * `check`: the student's self-check. It finds the file, has the pipeline check it and decide the
 * next step, prints what the check reporter makes of both, and says by its exit status whether
 * every visible check passed.
 */
import pc from 'picocolors';
import { renderSelfCheck } from '../reporters/check-reporter.js';
import { EXIT } from './exit-codes.js';
import { findSubmission } from './find-submission.js';
import { isColorWanted, sessionOptions, type SessionFlags } from './session-flags.js';
import { withCompiler } from './with-compiler.js';

export interface CheckFlags extends SessionFlags {
  color?: boolean;
}

/** `input`: the path given, if any; without one, the file in front of the student (see find-submission). */
export async function runCheck(input: string | undefined, flags: CheckFlags): Promise<number> {
  const isColor = isColorWanted(flags.color);
  const { report, step } = await withCompiler(async (compiler) => {
    const [{ loadExercise }, { selfCheck }, { resolveSubmissionFile }, { inferFromPaths, inferHere, resolveExercise }] = await Promise.all([
      import('../exercise/load-exercise.js'),
      import('../pipeline/self-check.js'),
      import('../pipeline/read-submission.js'),
      import('../exercise/infer-exercise.js'),
    ]);
    // The file is found before anything starts, so a wrong path costs no sandbox and no reference.
    const id = await resolveExercise(flags.exercise, flags.rubric, (known) => (input === undefined ? inferHere(process.cwd(), known) : inferFromPaths([input], known)));
    const exercise = await loadExercise(id, flags.rubric);
    const { fileName } = exercise.definition;
    const file = input === undefined ? findSubmission(process.cwd(), exercise.definition.id, fileName) : resolveSubmissionFile(input, fileName);
    return selfCheck(file, { ...sessionOptions(flags, compiler), exercise, compiler });
  });
  process.stdout.write(renderSelfCheck(report, step, pc.createColors(isColor)));
  if (report.status === 'internal-error') return EXIT.internal;
  return report.status === 'passed' ? EXIT.ok : EXIT.checksFailed;
}
