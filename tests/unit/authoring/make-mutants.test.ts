import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMutationProject, makeMutants, pickEvenly } from '../../../grader/authoring/make-mutants.js';
import { OPERATOR_NAMES } from '../../../grader/authoring/mutants/index.js';
import { PROJECT_ROOT } from '../../../grader/paths.js';
import { snippet } from '../../support/mutate-snippet.js';

const project = createMutationProject();
const filePath = path.join(PROJECT_ROOT, 'tests', 'unit', 'authoring', 'solution.ts');

const SOLUTION = snippet(
  'export function scale(x: tf.Tensor, factor: number): tf.Tensor {',
  '  const unused = factor * 10;',
  '  // BEGIN SOLUTION TODO 1: scale x',
  '  return tf.div(tf.mul(x, factor), 2);',
  '  // END SOLUTION',
  '}',
);

describe('makeMutants', () => {
  it('mutates only the code students write, names each mutant, and gives its line and diff', () => {
    const plan = makeMutants(SOLUTION, { filePath, displayPath: 'solution.ts', project });
    expect(plan.operators.map((o) => o.operator)).toEqual(OPERATOR_NAMES);
    expect(plan.mutants.length).toBeGreaterThan(0);
    for (const mutant of plan.mutants) {
      expect(mutant.id).toMatch(new RegExp(`^${mutant.operator}@scale:[0-9a-f]{6}$`));
      expect(mutant.line).toBe(5);
      // `factor * 10` lies outside the SOLUTION block: never mutated.
      expect(mutant.source).toContain('const unused = factor * 10;');
      expect(mutant.diff).toMatch(/^--- solution\.ts\n\+\+\+ solution\.ts \(mutant\)\n@@ -3,5 \+3,5 @@\n/);
    }
    expect(plan.mutants.map((m) => m.description)).toContain('swap the operands: tf.div(tf.mul(x, factor), 2) → tf.div(2, tf.mul(x, factor))');
    expect(new Set(plan.mutants.map((m) => m.id)).size).toBe(plan.mutants.length);
  });

  it('keeps ids when the rest of the file moves, so that an acknowledgement still names its mutant', () => {
    const before = makeMutants(SOLUTION, { filePath, displayPath: 'solution.ts', project });
    const moved = SOLUTION.replace("import * as tf from '@tensorflow/tfjs';\n", "import * as tf from '@tensorflow/tfjs';\n\n/** A new doc comment. */\n");
    const after = makeMutants(moved, { filePath, displayPath: 'solution.ts', project });
    expect(after.mutants.map((m) => m.id)).toEqual(before.mutants.map((m) => m.id));
    expect(after.mutants.map((m) => m.line)).toEqual(before.mutants.map((m) => m.line + 2));
  });

  it('counts a mutant two operators make once, for the first operator of the registry', () => {
    // Dropping the sqrt and returning x instead of tf.sqrt(x) are the same file.
    const source = snippet('export function f(x: tf.Tensor): tf.Tensor {', '  return tf.sqrt(x); // SOLUTION TODO 1: x', '}');
    const plan = makeMutants(source, { filePath, displayPath: 'f.ts', project });
    const found = Object.fromEntries(plan.operators.map((o) => [o.operator, o.found]));
    expect([found['drop-normalisation'], found['return-other-output']]).toEqual([1, 0]);
  });

  it('grades at most the cap of each operator, spread evenly', () => {
    const source = snippet('export function f(): number[] {', '  return [0, 1, 2, 3, 4]; // SOLUTION TODO 1: x', '}');
    const plan = makeMutants(source, { filePath, displayPath: 'f.ts', project, maxPerOperator: 2 });
    const constants = plan.operators.find((o) => o.operator === 'change-constant')!;
    expect([constants.found, constants.kept]).toEqual([5, 2]);
    expect(plan.mutants.filter((m) => m.operator === 'change-constant').map((m) => m.description)).toEqual([
      'change a constant: 0 → 1 in return [0, 1, 2, 3, 4];',
      'change a constant: 2 → 3 in return [0, 1, 2, 3, 4];',
    ]);
    expect(plan.foundIds.size).toBe(plan.operators.reduce((sum, o) => sum + o.found, 0));
    expect(pickEvenly([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([1, 3, 5]);
    expect(pickEvenly([1, 2], 3)).toEqual([1, 2]);
  });
});
