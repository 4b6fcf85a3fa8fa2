/**
 * The native type checker (TypeScript 7) against the JS one it replaces (TypeScript 6, ts-morph's):
 * the same diagnostics for every submission the repository holds, the same refusal to read
 * anything but the typings, and a type-level bomb stopped at its limit with no checker left behind.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Compiler, type GroupTypecheckOutcome, type SourceToCompile, type TypecheckOutcome } from '../../../grader/compile/compiler.js';
import { chooseTypechecker } from '../../../grader/compile/typechecker.js';
import { EXERCISES_DIR, PROJECT_ROOT, SOLUTIONS_DIR } from '../../../grader/paths.js';
import { listTree } from '../../../grader/sandbox/process-tree.js';
import { isMissing, NATIVE_TYPECHECKER } from '../../support/requirements.js';

const FIXTURES = path.join(PROJECT_ROOT, 'tests', 'fixtures');

interface Submission extends SourceToCompile {
  /** A type-level bomb: its expected.yaml says the type check refuses it. */
  isBomb: boolean;
}

function readSubmission(file: string, isBomb = false): Submission {
  return { fileName: path.basename(file), source: fs.readFileSync(file, 'utf8'), displayPath: path.relative(PROJECT_ROOT, file), isBomb };
}

/** Every fixture under tests/fixtures/<exercise>/{pass,fail,hostile}/<case>/, and each exercise's skeleton and solution. */
function allSubmissions(): Submission[] {
  const submissions: Submission[] = [];
  for (const exercise of fs.readdirSync(EXERCISES_DIR)) {
    submissions.push(readSubmission(path.join(EXERCISES_DIR, exercise, `${exercise}.ts`)));
    submissions.push(readSubmission(path.join(SOLUTIONS_DIR, exercise, `${exercise}.ts`)));
    for (const kind of ['pass', 'fail', 'hostile']) {
      const kindDir = path.join(FIXTURES, exercise, kind);
      if (!fs.existsSync(kindDir)) continue;
      for (const name of fs.readdirSync(kindDir).sort()) {
        const dir = path.join(kindDir, name);
        const expected = parse(fs.readFileSync(path.join(dir, 'expected.yaml'), 'utf8')) as { messages?: Record<string, string> };
        const isBomb = Object.values(expected.messages ?? {}).some((message) => message.includes('simplify the types'));
        for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) submissions.push(readSubmission(path.join(dir, file), isBomb));
      }
    }
  }
  return submissions;
}

/** The JS checker cannot read a file nested past its parser's stack; the native one can. */
const isJsStackOverflow = (outcome: TypecheckOutcome): boolean => outcome.kind === 'failed' && /Maximum call stack size exceeded/.test(outcome.message);

/** What two checks of one file must agree on: the outcome and its diagnostics, not how long it took. */
function comparable(outcome: TypecheckOutcome | GroupTypecheckOutcome): unknown {
  const { durationMs: _durationMs, ...rest } = outcome;
  return rest;
}

describe.skipIf(isMissing(NATIVE_TYPECHECKER))('the native type checker (needs typescript-native for this platform)', () => {
  const js = new Compiler(60_000, 30_000, { kind: 'js' });
  const native = new Compiler(60_000, 30_000, chooseTypechecker('auto'));
  afterAll(() => {
    js.close();
    native.close();
  });

  const submissions = allSubmissions();
  const honest = submissions.filter((s) => !s.isBomb);

  it('gives every fixture, skeleton and solution the diagnostics the JS checker gives', async () => {
    expect(native.typechecker.kind).toBe('native');
    expect(honest.length).toBeGreaterThanOrEqual(80);
    const differences: string[] = [];
    let compared = 0;
    for (const submission of honest) {
      const [fromJs, fromNative] = [await js.typecheck(submission), await native.typecheck(submission)];
      if (isJsStackOverflow(fromJs)) {
        expect(fromNative.kind, submission.displayPath).toBe('checked');
        continue;
      }
      compared++;
      if (JSON.stringify(comparable(fromJs)) !== JSON.stringify(comparable(fromNative))) differences.push(`${submission.displayPath}:\n  js:     ${JSON.stringify(comparable(fromJs))}\n  native: ${JSON.stringify(comparable(fromNative))}`);
    }
    expect(differences).toEqual([]);
    expect(compared).toBeGreaterThanOrEqual(80);
  });

  it('gives each file of a group what it gets alone, group after group', async () => {
    // Groups of sixteen, as TypecheckAhead sends them: the checker's process carries over from one to the next.
    for (let start = 0; start < honest.length; start += 16) {
      const group = honest.slice(start, start + 16);
      const outcome = await native.typecheckGroup(group);
      expect(outcome.kind).toBe('checked');
      if (outcome.kind !== 'checked') continue;
      for (const [k, submission] of group.entries()) {
        const alone = await native.typecheck(submission);
        expect(alone.kind, submission.displayPath).toBe('checked');
        if (alone.kind === 'checked') expect(outcome.diagnostics[k], submission.displayPath).toEqual(alone.diagnostics);
      }
    }
  });

  it('reads nothing a submission names outside the tfjs typings, as the JS checker does not', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autograde-canary-'));
    const canary = path.join(dir, 'canary.ts');
    fs.writeFileSync(canary, "export const CANARY = 'leaked-5f3a' as const;\ndeclare global { const GLOBAL_CANARY: 'leaked-5f3a'; }\n");
    const solution = path.join(SOLUTIONS_DIR, 'qkv-projection', 'qkv-projection.ts');
    // From the folder the checkers put a submission in (.autograde-typecheck/0/), a relative path to
    // the solution, spelt as an ES module imports it (with '.js', which resolves to the '.ts').
    const relativeSolution = path.relative(path.join(PROJECT_ROOT, '.autograde-typecheck', '0'), solution).replace(/\.ts$/, '.js');
    const source = [
      `/// <reference path="${canary}" />`,
      `import type { CANARY } from '${canary.replace(/\.ts$/, '.js')}';`,
      `import type { W_Q } from '${relativeSolution}';`,
      'export const fromGlobal: number = GLOBAL_CANARY;',
      `export const fromImportType: number = null as unknown as typeof import('${canary.replace(/\.ts$/, '.js')}').CANARY;`,
      'export const fromImport: number = null as unknown as typeof CANARY;',
      'export const fromSolution: string = null as unknown as typeof W_Q;',
      '',
    ].join('\n');
    const file = { fileName: 'qkv-projection.ts', source, displayPath: 'reaches-out.ts' };
    const [fromJs, fromNative] = [await js.typecheck(file), await native.typecheck(file)];
    fs.rmSync(dir, { recursive: true, force: true });
    expect(comparable(fromNative)).toEqual(comparable(fromJs));
    expect(fromNative.kind).toBe('checked');
    const messages = fromNative.kind === 'checked' ? fromNative.diagnostics.map((d) => d.message) : [];
    // Had either file been read, its literal types would be in the messages: 'leaked-5f3a', number[][].
    expect(messages.join('\n')).not.toMatch(/leaked|number\[\]\[\]/);
    expect(messages.some((m) => m.includes(`File '${canary}' not found`))).toBe(true);
    expect(messages.filter((m) => m.startsWith('Cannot find module')).length).toBe(3);
  });

  it('stops a type-level bomb at its limit, as a timeout or out of memory, and leaves no checker running', async () => {
    const bombs = submissions.filter((s) => s.isBomb);
    expect(bombs.length).toBeGreaterThan(0);
    const executable = native.typechecker.kind === 'native' ? fs.realpathSync(native.typechecker.executable) : '';
    /** Processes of the native binary among this test's descendants. */
    const runningCheckers = (): number[] =>
      listTree(process.pid).filter((pid) => {
        try {
          return fs.readlinkSync(`/proc/${pid}/exe`) === executable;
        } catch {
          return false;
        }
      });
    // The other tests' checker stays: only the bomber's are looked for.
    const others = new Set(runningCheckers());
    const bomber = new Compiler(8_000, 30_000, native.typechecker);
    const checkers = new Set<number>();
    const watch = setInterval(() => runningCheckers().filter((pid) => !others.has(pid)).forEach((pid) => checkers.add(pid)), 50);
    try {
      for (const bomb of bombs) {
        const startedAt = performance.now();
        const outcome = await bomber.typecheck(bomb);
        expect(['timeout', 'out-of-memory'], bomb.displayPath).toContain(outcome.kind);
        // The rubric's limit, and the time it takes to notice and kill.
        expect(performance.now() - startedAt).toBeLessThan(8_000 + 2_000);
      }
    } finally {
      clearInterval(watch);
      bomber.close();
    }
    expect(checkers.size).toBeGreaterThan(0);
    // Killed, and reaped by whoever inherited them: give that a moment.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const alive = [...checkers].filter((pid) => {
      try {
        return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    });
    expect(alive).toEqual([]);
  });
});
