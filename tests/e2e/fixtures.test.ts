/**
 * Every fixture of student code (correct, buggy, hostile), of every exercise, graded by the real CLI
 * in one run per exercise, then compared with the outcome its expected.yaml states, check by check.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckStatus, Report } from '../../grader/report/types.js';
import { importExerciseDefinition } from '../../grader/exercise/import-definition.js';
import { listExercises } from '../../grader/exercise/load-exercise.js';
import { PROJECT_ROOT, SOLUTIONS_DIR } from '../../grader/paths.js';
import { MAX_REPORT_BYTES } from '../../grader/report/bound-report.js';
import { runCli } from '../support/run-cli.js';
import { writeShortLimitsRubric } from '../support/short-limits-rubric.js';

interface Expected {
  description: string;
  status: Report['status'];
  checks?: Record<string, CheckStatus>;
  others?: CheckStatus;
  messages?: Record<string, string>;
  violations?: number;
}

const FIXTURES_ROOT = path.join(PROJECT_ROOT, 'tests', 'fixtures');
/** In the grader's environment during the run: no report may show it. */
const ENV_CANARY = 'CANARY-ENV-5c2e9b';

interface Fixture {
  name: string;
  dir: string;
  expected: Expected;
}

function fixturesOf(exercise: string): Fixture[] {
  return ['pass', 'fail', 'hostile'].flatMap((group) => {
    const groupDir = path.join(FIXTURES_ROOT, exercise, group);
    if (!fs.existsSync(groupDir)) return [];
    return fs
      .readdirSync(groupDir)
      .filter((name) => fs.existsSync(path.join(groupDir, name, 'expected.yaml')))
      .sort()
      .map((name) => ({
        name: `${group}/${name}`,
        dir: path.relative(PROJECT_ROOT, path.join(groupDir, name)),
        expected: parse(fs.readFileSync(path.join(groupDir, name, 'expected.yaml'), 'utf8')) as Expected,
      }));
  });
}

/** Every exercise that has fixtures, with the name of its student file. */
const exercises = await Promise.all(
  listExercises()
    .filter((id) => fs.existsSync(path.join(FIXTURES_ROOT, id)))
    .map(async (id) => ({ id, fileName: (await importExerciseDefinition(id)).fileName, fixtures: fixturesOf(id) })),
);

/** Files beside submissions that try to read them (`canary.txt`): no report may show what they hold. */
const fileCanaries = exercises.flatMap(({ fixtures }) =>
  fixtures
    .map((fixture) => path.join(PROJECT_ROOT, fixture.dir, 'canary.txt'))
    .filter((file) => fs.existsSync(file))
    .map((file) => ({ file, text: fs.readFileSync(file, 'utf8').trim() })),
);

/** The status a check must have: its own entry, else its part's `part.*` entry, else `others`. */
function expectedStatus(expected: Expected, checkId: string): CheckStatus {
  const checks = expected.checks ?? {};
  return checks[checkId] ?? checks[`${checkId.split('.')[0]}.*`] ?? expected.others ?? 'passed';
}

it('finds the fixtures of every exercise', () => {
  expect(exercises.map(({ id }) => id)).toEqual(listExercises());
});

describe.each(exercises)('fixtures of $id', ({ id, fileName, fixtures }) => {
  const reports = new Map<string, Report>();
  let output = '';

  // Every process the run starts can be found afterwards: sandboxes by their working directory
  // (a scratch directory under this TMPDIR), the compile worker by the environment it inherits.
  const runTmpdir = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-fixtures-'));
  const runMarker = `AUTOGRADE_TEST_RUN=${path.basename(runTmpdir)}`;

  beforeAll(async () => {
    const rubric = writeShortLimitsRubric(id);
    const result = await runCli(['grade', ...fixtures.map((f) => f.dir), '--backend', 'cpu', '--format', 'json', '--rubric', rubric], {
      env: { AUTOGRADE_TEST_CANARY: ENV_CANARY, TMPDIR: runTmpdir, AUTOGRADE_TEST_RUN: path.basename(runTmpdir) },
    });
    output = result.stdout + result.stderr;
    expect(result.stderr).toBe('');
    const parsed = JSON.parse(result.stdout) as Report | Report[];
    const list = Array.isArray(parsed) ? parsed : [parsed];
    fixtures.forEach((fixture, index) => reports.set(fixture.name, list[index]));
    // One run grades every fixture of the exercise, several of which wait out their time limits.
  }, 900_000);

  it('covers correct, buggy and hostile submissions', () => {
    const groups = new Set(fixtures.map((f) => f.name.split('/')[0]));
    expect([...groups].sort()).toEqual(['fail', 'hostile', 'pass']);
  });

  it.each(fixtures)('$name', ({ name, dir, expected }) => {
    const report = reports.get(name)!;
    expect(report.submission).toBe(path.join(dir, fileName));
    const actual = Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
    const wanted = Object.fromEntries(report.checks.map((c) => [c.id, expectedStatus(expected, c.id)]));
    expect(actual, expected.description).toEqual(wanted);
    expect(report.status).toBe(expected.status);
    for (const [checkId, fragment] of Object.entries(expected.messages ?? {})) {
      expect(report.checks.find((c) => c.id === checkId)?.message).toContain(fragment);
    }
    // An expected.yaml that names no number of violations asks for none in particular.
    expect(report.sandbox.violations.length).toBeGreaterThanOrEqual(expected.violations ?? 0);
    // Points follow the statuses: exactly the passed checks score.
    expect(report.score).toBe(report.checks.filter((c) => c.status === 'passed').reduce((sum, c) => sum + c.maxScore, 0));
    expect(report.checks.some((c) => c.status === 'internal-error')).toBe(false);
    // Whatever the submission returned, printed or threw, its report is bounded and printable.
    const json = JSON.stringify(report);
    expect(Buffer.byteLength(json)).toBeLessThan(MAX_REPORT_BYTES);
    expect(json).not.toMatch(/\\u001b|\\u0007|\\u009b/);
  });

  it('never shows the reference solution, or a host file, in any report or output', () => {
    const solution = fs.readFileSync(path.join(SOLUTIONS_DIR, id, fileName), 'utf8');
    // A line only the reference has (no fixture copies it), so finding it means it leaked.
    const secret = solution.split('\n').find((line) => line.includes('Reference solution.'))?.trim();
    expect(secret, `${id}'s solution has no line saying 'Reference solution.'`).toBeDefined();
    for (const fixture of fixtures) {
      expect(fs.readFileSync(path.join(PROJECT_ROOT, fixture.dir, fileName), 'utf8')).not.toContain(secret);
    }
    expect(output).not.toContain(secret);
    expect(output).not.toContain('root:x:0:0');
  });

  it('leaves no process behind', () => {
    const leftovers = fs
      .readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .filter((pid) => {
        try {
          if (fs.readlinkSync(`/proc/${pid}/cwd`).startsWith(runTmpdir)) return true;
          return fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(runMarker);
        } catch {
          return false;
        }
      });
    expect(leftovers).toEqual([]);
  });

  it('spends on each submission no more than its time limits allow, plus a margin', () => {
    for (const report of reports.values()) {
      const timeouts = report.checks.filter((check) => check.status === 'timeout').length;
      // Limits of the short rubric: 8 s import, 10 s a check, 8 s type check; 20 s of slack.
      expect(report.durationMs, report.submission).toBeLessThan(8_000 + 8_000 + 10_000 * (timeouts + 1) + 20_000);
    }
  });

  it('never shows the grader\'s environment or a file beside the submission', () => {
    for (const canary of fileCanaries) {
      expect(canary.text, canary.file).not.toBe('');
      expect(output).not.toContain(canary.text);
    }
    expect(output).not.toContain(ENV_CANARY);
  });
});
