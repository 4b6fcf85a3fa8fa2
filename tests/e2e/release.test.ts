/**
 * `autograde release`, as an instructor runs it, and what it writes, as students and Gradescope
 * take it: the student kit installed from its tarball in an empty folder checks files offline with
 * the verdicts the full grader gives, and holds nothing of the solution or the hidden checks; the
 * autograder zip, set up on a folder laid out like Gradescope's, writes a results.json for any
 * upload; and the grader's own package inside it installs and runs.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckStatus, Report } from '../../grader/report/types.js';
import { DIST_DIR, PROJECT_ROOT, SOLUTIONS_DIR } from '../../grader/paths.js';
import type { GradescopeResults } from '../../grader/reporters/gradescope-reporter.js';
import type { Wire, WireTensor } from '../../grader/runtime/protocol.js';
import { expectValidResults } from '../support/gradescope-spec.js';
import { runCli } from '../support/run-cli.js';
import { writeShortLimitsRubric } from '../support/short-limits-rubric.js';

const EXERCISES = [
  { id: 'qkv-projection', fileName: 'qkv-projection.ts' },
  { id: 'scaled-attention', fileName: 'scaled-attention.ts' },
] as const;
const FIXTURES = path.join(PROJECT_ROOT, 'tests', 'fixtures');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-release-'));
/** Installs take their packages from npm's cache where it has them: CI's `npm ci` filled it. */
const npmEnv = { ...process.env, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

function npm(args: string[], cwd: string): void {
  execFileSync('npm', args, { cwd, env: npmEnv, stdio: 'pipe' });
}

/** Every file under `dir`, as text. */
function readTree(dir: string): Array<{ file: string; text: string }> {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => {
    const file = path.join(entry.parentPath, entry.name);
    return { file, text: fs.readFileSync(file, 'utf8') };
  });
}

interface Expected {
  status: Report['status'];
  checks?: Record<string, CheckStatus>;
  others?: CheckStatus;
}

function expectedStatus(expected: Expected, checkId: string): CheckStatus {
  const checks = expected.checks ?? {};
  return checks[checkId] ?? checks[`${checkId.split('.')[0]}.*`] ?? expected.others ?? 'passed';
}

function fixturesOf(exercise: string): Array<{ name: string; dir: string; expected: Expected }> {
  return ['pass', 'fail', 'hostile'].flatMap((group) => {
    const groupDir = path.join(FIXTURES, exercise, group);
    return fs
      .readdirSync(groupDir)
      .filter((name) => fs.existsSync(path.join(groupDir, name, 'expected.yaml')))
      .sort()
      .map((name) => ({ name: `${group}/${name}`, dir: path.join(groupDir, name), expected: parse(fs.readFileSync(path.join(groupDir, name, 'expected.yaml'), 'utf8')) as Expected }));
  });
}

beforeAll(async () => {
  // Each kit with the short limits the fixture tests grade with, so that the endless loops end soon.
  for (const { id } of EXERCISES) {
    const result = await runCli(['release', id, '--out', out, '--rubric', writeShortLimitsRubric(id)]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^${id}: .*student-kit\\.tgz \\(\\d+ visible checks; \\d+ hidden checks, [\\d.]+ points, left out\\) and .*autograder\\.zip$`, 'm'));
  }
}, 300_000);

describe.each(EXERCISES)('the student kit of $id', ({ id, fileName }) => {
  const kit = path.join(out, id, 'student-kit.tgz');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `autograde-student-${id}-`));
  const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), `autograde-kit-${id}-`));
  const autograde = (args: string[]) => runCli(args, { cwd: work, bin: path.join(work, 'node_modules', '.bin', 'autograde') });

  beforeAll(() => {
    execFileSync('tar', ['xzf', kit, '-C', unpacked]);
    // In an empty folder, as the skeleton's header says: the kit's own dependencies from the registry.
    npm(['install', '--no-save', kit], work);
  }, 300_000);

  it('holds no line of the solution, no hidden check, and no hidden check\'s answer', async () => {
    const files = readTree(unpacked);
    expect(files.length).toBeGreaterThan(10);
    const solution = fs.readFileSync(path.join(SOLUTIONS_DIR, id, fileName), 'utf8');
    const skeleton = fs.readFileSync(path.join(PROJECT_ROOT, 'exercises', id, fileName), 'utf8');
    // The solution's lines that neither the skeleton nor the grader's own code has (the checks'
    // modules are public by design): its answers, and the line that says what it is.
    const publicCode = [skeleton, ...readTree(path.join(PROJECT_ROOT, 'grader')).map(({ text }) => text), ...readTree(path.join(SOLUTIONS_DIR, id, 'checks')).map(({ text }) => text)].join('\n');
    const canaries = solution.split('\n').map((line) => line.trim()).filter((line) => line.length >= 24 && !publicCode.includes(line));
    expect(canaries.some((line) => line.includes('Reference solution.'))).toBe(true);
    // The full exercise, as the grader has it: which checks are hidden, and what their reference returns.
    const { loadExercise } = (await import(path.join(DIST_DIR, 'grader', 'exercise', 'load-exercise.js'))) as typeof import('../../grader/exercise/load-exercise.js');
    const { getReferenceOutputs, wireToJson } = (await import(path.join(DIST_DIR, 'grader', 'reference', 'reference-outputs.js'))) as typeof import('../../grader/reference/reference-outputs.js');
    const { Compiler } = (await import(path.join(DIST_DIR, 'grader', 'compile', 'compiler.js'))) as typeof import('../../grader/compile/compiler.js');
    const exercise = await loadExercise(id);
    const hidden = [...exercise.rubric.checks].filter(([, check]) => check.visibility === 'hidden').map(([checkId]) => exercise.registry.get(checkId)!);
    expect(hidden.length).toBeGreaterThan(0);
    const compiler = new Compiler();
    let answers: Map<string, Wire>;
    try {
      answers = (await getReferenceOutputs(exercise, { request: { name: 'cpu' }, label: 'cpu' }, compiler, hidden.map((check) => check.id))).values;
    } finally {
      compiler.close();
    }
    // Numbers that could only come from that computation: not a round value such as 0, 1 or 0.5,
    // and not a float32 rounding of one.
    const isTelling = (n: number): boolean => Number.isFinite(n) && Math.abs(n - Math.round(n * 8) / 8) > 1e-4;
    const numbersOf = (value: Wire): number[] => {
      if (typeof value === 'number') return isTelling(value) ? [value] : [];
      if (Array.isArray(value)) return value.flatMap(numbersOf);
      if (value !== null && typeof value === 'object') return '$tensor' in value ? (value as { $tensor: WireTensor }).$tensor.values.filter(isTelling) : Object.values(value as Record<string, Wire>).flatMap(numbersOf);
      return [];
    };
    const hiddenAnswers = [...answers.values()].flatMap((value) => numbersOf(value).slice(0, 8)).map((n) => wireToJson(n));
    expect(hiddenAnswers.length).toBeGreaterThan(0);
    const secrets = [...canaries, ...hidden.flatMap((check) => [check.id, check.title]), ...hiddenAnswers];
    for (const { file, text } of files) {
      for (const secret of secrets) expect(text.includes(secret), `${path.relative(unpacked, file)} holds ${JSON.stringify(secret.slice(0, 80))}`).toBe(false);
    }
  }, 120_000);

  it('checks the skeleton, a failing file and the reference offline, from where it was installed', async () => {
    expect((await autograde(['skeleton'])).exitCode).toBe(0);
    const skeleton = await autograde(['check', fileName, '--backend', 'cpu']);
    expect(skeleton.exitCode).toBe(1);
    expect(skeleton.stdout).toMatch(/^0 of \d+ visible checks pass \(0\/[\d.]+ points\)\. \d+ hidden checks \([\d.]+ points\) are run when you submit\.$/m);
    fs.copyFileSync(path.join(FIXTURES, id, 'fail', 'partial', fileName), path.join(work, fileName));
    const failing = await autograde(['check', fileName, '--backend', 'cpu']);
    expect(failing.exitCode).toBe(1);
    expect(failing.stdout).toContain('Next step: TODO');
    fs.copyFileSync(path.join(SOLUTIONS_DIR, id, fileName), path.join(work, fileName));
    const reference = await autograde(['check', fileName, '--backend', 'wasm']);
    expect(reference.exitCode, reference.stdout).toBe(0);
    expect(reference.stdout).toMatch(/^All \d+ visible checks pass\./m);
    // A kit is for checking: grading a class is refused, and says what the kit does instead.
    const batch = await autograde(['batch', work, '--out', path.join(work, 'out')]);
    expect(batch.exitCode).toBe(2);
    expect(batch.stderr).toContain('for course staff');
  }, 120_000);

  it('gives every fixture the verdicts the full grader gives its visible checks', async () => {
    const fixtures = fixturesOf(id);
    // A check that needs a hidden one, directly or through others, runs in the kit without it:
    // its verdict may differ from the full run's, by design (check says so). The rest may not.
    const { loadExercise } = (await import(path.join(DIST_DIR, 'grader', 'exercise', 'load-exercise.js'))) as typeof import('../../grader/exercise/load-exercise.js');
    const full = (await loadExercise(id)).rubric.checks;
    const needsHidden = (checkId: string): boolean => full.get(checkId)!.requires.some((required) => full.get(required)!.visibility === 'hidden' || needsHidden(required));
    // Two runs side by side, each on half of the fixtures, without the type check except for the
    // one fixture whose verdict comes from it: the type check is the full grader's own code, and
    // the fixtures' test already holds it to its verdicts.
    const typeLevel = (fixture: { expected: Expected }) => fixture.expected.status === 'compile-error' && fixture.expected.others === 'compile-error';
    const halves = [fixtures.filter((_, index) => index % 2 === 0), fixtures.filter((_, index) => index % 2 === 1)];
    const graded = await Promise.all(
      halves.map(async (half) => {
        const withTypes = half.filter(typeLevel);
        const without = half.filter((fixture) => !typeLevel(fixture));
        const runs = await Promise.all([
          without.length > 0 ? autograde(['grade', ...without.map((fixture) => fixture.dir), '--backend', 'cpu', '--format', 'json', '--no-typecheck']) : null,
          withTypes.length > 0 ? autograde(['grade', ...withTypes.map((fixture) => fixture.dir), '--backend', 'cpu', '--format', 'json']) : null,
        ]);
        const asList = (run: { stdout: string } | null): Report[] => (run === null ? [] : ([] as Report[]).concat(JSON.parse(run.stdout) as Report | Report[]));
        const byDir = new Map([...asList(runs[0]), ...asList(runs[1])].map((report) => [path.resolve(work, path.dirname(report.submission)), report]));
        return half.map((fixture) => ({ fixture, report: byDir.get(fixture.dir)! }));
      }),
    );
    const results = graded.flat();
    expect(results.every(({ report }) => report !== undefined)).toBe(true);
    const reports = fixtures.map((fixture) => results.find((r) => r.fixture === fixture)!.report);
    expect(reports).toHaveLength(fixtures.length);
    fixtures.forEach((fixture, index) => {
      const report = reports[index];
      // Those that also need a hidden check when everything is graded run here without it.
      const compared = report.checks.filter((check) => !needsHidden(check.id));
      expect(compared.length).toBeGreaterThan(report.checks.length / 2);
      expect(Object.fromEntries(compared.map((check) => [check.id, check.status])), fixture.name).toEqual(Object.fromEntries(compared.map((check) => [check.id, expectedStatus(fixture.expected, check.id)])));
    });
  }, 600_000);
});

describe('the Gradescope autograder', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-gradescope-'));
  const { id, fileName } = EXERCISES[0];

  beforeAll(() => {
    fs.mkdirSync(path.join(root, 'source'), { recursive: true });
    for (const [name, data] of Object.entries(unzipSync(fs.readFileSync(path.join(out, id, 'autograder.zip'))))) {
      fs.writeFileSync(path.join(root, 'source', name), data);
    }
    execFileSync('bash', [path.join(root, 'source', 'setup.sh')], { env: { ...npmEnv, AUTOGRADER_ROOT: root }, stdio: 'pipe' });
  }, 300_000);

  /** One upload, graded as Gradescope runs it: the results it leaves. */
  function grade(upload: Record<string, string>): GradescopeResults {
    fs.rmSync(path.join(root, 'submission'), { recursive: true, force: true });
    fs.rmSync(path.join(root, 'results'), { recursive: true, force: true });
    for (const [name, from] of Object.entries(upload)) {
      fs.mkdirSync(path.dirname(path.join(root, 'submission', name)), { recursive: true });
      fs.copyFileSync(from, path.join(root, 'submission', name));
    }
    fs.mkdirSync(path.join(root, 'submission'), { recursive: true });
    execFileSync('bash', [path.join(root, 'source', 'run_autograder')], { env: { ...process.env, AUTOGRADER_ROOT: root }, stdio: 'pipe' });
    const results = JSON.parse(fs.readFileSync(path.join(root, 'results', 'results.json'), 'utf8')) as GradescopeResults;
    expectValidResults(results);
    return results;
  }

  it('has setup.sh and run_autograder at its root, with the grader', () => {
    expect(Object.keys(unzipSync(fs.readFileSync(path.join(out, id, 'autograder.zip')))).sort()).toEqual(['grader.tgz', 'rubric.yaml', 'run_autograder', 'setup.sh']);
  });

  it('grades the reference and a failing file, and says what to rename for a misnamed upload', () => {
    const reference = grade({ [fileName]: path.join(SOLUTIONS_DIR, id, fileName) });
    expect(reference.score).toBe(32);
    // Named as uploaded, not by where the autograder keeps uploads.
    expect(reference.output).not.toContain(root);
    const failing = grade({ [fileName]: path.join(FIXTURES, id, 'fail', 'shared-layer', fileName) });
    expect(failing.score).toBeLessThan(32);
    expect(failing.tests.find((test) => test.extra_data.id === 'projection.distinct')?.status).toBe('failed');
    const misnamed = grade({ 'qkv_projection.ts': path.join(SOLUTIONS_DIR, id, fileName) });
    expect(misnamed).toMatchObject({ score: 0, tests: [] });
    expect(misnamed.output).toContain('rename it to qkv-projection.ts');
  }, 300_000);

  it('answers an upload of nothing, and of several files, with what was found', () => {
    expect(grade({}).output).toContain('Nothing was uploaded');
    const several = grade({ 'a/qkv-projection.ts': path.join(SOLUTIONS_DIR, id, fileName), 'b/qkv-projection.ts': path.join(SOLUTIONS_DIR, id, fileName) });
    expect(several.output).toContain('2 files named qkv-projection.ts');
  }, 120_000);

  it('installs the grader from its own package, built code inside and tests outside', () => {
    const entries = execFileSync('tar', ['tzf', path.join(root, 'source', 'grader.tgz')], { encoding: 'utf8' }).trim().split('\n');
    expect(entries).toContain('package/dist/grader/cli/main.js');
    expect(entries).toContain(`package/solutions/${id}/${fileName}`);
    expect(entries.filter((entry) => entry.startsWith('package/tests/') || entry.startsWith('package/dist/tests/'))).toEqual([]);
    const help = execFileSync(path.join(root, 'source', 'node_modules', '.bin', 'autograde'), ['--help'], { encoding: 'utf8' });
    expect(help).toContain('release');
  });
});
