/**
 * `grade`: one or more submissions, each reported in every format asked for, printed in the order
 * given or written each to its own file in --out; the exit status says how the run went.
 */
import path from 'node:path';
import { writeAtomically } from '../batch/write-atomically.js';
import { checkSubmissionCount, createReporter, REPORTERS, type Reporter, type ReporterName } from '../reporters/index.js';
import { EXIT } from './exit-codes.js';
import { meetsMinScore, type MinScore } from './min-score.js';
import { isColorWanted, sessionOptions, type SessionFlags } from './session-flags.js';
import { withCompiler } from './with-compiler.js';

export interface GradeFlags extends SessionFlags {
  format: ReporterName[];
  out?: string;
  minScore?: MinScore;
  color?: boolean;
}

interface FormatOutput {
  name: ReporterName;
  reporter: Reporter;
  chunks: string[];
}

export async function runGrade(paths: string[], flags: GradeFlags): Promise<number> {
  checkSubmissionCount(flags.format, paths.length);
  const isColor = isColorWanted(flags.color);
  // Without --out every format prints, in the order given; with it, each writes its own file there.
  const createOutputs = (): Promise<FormatOutput[]> =>
    Promise.all(
      flags.format.map(async (name) => {
        const chunks: string[] = [];
        const write = flags.out ? (text: string) => void chunks.push(text) : (text: string) => void process.stdout.write(text);
        const reporter = await createReporter(name, { write, isColor: flags.out ? false : isColor, env: process.env });
        return { name, reporter, chunks };
      }),
    );
  let outputs: FormatOutput[] = [];
  const result = await withCompiler(async (compiler) => {
    // The formats load their dependencies while the compile worker starts, not before it.
    const [{ gradeMany }, { inferFromPaths, resolveExercise }, created] = await Promise.all([
      import('../pipeline/grade-many.js'),
      import('../exercise/infer-exercise.js'),
      createOutputs(),
    ]);
    outputs = created;
    const exercise = await resolveExercise(flags.exercise, flags.rubric, (known) => inferFromPaths(paths, known));
    return gradeMany(paths, {
      ...sessionOptions(flags, compiler),
      exercise,
      onReport: (report) => outputs.forEach(({ reporter }) => reporter.onReport?.(report)),
      onSkip: (_input, error) => process.stderr.write(`autograde: ${error.message}\n`),
    });
  });
  for (const { name, reporter, chunks } of outputs) {
    reporter.onFinish?.(result.reports);
    if (flags.out) writeAtomically(path.join(flags.out, REPORTERS[name].fileName), chunks.join(''));
  }
  if (result.reports.some((report) => report.status === 'internal-error')) return EXIT.internal;
  if (result.skipped.length > 0) return EXIT.usage;
  if (flags.minScore && result.reports.some((report) => !meetsMinScore(report, flags.minScore!))) return EXIT.belowMinScore;
  return EXIT.ok;
}
