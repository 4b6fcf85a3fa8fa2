import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { gradeMany } from '../../grader/pipeline/grade-many.js';
import { PROJECT_ROOT, RUBRICS_DIR } from '../../grader/paths.js';
import type { Report } from '../../grader/report/types.js';
import { loadRubric } from '../../grader/rubric/index.js';
import { exercise } from '../../solutions/qkv-projection/checks/index.js';
import { runCli, type CliResult } from '../support/run-cli.js';

const FIXTURES = 'tests/fixtures/qkv-projection';
const rubric = loadRubric(path.join(RUBRICS_DIR, 'qkv-projection.yaml'), exercise.checks.map((check) => check.id));
const hidden = [...rubric.checks].filter(([, check]) => check.visibility === 'hidden');
const visibleCount = rubric.checks.size - hidden.length;
const visiblePoints = [...rubric.checks.values()].filter((check) => check.visibility === 'visible').reduce((sum, check) => sum + check.points, 0);
const HIDDEN_SUMMARY = `${hidden.length} hidden checks (${hidden.reduce((sum, [, check]) => sum + check.points, 0)} points) are run when you submit.`;
const hiddenIds = hidden.map(([id]) => id);
const hiddenTitles = hiddenIds.map((id) => exercise.checks.find((check) => check.id === id)!.title);

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-check-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

/** Runs `check`; whatever the submission, no hidden check's id or title may appear in what it prints. */
async function check(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  const result = await runCli(['check', ...args, '--backend', 'cpu'], options);
  for (const text of [...hiddenIds, ...hiddenTitles]) {
    expect(result.stdout).not.toContain(text);
    expect(result.stderr).not.toContain(text);
  }
  return result;
}

/** Visible checks that need a hidden one when submitted: `check` names each after its closing line. */
const dependents = exercise.checks.filter((c) => rubric.checks.get(c.id)!.visibility === 'visible' && rubric.checks.get(c.id)!.requires.some((id) => hiddenIds.includes(id)));
const DEPENDENT_NOTES = dependents.map((c) => `When you submit, "${c.title}" also needs a hidden check to pass.`);

/** The closing line, the visible result, then the notes about the checks that need a hidden one. */
function lastLine(text: string): string {
  const lines = text.trimEnd().split('\n');
  expect(lines.slice(lines.length - DEPENDENT_NOTES.length)).toEqual(DEPENDENT_NOTES);
  return lines.at(-1 - DEPENDENT_NOTES.length)!;
}

describe('autograde check', () => {
  it('checks the skeleton of the exercise named, from the repository root: next step TODO 1, at its line', async () => {
    const { exitCode, stdout, stderr } = await check(['--exercise', 'qkv-projection']);
    expect(stderr).toBe('');
    expect(exitCode).toBe(1);
    expect(stdout.split('\n')[0]).toMatch(/^exercises\/qkv-projection\/qkv-projection\.ts {2}qkv-projection · cpu/);
    expect(stdout).toContain('Next step: TODO 1 in QKVProjection (part projection)\n');
    const skeleton = fs.readFileSync(path.join(PROJECT_ROOT, 'exercises', 'qkv-projection', 'qkv-projection.ts'), 'utf8').split('\n');
    const todoLine = skeleton.findIndex((line) => line.includes("throw new Error('TODO 1")) + 1;
    expect(stdout).toContain(`at exercises/qkv-projection/qkv-projection.ts:${todoLine}:`);
    expect(lastLine(stdout)).toBe(`0 of ${visibleCount} visible checks pass (0/${visiblePoints} points). ${HIDDEN_SUMMARY}`);
  });

  it('asks which exercise to check when the repository root holds several skeletons', async () => {
    const { exitCode, stdout, stderr } = await check([]);
    expect(exitCode).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('The files of several exercises are here (./exercises/qkv-projection/qkv-projection.ts and ./exercises/scaled-attention/scaled-attention.ts)');
    expect(stderr).toContain('--exercise <id>: qkv-projection (qkv-projection.ts), scaled-attention (scaled-attention.ts)');
  });

  it("checks the file in the student's own folder by default, and points a partial one at the next TODO", async () => {
    const dir = fs.mkdtempSync(path.join(temp, 'student-'));
    fs.copyFileSync(path.join(PROJECT_ROOT, FIXTURES, 'fail', 'partial', 'qkv-projection.ts'), path.join(dir, 'qkv-projection.ts'));
    const { exitCode, stdout } = await check([], { cwd: dir });
    expect(exitCode).toBe(1);
    expect(stdout.split('\n')[0]).toMatch(/^qkv-projection\.ts {2}/);
    // Projection and the hand computation are done; the module part is the first still to do.
    expect(stdout).toContain('✓ forward() maps a [2, 10, 64] batch to Q, K, V of shape [2, 10, 16]');
    expect(stdout).toContain('Next step: TODO 6 in projectWithWeights (part module)\n');
    expect(stdout).toContain('"TODO 6: return [x·wQ, x·wK, x·wV] in projectWithWeights"');
    expect(stdout).toMatch(/ {4}at qkv-projection\.ts:\d+:\d+\n/);
    expect(lastLine(stdout)).toMatch(new RegExp(`^8 of ${visibleCount} visible checks pass \\(10/${visiblePoints} points\\)\\. ${HIDDEN_SUMMARY.replace(/[()]/g, '\\$&')}$`));
  });

  it('says a correct file passes the visible checks, how many hidden ones remain, and never that all tests passed', async () => {
    const { exitCode, stdout } = await check([`${FIXTURES}/pass/alternative`]);
    expect(exitCode).toBe(0);
    expect(lastLine(stdout)).toBe(`All ${visibleCount} visible checks pass. ${HIDDEN_SUMMARY}`);
    expect(stdout).not.toMatch(/all tests pass/i);
    expect(stdout).not.toContain('Next step');
  });

  it('names a wrong answer with the TODO it belongs to, and nothing of the hidden check it also fails', async () => {
    const fixture = `${FIXTURES}/fail/cosine-unnormalised`;
    const { exitCode, stdout } = await check([fixture]);
    expect(exitCode).toBe(1);
    expect(stdout).toContain('Next step: TODO 2 in cosineSimilarityMatrix (part similarity)\n  ✗ Every query has similarity 1 with itself and with its positive multiples, and a scaled query keeps its similarities (negated for a negative factor)\n    The diagonal should be 1');
    // What `grade` tells about the hidden checks of this very file.
    const graded = JSON.parse((await runCli(['grade', fixture, '--backend', 'cpu', '--format', 'json'])).stdout) as Report;
    const hiddenMessages = graded.checks.filter((c) => c.visibility === 'hidden' && c.status !== 'passed').map((c) => c.message);
    expect(hiddenMessages.length).toBeGreaterThan(0);
    for (const message of hiddenMessages) expect(stdout).not.toContain(message.slice(0, 60));
  });

  it('puts a compile error first, at its file and line, and runs nothing', async () => {
    const { exitCode, stdout } = await check([`${FIXTURES}/fail/syntax-error/qkv-projection.ts`]);
    expect(exitCode).toBe(1);
    const body = stdout.split('\n').slice(2).join('\n');
    expect(body).toMatch(/^Your file does not compile yet, so no check could run\.\n\nNext step: make the file compile\n {2}tests\/fixtures\/qkv-projection\/fail\/syntax-error\/qkv-projection\.ts:62:45 {2}'\)' expected\./);
    expect(stdout).not.toMatch(/[✓✗○]/);
    expect(lastLine(stdout)).toBe(`None of the ${visibleCount} visible checks could run. ${HIDDEN_SUMMARY}`);
  });

  it('runs a visible check whose prerequisite is hidden on that one\'s own prerequisites, and says so', async () => {
    // projection.shape-3d hidden: distinct and no-bias needed it, and now need nothing here.
    const doc = parseDocument(fs.readFileSync(path.join(RUBRICS_DIR, 'qkv-projection.yaml'), 'utf8'));
    doc.setIn(['checks', 'projection.shape-3d', 'visibility'], 'hidden');
    const file = path.join(temp, 'shape-hidden.yaml');
    fs.writeFileSync(file, doc.toString());
    const { exitCode, stdout } = await check([`${FIXTURES}/fail/shared-layer`, '--rubric', file]);
    expect(exitCode).toBe(1);
    expect(stdout).toContain('Next step: TODO 1 in QKVProjection (part projection)\n  ✗ Q, K and V come from three different projections (Q ≠ K ≠ V)\n    wQ and wK are the same layer object.');
    expect(stdout).toContain('When you submit, "Q, K and V come from three different projections (Q ≠ K ≠ V)" also needs a hidden check to pass.');
    expect(stdout).toContain('When you submit, "Each projection is bias-free, with one [dModel, dK] kernel" also needs a hidden check to pass.');
    const title = exercise.checks.find((c) => c.id === 'projection.shape-3d')!.title;
    expect(stdout).not.toContain(title);
    expect(stdout).not.toContain('projection.shape-3d');
  });

  it('exits 2 naming where it looked when there is no file, and for a path that does not exist', async () => {
    const empty = fs.mkdtempSync(path.join(temp, 'empty-'));
    const none = await check(['--exercise', 'qkv-projection'], { cwd: empty });
    expect(none.exitCode).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('looked for ./qkv-projection.ts and ./exercises/qkv-projection/qkv-projection.ts');
    expect(none.stderr).toContain('autograde check path/to/qkv-projection.ts');
    const unnamed = await check([], { cwd: empty });
    expect(unnamed.exitCode).toBe(2);
    expect(unnamed.stderr).toContain('looked for ./qkv-projection.ts, ./scaled-attention.ts, ./exercises/qkv-projection/qkv-projection.ts and ./exercises/scaled-attention/scaled-attention.ts');
    const missing = await check(['no/such/file.ts']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('no/such/file.ts: no such file or directory.');
  });
});

describe('grading the visible checks only', () => {
  it('never runs a hidden probe, nor computes or caches a hidden reference output', async () => {
    const cacheDir = fs.mkdtempSync(path.join(temp, 'cache-'));
    const previous = process.env.AUTOGRADE_CACHE_DIR;
    process.env.AUTOGRADE_CACHE_DIR = cacheDir;
    try {
      const { reports } = await gradeMany([path.join(PROJECT_ROOT, FIXTURES, 'pass', 'alternative')], { exercise: 'qkv-projection', backend: 'cpu', checks: 'visible', isTypecheckEnabled: false });
      const [report] = reports;
      expect(report.checks.map((c) => c.id)).toEqual([...rubric.checks.keys()].filter((id) => !hiddenIds.includes(id)));
      for (const text of [...hiddenIds, ...hiddenTitles]) expect(JSON.stringify(report)).not.toContain(text);
      expect(report.withheld).toEqual({ count: hidden.length, points: hidden.reduce((sum, [, c]) => sum + c.points, 0), dependents: dependents.map((c) => c.id) });
      const ran = report.sandbox.runs.flatMap((run) => run.checks);
      expect(ran.length).toBeGreaterThan(0);
      expect(ran.filter((id) => hiddenIds.includes(id))).toEqual([]);
      const [cached] = fs.readdirSync(path.join(cacheDir, 'reference'));
      const values = v8.deserialize(fs.readFileSync(path.join(cacheDir, 'reference', cached))) as Record<string, unknown>;
      const runtime = exercise.checks.filter((c) => c.kind === 'runtime').map((c) => c.id);
      expect(Object.keys(values).sort()).toEqual(runtime.filter((id) => !hiddenIds.includes(id)).sort());
    } finally {
      if (previous === undefined) delete process.env.AUTOGRADE_CACHE_DIR;
      else process.env.AUTOGRADE_CACHE_DIR = previous;
    }
  });
  it('says the same of a file checked again, from what the first check learnt of its source, and reads an edited file afresh', async () => {
    const folder = fs.mkdtempSync(path.join(temp, 'again-'));
    const cache = path.join(folder, '.cache');
    fs.copyFileSync(path.join(PROJECT_ROOT, FIXTURES, 'pass', 'type-error-still-runs', 'qkv-projection.ts'), path.join(folder, 'qkv-projection.ts'));
    const entries = (): string[] => (fs.existsSync(path.join(cache, 'compiled')) ? fs.readdirSync(path.join(cache, 'compiled')) : []);
    // The header's time is the only thing that may differ.
    const withoutTime = (text: string): string => text.replace(/^(.*) · [\d.]+ m?s$/m, '$1');
    const first = await check(['qkv-projection.ts'], { cwd: folder, env: { AUTOGRADE_CACHE_DIR: cache } });
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toMatch(/Type warnings \(your code still runs\)\n {2}qkv-projection\.ts:\d+:\d+ {2}Type '/);
    // The compile and the type check of the file (and the reference's compile, with no answers cached yet).
    const kept = entries();
    expect(kept.length).toBeGreaterThanOrEqual(2);
    const again = await check(['qkv-projection.ts'], { cwd: folder, env: { AUTOGRADE_CACHE_DIR: cache } });
    expect(again.exitCode).toBe(0);
    expect(withoutTime(again.stdout)).toBe(withoutTime(first.stdout));
    expect(entries()).toEqual(kept);
    fs.appendFileSync(path.join(folder, 'qkv-projection.ts'), '\nexport const broken: number = "edited";\n');
    const edited = await check(['qkv-projection.ts'], { cwd: folder, env: { AUTOGRADE_CACHE_DIR: cache } });
    expect(edited.stdout).toContain("Type 'string' is not assignable to type 'number'.");
    expect(entries()).toHaveLength(kept.length + 2);
  });
});
