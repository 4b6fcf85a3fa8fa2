/** The README a student kit carries: how to start, how to check, and what is checked. */
import type { CheckDefinition } from '../checks/types.js';
import type { LoadedExercise } from '../exercise/load-exercise.js';
import { kitPackageName } from './names.js';

export function renderKitReadme(exercise: LoadedExercise, visible: readonly CheckDefinition[], withheld: { count: number; points: number }): string {
  const { id, fileName } = exercise.definition;
  const points = [...exercise.rubric.checks.entries()].filter(([, rubric]) => rubric.visibility === 'visible').reduce((sum, [, rubric]) => sum + rubric.points, 0);
  return [
    `# ${exercise.rubric.title}`,
    '',
    `Your self-check for the exercise \`${id}\`. It runs on your own machine, offline, with Node.js 20.11 or later (22, 24 or 26 recommended).`,
    '',
    '## Start',
    '',
    'In an empty folder for your work, with the kit you were given beside it:',
    '',
    '```sh',
    'npm install ./student-kit.tgz   # the grader and its dependencies, from the npm registry',
    `npx autograde skeleton           # writes ./${fileName}, the file you fill in`,
    '```',
    '',
    `Fill in every function of \`${fileName}\` that throws a \`TODO\` error. Keep the exports and their signatures, and import nothing but \`@tensorflow/tfjs\`.`,
    '',
    '## Check',
    '',
    '```sh',
    `npx autograde check ${fileName}`,
    '```',
    '',
    'It prints one line per check, then the one thing to do next. Exit status: 0 every check here passes, 1 some do not (or the file does not compile), 2 a usage or path error, 3 the grader\'s own fault.',
    `\`npx\` runs the copy this folder installed (\`${kitPackageName(id)}\`); run it where you ran \`npm install\`. \`npx --no-install autograde check ${fileName}\` makes sure it never fetches another package of that name.`,
    '',
    `## What is checked here (${visible.length} checks, ${points} points)`,
    '',
    ...visible.map((check) => `- \`${check.id}\`: ${check.title}`),
    '',
    `When you hand it in, ${withheld.count} more check${withheld.count === 1 ? '' : 's'} (${withheld.points} point${withheld.points === 1 ? '' : 's'}) are run that this kit does not have: passing every check here is not passing everything.`,
    '',
    'On your machine the checks run in a sandbox with the layers your system has (bubblewrap and /proc on Linux; node\'s permission model everywhere), and the report says which were active. Your file never leaves your machine.',
    '',
  ].join('\n');
}
