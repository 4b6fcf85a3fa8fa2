import { describe, expect, it } from 'vitest';
import type { Compiler, GroupTypecheckOutcome, SourceToCompile, TypecheckOutcome } from '../../../grader/compile/compiler.js';
import { TypecheckAhead } from '../../../grader/pipeline/typecheck-ahead.js';

/** Answers each file with one warning naming it, and records how files were sent. */
function fakeCompiler(options: { isGroupFailing?: boolean } = {}) {
  const calls: string[][] = [];
  const diagnose = (file: SourceToCompile) => [{ file: file.displayPath, line: 1, column: 1, severity: 'warning' as const, message: file.source }];
  const compiler = {
    async typecheckGroup(files: SourceToCompile[]): Promise<GroupTypecheckOutcome> {
      calls.push(files.map((f) => f.displayPath));
      if (options.isGroupFailing) return { kind: 'timeout', limitMs: 10, durationMs: 10 };
      return { kind: 'checked', diagnostics: files.map(diagnose), durationMs: 160 };
    },
    async typecheck(file: SourceToCompile): Promise<TypecheckOutcome> {
      calls.push([file.displayPath]);
      return { kind: 'checked', diagnostics: diagnose(file), durationMs: 100 };
    },
  };
  return { compiler: compiler as unknown as Compiler, calls };
}

const file = (name: string, source = `source of ${name}`): SourceToCompile => ({ fileName: 'qkv-projection.ts', source, displayPath: name });

describe('TypecheckAhead', () => {
  it('checks planned files sixteen at a time and answers each with its own diagnostics', async () => {
    const { compiler, calls } = fakeCompiler();
    const ahead = new TypecheckAhead(compiler);
    const files = Array.from({ length: 20 }, (_, i) => file(`s${i}`));
    ahead.plan(files);
    const outcomes = await Promise.all(files.map((f) => ahead.check(f)));
    expect(calls.map((c) => c.length)).toEqual([16, 4]);
    outcomes.forEach((outcome, i) => expect(outcome).toMatchObject({ kind: 'checked', diagnostics: [{ file: `s${i}`, message: `source of s${i}` }] }));
    expect(outcomes[0].durationMs).toBe(10);
  });

  it('checks a file alone when it was not planned or changed since it was read', async () => {
    const { compiler, calls } = fakeCompiler();
    const ahead = new TypecheckAhead(compiler);
    ahead.plan([file('a'), file('b')]);
    const changed = await ahead.check(file('a', 'edited'));
    expect(changed).toMatchObject({ kind: 'checked', diagnostics: [{ message: 'edited' }] });
    await ahead.check(file('c'));
    expect(calls).toEqual([['a', 'b'], ['a'], ['c']]);
  });

  it('checks each file of a failed group alone, so that one bomb costs the others nothing', async () => {
    const { compiler, calls } = fakeCompiler({ isGroupFailing: true });
    const ahead = new TypecheckAhead(compiler);
    ahead.plan([file('a'), file('b')]);
    const outcomes = [await ahead.check(file('a')), await ahead.check(file('b'))];
    expect(outcomes.map((o) => o.kind)).toEqual(['checked', 'checked']);
    expect(calls).toEqual([['a', 'b'], ['a'], ['b']]);
  });
});
