import { describe, expect, it } from 'vitest';
import { chooseNextStep, todoLabelOf, type NextStepHints } from '../../../grader/pipeline/next-step.js';
import { makeCheck, makeReport } from '../../support/make-report.js';

const USES: Record<string, string[]> = {
  'projection.shape': ['QKVProjection'],
  'projection.distinct': ['QKVProjection'],
  'similarity.shape': ['cosineSimilarityMatrix'],
  'similarity.diagonal': ['cosineSimilarityMatrix'],
};
const SKELETON_TODOS = new Map([
  ['QKVProjection', 'TODO 1'],
  ['cosineSimilarityMatrix', 'TODO 2'],
]);
const usesOf = (id: string): string[] => USES[id] ?? [];
const hints: NextStepHints = { usesOf, skeletonTodos: async () => SKELETON_TODOS };
const noSkeleton: NextStepHints = { usesOf, skeletonTodos: async () => new Map() };

/** Hints that count how often the skeleton is read: reading it costs a compile. */
function countingHints(): { hints: NextStepHints; reads: () => number } {
  let reads = 0;
  return {
    hints: {
      usesOf,
      skeletonTodos: async () => {
        reads += 1;
        return SKELETON_TODOS;
      },
    },
    reads: () => reads,
  };
}

describe('todoLabelOf', () => {
  it('finds the numbered TODO a message speaks of', () => {
    expect(todoLabelOf('TODO 1: create the three bias-free dense layers')).toBe('TODO 1');
    expect(todoLabelOf('manualProjection still throws its TODO error "TODO 4.3: compute x · w": implement it')).toBe('TODO 4.3');
    expect(todoLabelOf('see TODO 1a.')).toBe('TODO 1a');
  });

  it('takes no unnumbered TODO for a label', () => {
    expect(todoLabelOf('still throws its TODO error: implement it')).toBeNull();
    expect(todoLabelOf('TODO later')).toBeNull();
    expect(todoLabelOf('TODO 2x3')).toBeNull();
  });
});

describe('chooseNextStep', () => {
  it('puts a compile error before everything, at its line, counting the others', async () => {
    const checks = [makeCheck('projection.shape', { status: 'compile-error', message: 'Your file does not compile: …' })];
    const report = makeReport(checks, {
      status: 'compile-error',
      diagnostics: [
        { file: 'qkv-projection.ts', line: 12, column: 3, severity: 'warning', message: 'a type warning' },
        { file: 'qkv-projection.ts', line: 62, column: 45, severity: 'error', message: "')' expected." },
        { file: 'qkv-projection.ts', line: 70, column: 1, severity: 'error', message: 'Declaration or statement expected.' },
      ],
    });
    expect(await chooseNextStep(report, hints)).toEqual({ kind: 'compile-error', message: "')' expected.", location: { file: 'qkv-projection.ts', line: 62, column: 45 }, otherErrors: 1 });
  });

  it('names the TODO a not-implemented check quotes, and its function, without reading the skeleton', async () => {
    const stub = makeCheck('projection.shape', { status: 'not-implemented', message: 'QKVProjection still throws its TODO error "TODO 1: create the layers": implement it to earn these points.' });
    const counting = countingHints();
    const step = await chooseNextStep(makeReport([stub, makeCheck('similarity.shape', { status: 'not-implemented' })]), counting.hints);
    expect(step).toEqual({ kind: 'check', check: stub, todo: 'TODO 1', functions: ['QKVProjection'] });
    expect(counting.reads()).toBe(0);
  });

  it("takes the first check that did not pass, in order, and the skeleton's TODO for a wrong answer, reading the skeleton once", async () => {
    const wrong = makeCheck('similarity.diagonal', { status: 'failed', message: 'The diagonal should be 1.' });
    const report = makeReport([makeCheck('projection.shape'), makeCheck('similarity.shape'), wrong, makeCheck('similarity.other', { status: 'error', message: 'threw' })]);
    const counting = countingHints();
    expect(await chooseNextStep(report, counting.hints)).toEqual({ kind: 'check', check: wrong, todo: 'TODO 2', functions: ['cosineSimilarityMatrix'] });
    expect(counting.reads()).toBe(1);
    expect(await chooseNextStep(report, noSkeleton)).toMatchObject({ todo: null, functions: ['cosineSimilarityMatrix'] });
  });

  it('does not read the skeleton for a check that calls no function', async () => {
    const wrong = makeCheck('manual.hand', { status: 'failed', message: 'The query of "mat" should be [0.21, 0.04].' });
    const counting = countingHints();
    expect(await chooseNextStep(makeReport([wrong]), counting.hints)).toEqual({ kind: 'check', check: wrong, todo: null, functions: [] });
    expect(counting.reads()).toBe(0);
  });

  it('never picks a skipped check: the failure it waits on is the cause', async () => {
    const cause = makeCheck('projection.shape', { status: 'timeout', message: 'Did not finish.' });
    const report = makeReport([makeCheck('projection.distinct', { status: 'skipped', message: "It needs 'projection.shape' to pass first." }), cause]);
    expect(await chooseNextStep(report, hints)).toMatchObject({ kind: 'check', check: cause, todo: 'TODO 1' });
  });

  it("prefers the student's failure to the grader's, and names the grader's when it is the only one", async () => {
    const broken = makeCheck('projection.shape', { status: 'internal-error', message: 'The grader failed.' });
    const wrong = makeCheck('similarity.shape', { status: 'failed', message: 'Wrong shape.' });
    expect(await chooseNextStep(makeReport([broken, wrong]), hints)).toMatchObject({ kind: 'check', check: wrong });
    expect(await chooseNextStep(makeReport([broken, makeCheck('similarity.shape')], { status: 'internal-error' }), hints)).toEqual({ kind: 'grader-failed', check: broken });
  });

  it('has nothing to say when every check passed', async () => {
    expect(await chooseNextStep(makeReport([makeCheck('projection.shape')]), hints)).toEqual({ kind: 'none' });
  });
});
