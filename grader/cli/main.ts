/**
 * `autograde`: the command line. It parses arguments, calls the pipeline and a reporter, and maps
 * what happened to an exit status; it decides nothing about grades itself.
 */
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import pc from 'picocolors';
import { writeAtomically } from '../batch/write-atomically.js';
import { BACKEND_CHOICES, type BackendChoice } from '../backend/select-backend.js';
import { Compiler } from '../compile/compiler.js';
import { GraderError } from '../errors.js';
import { renderSelfCheck } from '../reporters/check-reporter.js';
import { checkSubmissionCount, createReporter, parseFormats, REPORTERS, type Reporter, type ReporterName } from '../reporters/index.js';
import { GRADER_VERSION } from '../version.js';
import type { GradingSessionOptions } from '../pipeline/grading-session.js';
import { parseShard, type Shard } from '../batch/shard.js';
import { EXIT } from './exit-codes.js';
import { findSubmission } from './find-submission.js';
import { meetsMinScore, parseMinScore, type MinScore } from './min-score.js';
import type { GradescopeFlags } from './gradescope-command.js';
import { refuseInStudentKit, runKitSkeleton, runRelease } from './release-command.js';
import { INSTALLATION } from '../paths.js';

function formatChoices(): string {
  return Object.entries(REPORTERS)
    .map(([name, definition]) => `${name} (${definition.fileName})`)
    .join(', ');
}

/** A parser of ours as commander's: its message becomes commander's usage error (exit 2). */
function asOptionParser<T>(parse: (text: string) => T): (text: string) => T {
  return (text) => {
    try {
      return parse(text);
    } catch (error) {
      throw new InvalidArgumentError((error as Error).message);
    }
  };
}

/**
 * The compile worker loads TypeScript and then the tfjs typings, a second or more: it starts before
 * the grader loads its own modules, so that it is ready by the time it is needed, and it ends with
 * the command whatever happens.
 */
async function withCompiler<T>(run: (compiler: Compiler) => Promise<T>): Promise<T> {
  const compiler = new Compiler();
  compiler.warmUp();
  try {
    return await run(compiler);
  } finally {
    compiler.close();
  }
}

/** Options every grading command takes. */
interface SessionFlags {
  /** Absent: the rubric's, else inferred from the submissions' file names (see infer-exercise). */
  exercise?: string;
  backend: BackendChoice;
  rubric?: string;
  typecheck: boolean;
  sandbox: 'auto' | 'strict';
}

function addSessionOptions(command: Command): Command {
  return command
    .option('-e, --exercise <id>', "exercise id (default: the one the --rubric names, else the one the submission's file is named for, else the only one)")
    .addOption(new Option('-b, --backend <name>', 'tfjs backend').choices(BACKEND_CHOICES).default('auto'))
    .option('--rubric <file>', 'use this rubric instead of rubrics/<exercise>.yaml')
    .option('--no-typecheck', 'skip type checking: no type diagnostics, a faster run')
    .addOption(new Option('--sandbox <mode>', 'strict: refuse to grade unless every sandbox layer is available').choices(['auto', 'strict']).default('auto'));
}

/** Everything a grading session needs from the flags but the exercise, which may have to be inferred first. */
function sessionOptions(flags: SessionFlags, compiler: Compiler): Omit<GradingSessionOptions, 'exercise'> {
  return { compiler, backend: flags.backend, rubricPath: flags.rubric, isTypecheckEnabled: flags.typecheck, sandbox: flags.sandbox };
}

interface GradeFlags extends SessionFlags {
  format: ReporterName[];
  out?: string;
  minScore?: MinScore;
  color?: boolean;
}

/** --color / --no-color when given; else colour on a terminal, unless NO_COLOR is set. */
function isColorWanted(flag: boolean | undefined): boolean {
  return flag ?? (process.stdout.isTTY === true && !('NO_COLOR' in process.env));
}

interface FormatOutput {
  name: ReporterName;
  reporter: Reporter;
  chunks: string[];
}

async function runGrade(paths: string[], flags: GradeFlags): Promise<number> {
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

interface CheckFlags extends SessionFlags {
  color?: boolean;
}

/**
 * `check`: the student's self-check. The pipeline checks the file and decides the next step; this
 * prints them.
 */
async function runCheck(input: string | undefined, flags: CheckFlags): Promise<number> {
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

function parseJobs(value: string): number {
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1) throw new InvalidArgumentError(`Expected a whole number of at least 1, got \`${value}\`.`);
  return jobs;
}

interface BatchFlags extends SessionFlags {
  out: string;
  format: ReporterName[];
  jobs?: number;
  resume?: boolean;
  quiet?: boolean;
  shard?: Shard;
}

/** `args`: the command line after `autograde`, for the line that resumes a stopped batch. */
async function runBatchCommand(dir: string, flags: BatchFlags, args: readonly string[]): Promise<number> {
  const { runBatchCli } = await import('./batch-command.js');
  return withCompiler((compiler) =>
    runBatchCli(
      {
        ...sessionOptions(flags, compiler),
        // The class's files say which exercise it is, once a zip is unpacked: runBatch decides.
        exercise: flags.exercise,
        input: dir,
        out: flags.out,
        jobs: flags.jobs,
        isResume: flags.resume,
        isQuiet: flags.quiet,
        shard: flags.shard,
        formats: flags.format,
      },
      args,
    ),
  );
}

interface SkeletonFlags {
  all?: boolean;
  check?: boolean;
}

/** `skeleton`: each exercise's skeleton written from its solution, or with --check compared with it. */
async function runSkeleton(ids: string[], flags: SkeletonFlags): Promise<number> {
  const { resolveExerciseIds, syncSkeleton } = await import('../authoring/index.js');
  const outdated: string[] = [];
  for (const id of resolveExerciseIds(ids, flags.all ?? false)) {
    const outcome = await syncSkeleton(id, { isCheck: flags.check ?? false });
    const skeleton = path.relative(process.cwd(), outcome.files.skeletonPath);
    if (outcome.kind === 'out-of-date') {
      outdated.push(id);
      process.stdout.write(`${skeleton} differs from what its solution generates:\n${outcome.diff}`);
    } else {
      process.stdout.write(`${skeleton}: ${outcome.kind === 'written' ? 'written' : 'up to date'}\n`);
    }
  }
  if (outdated.length === 0) return EXIT.ok;
  process.stderr.write(`autograde: out of date: ${outdated.join(', ')}. Run \`autograde skeleton ${outdated.join(' ')}\` to write ${outdated.length === 1 ? 'it' : 'them'} from the solution.\n`);
  return EXIT.authoringFailed;
}

interface ValidateFlags {
  all?: boolean;
  jobs?: number;
  maxMutants?: number;
  format: 'text' | 'json';
  verbose?: boolean;
}

/** `validate`: each exercise proved sound, or the reasons it is not. */
async function runValidate(ids: string[], flags: ValidateFlags): Promise<number> {
  const { resolveExerciseIds, validateExercise, renderValidation } = await import('../authoring/index.js');
  const validations = [];
  for (const id of resolveExerciseIds(ids, flags.all ?? false)) {
    const validation = await validateExercise({ exercise: id, jobs: flags.jobs, maxPerOperator: flags.maxMutants, onProgress: (message) => process.stderr.write(`${message}\n`) });
    validations.push(validation);
    if (flags.format === 'text') process.stdout.write(`${validations.length > 1 ? '\n' : ''}${renderValidation(validation, { isVerbose: flags.verbose })}`);
  }
  if (flags.format === 'json') process.stdout.write(`${JSON.stringify(validations, null, 2)}\n`);
  return validations.every((validation) => validation.isSound) ? EXIT.ok : EXIT.authoringFailed;
}

export function createProgram(): Command {
  const program = new Command('autograde')
    .description('Grades TensorFlow.js exercises: compiles a submission, runs it in a sandbox, compares it with the reference and scores it.')
    .version(GRADER_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    // Set before the subcommands are added, which copy these settings: usage errors must exit 2.
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  addSessionOptions(
    program
      .command('grade')
      .description('grade one or more submissions (a .ts file, or a directory holding the exercise file)')
      .argument('<paths...>', 'submission files or directories'),
  )
    .addOption(new Option('-f, --format <names>', `output formats, comma-separated: ${formatChoices()}`).argParser(asOptionParser(parseFormats)).default(['text'], 'text'))
    .option('-o, --out <dir>', 'write each format to its own file in <dir> instead of printing it')
    .option('--min-score <n>', 'exit 1 unless every submission scores at least n points (or n%)', asOptionParser(parseMinScore))
    .option('--color', 'colour the text output even when not on a terminal')
    .option('--no-color', 'plain text output (NO_COLOR in the environment does the same)')
    .action(async (paths: string[], flags: GradeFlags) => {
      process.exitCode = await runGrade(paths, flags);
    });

  addSessionOptions(
    program
      .command('check')
      .description('check your own work: runs the visible checks and says what to do next (hidden checks run when you submit)')
      .argument('[path]', 'your file, or a directory holding it (default: ./<file> here, else exercises/<exercise>/<file>)'),
  )
    .option('--color', 'colour the output even when not on a terminal')
    .option('--no-color', 'plain text output (NO_COLOR in the environment does the same)')
    .action(async (input: string | undefined, flags: CheckFlags) => {
      process.exitCode = await runCheck(input, flags);
    });

  addSessionOptions(
    program
      .command('batch')
      .description('grade a whole class: one entry per student in <dir>; reports, grades.csv, summary.json and summary.html in --out')
      .argument('<dir>', 'a folder with a sub-folder holding the exercise file, or a .ts file, per student'),
  )
    .requiredOption('-o, --out <dir>', 'where to write reports/, grades.csv, summary.json and summary.html')
    .option('-j, --jobs <n>', 'submissions graded at once (default: one per core)', parseJobs)
    .addOption(new Option('-f, --format <names>', `also write these formats for each student, as feedback/<student>/<file>: ${formatChoices()}`).argParser(asOptionParser(parseFormats)).default([], 'none'))
    .option('--resume', 'grade only students whose report is missing or out of date')
    .option('--quiet', 'no progress lines')
    .option('--shard <i/n>', 'grade only the i-th of n parts of the class (join the parts with merge)', asOptionParser(parseShard))
    .action(async (dir: string, flags: BatchFlags) => {
      refuseInStudentKit('batch');
      // bin/autograde.js parses process.argv: its words after `autograde` are this command line.
      process.exitCode = await runBatchCommand(dir, flags, process.argv.slice(2));
    });

  program
    .command('merge')
    .description('join the --out folders of several shards of one class into one gradebook')
    .argument('<dirs...>', 'the shards\' --out folders')
    .requiredOption('-o, --out <dir>', 'where to write the joined reports/, feedback/, grades.csv, summary.json and summary.html')
    .option('--allow-partial', 'merge even when shards are missing (the summary names them); refused by default')
    .action(async (dirs: string[], flags: { out: string; allowPartial?: boolean }) => {
      refuseInStudentKit('merge');
      const { runMergeCli } = await import('./batch-command.js');
      process.exitCode = await runMergeCli(dirs, flags.out, flags.allowPartial ?? false);
    });

  program
    .command('skeleton')
    .description("write an exercise's skeleton, exercises/<id>/<file>, from its marked solution in solutions/<id>/")
    .argument('[exercises...]', 'exercise ids')
    .option('--all', 'every exercise')
    .option('--check', 'write nothing: exit 1, with a diff, if a skeleton differs from what its solution generates')
    .action(async (ids: string[], flags: SkeletonFlags) => {
      // A student kit has no solution: there, the command writes the kit's skeleton where you are.
      process.exitCode = INSTALLATION.role === 'student-kit' ? await runKitSkeleton() : await runSkeleton(ids, flags);
    });

  program
    .command('release')
    .description('write what students get and what Gradescope gets: <out>/<exercise>/student-kit.tgz (the skeleton and a self-check of the visible checks, no solution) and <out>/<exercise>/autograder.zip')
    .argument('[exercises...]', 'exercise ids')
    .option('--all', 'every exercise')
    .requiredOption('-o, --out <dir>', 'where to write <exercise>/student-kit.tgz and <exercise>/autograder.zip')
    .option('--rubric <file>', "the kit's rubric (points, limits, tolerances) instead of rubrics/<exercise>.yaml; one exercise only")
    .action(async (ids: string[], flags: { out: string; all?: boolean; rubric?: string }) => {
      process.exitCode = await withCompiler((compiler) => runRelease(ids, flags, compiler));
    });

  program
    .command('gradescope')
    .description("what a Gradescope autograder runs: grades <root>/submission, writes <root>/results/results.json whatever was uploaded")
    .requiredOption('-e, --exercise <id>', 'the exercise of this autograder')
    .option('--root <dir>', 'the autograder root (default: $AUTOGRADER_ROOT, else /autograder)')
    .option('--rubric <file>', 'use this rubric instead of rubrics/<exercise>.yaml')
    .addOption(new Option('-b, --backend <name>', 'tfjs backend').choices(BACKEND_CHOICES).default('auto'))
    .action(async (flags: GradescopeFlags) => {
      const { runGradescope } = await import('./gradescope-command.js');
      process.exitCode = await withCompiler((compiler) => runGradescope(flags, compiler));
    });

  program
    .command('validate')
    .description('prove an exercise sound: the solution scores full marks on every backend, twice; the skeleton scores 0; the checks catch mutants of the solution')
    .argument('[exercises...]', 'exercise ids')
    .option('--all', 'every exercise')
    .option('-j, --jobs <n>', 'mutants graded at once (default: one per core)', parseJobs)
    .option('--max-mutants <n>', 'grade at most n mutants of each operator, spread over the solution (default 10)', parseJobs)
    .addOption(new Option('-f, --format <name>', 'text, or json: every finding as data').choices(['text', 'json']).default('text'))
    .option('--verbose', 'also list each mutant a check caught, and by which checks')
    .action(async (ids: string[], flags: ValidateFlags) => {
      refuseInStudentKit('validate');
      process.exitCode = await runValidate(ids, flags);
    });

  program
    .command('schema')
    .description("print the rubric's JSON Schema (the one rubrics/rubric.schema.json holds)")
    .action(async () => {
      const { generateRubricJsonSchema } = await import('../rubric/index.js');
      process.stdout.write(`${JSON.stringify(generateRubricJsonSchema(), null, 2)}\n`);
    });

  program
    .command('exercises')
    .description('list the exercises this grader knows')
    .action(async () => {
      const { listExercises } = await import('../exercise/load-exercise.js');
      process.stdout.write(`${listExercises().join('\n')}\n`);
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof GraderError) {
      process.stderr.write(`autograde: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`autograde: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.internal;
  }
}
