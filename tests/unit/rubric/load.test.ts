import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RubricError } from '../../../grader/errors.js';
import { loadRubric } from '../../../grader/rubric/load.js';
import { toleranceFor } from '../../../grader/rubric/schema.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rubric-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const CHECKS = ['part.one', 'part.two'];
const VALID = `exercise: demo
defaults:
  visibility: visible
  tolerance: { atol: 1.0e-5, rtol: 1.0e-4 }
  timeLimitMs: 1000
limits: { importTimeMs: 1000, typecheckMs: 1000, memoryMb: 256, outputBytes: 10000 }
checks:
  part.one: { points: 2 }
  part.two: { points: 1, requires: [part.one], visibility: hidden, timeLimitMs: 50 }
`;

function write(text: string): string {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.yaml`);
  fs.writeFileSync(file, text);
  return file;
}

function problemsOf(text: string, checks = CHECKS): RubricError['problems'] {
  try {
    loadRubric(write(text), checks);
  } catch (error) {
    if (error instanceof RubricError) return error.problems;
    throw error;
  }
  throw new Error('expected the rubric to be rejected');
}

describe('loadRubric', () => {
  it('applies defaults and keeps the rubric order', () => {
    const rubric = loadRubric(write(VALID), CHECKS);
    expect([...rubric.checks.keys()]).toEqual(['part.one', 'part.two']);
    expect(rubric.checks.get('part.one')).toEqual({ points: 2, visibility: 'visible', requires: [], tolerance: { atol: 1e-5, rtol: 1e-4 }, backendTolerance: {}, timeLimitMs: 1000 });
    expect(rubric.checks.get('part.two')).toMatchObject({ visibility: 'hidden', requires: ['part.one'], timeLimitMs: 50 });
  });

  it("scales every check's tolerance on a backend that sets toleranceScale, unless the check overrides it", () => {
    const text = VALID.replace('limits:', 'backends:\n  webgpu: { toleranceScale: 10 }\nlimits:').replace(
      'part.two: { points: 1,',
      'part.two: { points: 1, tolerance: { atol: 1.0e-6, rtol: 0 }, backendTolerance: { webgpu: { atol: 5.0e-5, rtol: 0 }, wasm: { atol: 2.0e-6, rtol: 0 } },',
    );
    const rubric = loadRubric(write(text), CHECKS);
    const one = rubric.checks.get('part.one')!;
    const two = rubric.checks.get('part.two')!;
    expect(toleranceFor(one, 'cpu')).toEqual({ atol: 1e-5, rtol: 1e-4 });
    expect(toleranceFor(one, 'webgpu').atol).toBeCloseTo(1e-4, 12);
    expect(toleranceFor(one, 'webgpu').rtol).toBeCloseTo(1e-3, 12);
    expect(toleranceFor(two, 'webgpu')).toEqual({ atol: 5e-5, rtol: 0 });
    expect(toleranceFor(two, 'wasm')).toEqual({ atol: 2e-6, rtol: 0 });
    expect(toleranceFor(two, 'tensorflow')).toEqual({ atol: 1e-6, rtol: 0 });
  });

  it("scales by a backend's own default where the rubric gives that backend no tolerance", () => {
    const text = VALID.replace('limits:', 'backends:\n  webgpu: { toleranceScale: 10 }\nlimits:');
    const one = loadRubric(write(text), CHECKS).checks.get('part.one')!;
    expect(toleranceFor(one, 'wasm', 3).atol).toBeCloseTo(3e-5, 12);
    expect(toleranceFor(one, 'wasm', 3).rtol).toBeCloseTo(3e-4, 12);
    // The rubric's scale replaces the default, it does not multiply it.
    expect(toleranceFor(one, 'webgpu', 3).atol).toBeCloseTo(1e-4, 12);
  });

  it('refuses a backend it does not know, and a scale below 1', () => {
    const problems = problemsOf(VALID.replace('limits:', 'backends:\n  metal: { toleranceScale: 10 }\n  webgpu: { toleranceScale: 0.5 }\nlimits:'));
    expect(problems.map((p) => p.field).sort()).toEqual(['backends', 'backends.webgpu.toleranceScale']);
    expect(problems.find((p) => p.field === 'backends')!.message).toContain('metal');
  });

  it('names the line, the field, the bad value and the fix for a wrong type', () => {
    const [problem] = problemsOf(VALID.replace('part.one: { points: 2 }', 'part.one: { points: two }'));
    expect(problem).toMatchObject({ line: 8, field: 'checks.part.one.points' });
    expect(problem.message).toContain('"two"');
    expect(problem.fix).toContain('number');
  });

  it('reports every problem at once, including unknown fields and bad enums', () => {
    const problems = problemsOf(VALID.replace('visibility: hidden', 'visibility: secret').replace('  timeLimitMs: 1000\n', '  timeLimitMs: 1000\n  colour: blue\n'));
    expect(problems.map((p) => p.field).sort()).toEqual(['checks.part.two.visibility', 'defaults']);
    const unknown = problems.find((p) => p.field === 'defaults')!;
    expect(unknown.message).toContain('colour');
    const bad = problems.find((p) => p.field === 'checks.part.two.visibility')!;
    expect(bad.fix).toContain('"visible"');
  });

  it('refuses checks the exercise does not define, and defined checks left out', () => {
    const problems = problemsOf(VALID.replace('part.two:', 'part.three:'));
    expect(problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([expect.stringContaining("check 'part.two' has no entry"), expect.stringContaining("'part.three' is not a check")]),
    );
  });

  it('refuses prerequisites that do not exist or come later', () => {
    const unknown = problemsOf(VALID.replace('requires: [part.one]', 'requires: [part.zero]'));
    expect(unknown[0]).toMatchObject({ field: 'checks.part.two.requires.0' });
    const later = problemsOf(VALID.replace('part.one: { points: 2 }', 'part.one: { points: 2, requires: [part.two] }'));
    expect(later[0].message).toContain('listed after');
  });

  it('points at the YAML syntax error', () => {
    const [problem] = problemsOf(VALID.replace('checks:', 'checks: [oops'));
    expect(problem.line).toBeGreaterThan(0);
    expect(problem.message).toContain('not valid YAML');
  });

  it('formats problems as one readable error message', () => {
    try {
      loadRubric(write(VALID.replace('points: 2', 'points: -1')), CHECKS);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toMatch(/rubric is invalid \(1 problem\):\n.*\.yaml:8:\d+ {2}checks\.part\.one\.points: .*Fix: use a value of at least 0\./);
    }
  });
});
