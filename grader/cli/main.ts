/**
 * `autograde`: the command line. It declares the commands and their options, hands each command to
 * the function in its own file, and returns that function's exit status; it decides nothing itself.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { BACKEND_CHOICES } from '../backend/select-backend.js';
import { parseShard } from '../batch/shard.js';
import { GraderError } from '../errors.js';
import { parseFormats, REPORTERS } from '../reporters/index.js';
import { GRADER_VERSION } from '../version.js';
import type { BatchFlags } from './batch-command.js';
import { runCheck, type CheckFlags } from './check-command.js';
import { EXIT } from './exit-codes.js';
import { runExercises } from './exercises-command.js';
import { runGrade, type GradeFlags } from './grade-command.js';
import type { GradescopeFlags } from './gradescope-command.js';
import { runMerge, type MergeFlags } from './merge-command.js';
import { parseMinScore } from './min-score.js';
import { runRelease, type ReleaseFlags } from './release-command.js';
import { runSchema } from './schema-command.js';
import { runSkeleton, type SkeletonFlags } from './skeleton-command.js';
import { runValidate, type ValidateFlags } from './validate-command.js';

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

function parseJobs(value: string): number {
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1) throw new InvalidArgumentError(`Expected a whole number of at least 1, got \`${value}\`.`);
  return jobs;
}

function addSessionOptions(command: Command): Command {
  return command
    .option('-e, --exercise <id>', "exercise id (default: the one the --rubric names, else the one the submission's file is named for, else the only one)")
    .addOption(new Option('-b, --backend <name>', 'tfjs backend').choices(BACKEND_CHOICES).default('auto'))
    .option('--rubric <file>', 'use this rubric instead of rubrics/<exercise>.yaml')
    .option('--no-typecheck', 'skip type checking: no type diagnostics, a faster run')
    .addOption(new Option('--sandbox <mode>', 'strict: refuse to grade unless every sandbox layer is available').choices(['auto', 'strict']).default('auto'));
}

/**
 * The program. Commander awaits an action but drops what it returns, so each action hands its
 * command's exit status to `setStatus`. `args` is the command line after `autograde`, which a
 * stopped batch repeats in the line that resumes it.
 */
export function createProgram(setStatus: (status: number) => void, args: readonly string[]): Command {
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
    .action(async (paths: string[], flags: GradeFlags) => setStatus(await runGrade(paths, flags)));

  addSessionOptions(
    program
      .command('check')
      .description('check your own work: runs the visible checks and says what to do next (hidden checks run when you submit)')
      .argument('[path]', 'your file, or a directory holding it (default: ./<file> here, else exercises/<exercise>/<file>)'),
  )
    .option('--color', 'colour the output even when not on a terminal')
    .option('--no-color', 'plain text output (NO_COLOR in the environment does the same)')
    .action(async (input: string | undefined, flags: CheckFlags) => setStatus(await runCheck(input, flags)));

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
      // Loaded when run: what it imports, the batch's machinery, would slow every other command's start.
      const { runBatchCli } = await import('./batch-command.js');
      setStatus(await runBatchCli(dir, flags, args));
    });

  program
    .command('merge')
    .description('join the --out folders of several shards of one class into one gradebook')
    .argument('<dirs...>', 'the shards\' --out folders')
    .requiredOption('-o, --out <dir>', 'where to write the joined reports/, feedback/, grades.csv, summary.json and summary.html')
    .option('--allow-partial', 'merge even when shards are missing (the summary names them); refused by default')
    .action(async (dirs: string[], flags: MergeFlags) => setStatus(await runMerge(dirs, flags)));

  program
    .command('skeleton')
    .description("write an exercise's skeleton, exercises/<id>/<file>, from its marked solution in solutions/<id>/")
    .argument('[exercises...]', 'exercise ids')
    .option('--all', 'every exercise')
    .option('--check', 'write nothing: exit 1, with a diff, if a skeleton differs from what its solution generates')
    .action(async (ids: string[], flags: SkeletonFlags) => setStatus(await runSkeleton(ids, flags)));

  program
    .command('release')
    .description('write what students get and what Gradescope gets: <out>/<exercise>/student-kit.tgz (the skeleton and a self-check of the visible checks, no solution) and <out>/<exercise>/autograder.zip')
    .argument('[exercises...]', 'exercise ids')
    .option('--all', 'every exercise')
    .requiredOption('-o, --out <dir>', 'where to write <exercise>/student-kit.tgz and <exercise>/autograder.zip')
    .option('--rubric <file>', "the kit's rubric (points, limits, tolerances) instead of rubrics/<exercise>.yaml; one exercise only")
    .action(async (ids: string[], flags: ReleaseFlags) => setStatus(await runRelease(ids, flags)));

  program
    .command('gradescope')
    .description("what a Gradescope autograder runs: grades <root>/submission, writes <root>/results/results.json whatever was uploaded")
    .requiredOption('-e, --exercise <id>', 'the exercise of this autograder')
    .option('--root <dir>', 'the autograder root (default: $AUTOGRADER_ROOT, else /autograder)')
    .option('--rubric <file>', 'use this rubric instead of rubrics/<exercise>.yaml')
    .addOption(new Option('-b, --backend <name>', 'tfjs backend').choices(BACKEND_CHOICES).default('auto'))
    .action(async (flags: GradescopeFlags) => {
      // Loaded when run: what it imports, the grading pipeline, would slow every other command's start.
      const { runGradescope } = await import('./gradescope-command.js');
      setStatus(await runGradescope(flags));
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
    .action(async (ids: string[], flags: ValidateFlags) => setStatus(await runValidate(ids, flags)));

  program
    .command('schema')
    .description("print the rubric's JSON Schema (the one rubrics/rubric.schema.json holds)")
    .action(async () => setStatus(await runSchema()));

  program
    .command('exercises')
    .description('list the exercises this grader knows')
    .action(async () => setStatus(await runExercises()));

  return program;
}

/** Runs the command `argv` names (node's argv: the node binary and the script first) and returns its exit status. */
export async function main(argv: string[]): Promise<number> {
  let status: number = EXIT.ok;
  const program = createProgram((commandStatus) => {
    status = commandStatus;
  }, argv.slice(2));
  try {
    await program.parseAsync(argv);
    return status;
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
