import { describe, expect, it } from 'vitest';
import { chooseNextStep, todoLabelOf, type NextStepHints } from '../../../grader/reporters/next-step.js';
import { makeCheck, makeReport } from '../../support/make-report.js';

const USES: Record<string, string[]> = {
  'projection.shape': ['QKVProjection'],
  'projection.distinct': ['QKVProjection'],
  'similarity.shape': ['cosineSimilarityMatrix'],
  'similarity.diagonal': ['cosineSimilarityMatrix'],
};
const SKELETON_TODOS: Record<string, string> = { QKVProjection: 'TODO 1', cosineSimilarityMatrix: 'TODO 2' };
const hints: NextStepHints = { usesOf: (id) => USES[id] ?? [], todoOf: (name) => SKELETON_TODOS[name] };
const noSkeleton: NextStepHints = { usesOf: hints.usesOf, todoOf: () => undefined };

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
  it('puts a compile error before everything, at its line, counting the others', () => {
    const checks = [makeCheck('projection.shape', { status: 'compile-error', message: 'Your file does not compile: …' })];
    const report = makeReport(checks, {
      status: 'compile-error',
      diagnostics: [
        { file: 'qkv-projection.ts', line: 12, column: 3, severity: 'warning', message: 'a type warning' },
        { file: 'qkv-projection.ts', line: 62, column: 45, severity: 'error', message: "')' expected." },
        { file: 'qkv-projection.ts', line: 70, column: 1, severity: 'error', message: 'Declaration or statement expected.' },
      ],
    });
    expect(chooseNextStep(report, hints)).toEqual({ kind: 'compile-error', message: "')' expected.", location: { file: 'qkv-projection.ts', line: 62, column: 45 }, otherErrors: 1 });
  });

  it('names the TODO a not-implemented check quotes, and its function', () => {
    const stub = makeCheck('projection.shape', { status: 'not-implemented', message: 'QKVProjection still throws its TODO error "TODO 1: create the layers": implement it to earn these points.' });
    const step = chooseNextStep(makeReport([stub, makeCheck('similarity.shape', { status: 'not-implemented' })]), noSkeleton);
    expect(step).toEqual({ kind: 'check', check: stub, todo: 'TODO 1', functions: ['QKVProjection'] });
  });

  it("takes the first check that did not pass, in order, and the skeleton's TODO for a wrong answer", () => {
    const wrong = makeCheck('similarity.diagonal', { status: 'failed', message: 'The diagonal should be 1.' });
    const report = makeReport([makeCheck('projection.shape'), makeCheck('similarity.shape'), wrong, makeCheck('similarity.other', { status: 'error', message: 'threw' })]);
    expect(chooseNextStep(report, hints)).toEqual({ kind: 'check', check: wrong, todo: 'TODO 2', functions: ['cosineSimilarityMatrix'] });
    expect(chooseNextStep(report, noSkeleton)).toMatchObject({ todo: null, functions: ['cosineSimilarityMatrix'] });
  });

  it('never picks a skipped check: the failure it waits on is the cause', () => {
    const cause = makeCheck('projection.shape', { status: 'timeout', message: 'Did not finish.' });
    const report = makeReport([makeCheck('projection.distinct', { status: 'skipped', message: "It needs 'projection.shape' to pass first." }), cause]);
    expect(chooseNextStep(report, hints)).toMatchObject({ kind: 'check', check: cause, todo: 'TODO 1' });
  });

  it("prefers the student's failure to the grader's, and names the grader's when it is the only one", () => {
    const broken = makeCheck('projection.shape', { status: 'internal-error', message: 'The grader failed.' });
    const wrong = makeCheck('similarity.shape', { status: 'failed', message: 'Wrong shape.' });
    expect(chooseNextStep(makeReport([broken, wrong]), hints)).toMatchObject({ kind: 'check', check: wrong });
    expect(chooseNextStep(makeReport([broken, makeCheck('similarity.shape')], { status: 'internal-error' }), hints)).toEqual({ kind: 'grader-failed', check: broken });
  });

  it('has nothing to say when every check passed', () => {
    expect(chooseNextStep(makeReport([makeCheck('projection.shape')]), hints)).toEqual({ kind: 'none' });
  });
});
