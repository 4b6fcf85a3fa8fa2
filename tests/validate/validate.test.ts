/**
 * `autograde validate --all` as an author runs it: every exercise is proved sound (its solution, its
 * skeleton and its checks against mutants of the solution), with each exercise's kill rate and the
 * scores its solution and skeleton must get. A mutation analysis of several minutes, so it is not
 * part of `npm test`: `npm run validate` runs it (vitest.validate.config.ts), as a CI step of its own.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importExerciseDefinition } from '../../grader/exercise/import-definition.js';
import { listExercises } from '../../grader/exercise/load-exercise.js';
import { RUBRICS_DIR } from '../../grader/paths.js';
import { loadRubric } from '../../grader/rubric/index.js';
import { runCli } from '../support/run-cli.js';

const exercises = listExercises();

/** Each exercise's points and number of checks, from its rubric: what its solution and skeleton must score. */
const totals = await Promise.all(
  exercises.map(async (id) => {
    const { checks } = await importExerciseDefinition(id);
    const rubric = loadRubric(path.join(RUBRICS_DIR, `${id}.yaml`), checks.map((check) => check.id));
    return { id, points: [...rubric.checks.values()].reduce((sum, check) => sum + check.points, 0), checks: checks.length };
  }),
);

describe('autograde validate', () => {
  it(
    'proves every exercise sound, with a kill rate for each, and exits 0',
    async () => {
      const { exitCode, stdout, stderr } = await runCli(['validate', '--all']);
      expect(stderr).toContain('mutants graded');
      // As a CI step of its own, its failure is read in the log: the whole of what validate found is the message.
      expect(stdout.match(/^\S+: (sound|NOT SOUND) \(/gm), stdout).toEqual(exercises.map((id) => expect.stringMatching(new RegExp(`^${id}: sound`))));
      expect(exitCode, stdout).toBe(0);
      const rates = [...stdout.matchAll(/^Kill rate: (\d+) of (\d+) mutants that compiled \((\d+\.\d)%\)/gm)];
      expect(rates).toHaveLength(exercises.length);
      for (const [, killed, compiled, percent] of rates) {
        expect(Number(compiled)).toBeGreaterThan(0);
        expect(Number(percent)).toBeCloseTo((100 * Number(killed)) / Number(compiled), 1);
      }
      // Sound means every survivor is acknowledged.
      for (const [, survivors, acknowledged] of stdout.matchAll(/^Surviving mutants: (\d+) \((\d+) acknowledged\)/gm)) expect(acknowledged).toBe(survivors);
      // Each exercise's findings, from its verdict line to the next exercise's.
      const sections = new Map(stdout.split(/^(?=\S+: (?:sound|NOT SOUND) \()/m).map((section) => [section.slice(0, section.indexOf(':')), section]));
      for (const { id, points, checks } of totals) {
        const section = sections.get(id) ?? '';
        expect(section, id).toMatch(new RegExp(`^ {2}cpu {2,}${points}/${points} and ${points}/${points}, the same verdicts and messages both times$`, 'm'));
        expect(section, id).toContain(`what the solution generates; 0/${points}: ${checks} not-implemented; no type errors`);
      }
    },
    150_000 * Math.max(1, exercises.length),
  );
});
