import { describe, expect, it } from 'vitest';
import { generateSkeleton } from '../../../grader/authoring/generate-skeleton.js';
import { findMarkedRegions, MarkerError } from '../../../grader/authoring/markers.js';
import { analyzeSource } from '../../../grader/compile/analyze.js';

const lines = (...text: string[]) => `${text.join('\n')}\n`;

/** The problems a MarkerError lists, as "line: message". */
function problemsOf(source: string): string[] {
  try {
    generateSkeleton(source, 'solutions/x/x.ts');
  } catch (error) {
    if (error instanceof MarkerError) return error.problems.map((p) => `${p.line}: ${p.message}. Fix: ${p.fix}`);
    throw error;
  }
  throw new Error('expected a MarkerError');
}

describe('generateSkeleton: the block form', () => {
  it('replaces the block with its TODO error, keeping the indentation and every other byte', () => {
    const source = lines(
      "import * as tf from '@tensorflow/tfjs';",
      '',
      '/** Doc comment students read. */',
      'export function scores(q: tf.Tensor2D, k: tf.Tensor2D): tf.Tensor2D {',
      '  const dK = q.shape[1]; // stays',
      '  // BEGIN SOLUTION TODO 3: compute the scores QKᵀ/√dK',
      '  const raw = tf.matMul(q, k, false, true);',
      '  return tf.div(raw, Math.sqrt(dK)) as tf.Tensor2D;',
      '  // END SOLUTION',
      '}',
    );
    expect(generateSkeleton(source, 'x.ts')).toBe(
      lines(
        "import * as tf from '@tensorflow/tfjs';",
        '',
        '/** Doc comment students read. */',
        'export function scores(q: tf.Tensor2D, k: tf.Tensor2D): tf.Tensor2D {',
        '  const dK = q.shape[1]; // stays',
        "  throw new Error('TODO 3: compute the scores QKᵀ/√dK');",
        '}',
      ),
    );
  });

  it('works in methods and constructors, at any depth of indentation, and the grader sees each stub', () => {
    const source = lines(
      'export class Layer {',
      '  size: number;',
      '  constructor(size: number) {',
      '    // BEGIN SOLUTION TODO 1: keep the size',
      '    this.size = size;',
      '    // END SOLUTION',
      '  }',
      '  forward(x: number): number {',
      '    // BEGIN SOLUTION TODO 2: scale x',
      '    return x * this.size;',
      '    // END SOLUTION',
      '  }',
      '}',
    );
    const skeleton = generateSkeleton(source, 'x.ts');
    expect(skeleton).toContain("  constructor(size: number) {\n    throw new Error('TODO 1: keep the size');\n  }");
    expect(skeleton).toContain("  forward(x: number): number {\n    throw new Error('TODO 2: scale x');\n  }");
    expect(analyzeSource(skeleton, 'x.ts').stubs).toEqual([{ name: 'Layer', todo: 'TODO 1: keep the size', line: 4, column: 5 }]);
  });

  it('throws the default TODO when the marker has no hint, and escapes quotes and backslashes', () => {
    const source = lines(
      'export function a(): number {',
      '  // BEGIN SOLUTION',
      '  return 1;',
      '  // END SOLUTION',
      '}',
      'export function b(): string {',
      "  // BEGIN SOLUTION TODO 2: return 'a\\b'",
      "  return 'a\\\\b';",
      '  // END SOLUTION',
      '}',
    );
    const skeleton = generateSkeleton(source, 'x.ts');
    expect(skeleton).toContain("throw new Error('TODO: implement this');");
    expect(skeleton).toContain("throw new Error('TODO 2: return \\'a\\\\b\\'');");
    expect(analyzeSource(skeleton, 'x.ts').stubs.map((s) => s.todo)).toEqual(['TODO: implement this', "TODO 2: return 'a\\b'"]);
  });

  it('keeps CRLF line endings', () => {
    const source = 'export function a(): number {\r\n  // BEGIN SOLUTION TODO 1: one\r\n  return 1;\r\n  // END SOLUTION\r\n}\r\n';
    expect(generateSkeleton(source, 'x.ts')).toBe("export function a(): number {\r\n  throw new Error('TODO 1: one');\r\n}\r\n");
  });

  it('treats a marker inside a string or a template as text', () => {
    const source = lines('export function a(): string {', '  // BEGIN SOLUTION TODO 1: text', '  return `', '  // END SOLUTION', '  `;', '  // END SOLUTION', '}');
    expect(generateSkeleton(source, 'x.ts')).toBe(lines('export function a(): string {', "  throw new Error('TODO 1: text');", '}'));
  });
});

describe('generateSkeleton: the one-line form', () => {
  it('replaces the statement before the marker, and only it', () => {
    const source = lines(
      'export function project(x: number[], w: number): number[] {',
      '  const scale = w * 2;',
      '  return x.map((v) => v * scale); // SOLUTION TODO 4: multiply each entry',
      '}',
    );
    expect(generateSkeleton(source, 'x.ts')).toBe(
      lines('export function project(x: number[], w: number): number[] {', '  const scale = w * 2;', "  throw new Error('TODO 4: multiply each entry');", '}'),
    );
  });

  it('replaces a statement that spans several lines, from its start', () => {
    const source = lines('export function pair(): number[] {', '  return [', '    1,', '    2,', '  ]; // SOLUTION TODO 5: the pair', '}');
    expect(generateSkeleton(source, 'x.ts')).toBe(lines('export function pair(): number[] {', "  throw new Error('TODO 5: the pair');", '}'));
  });
});

describe('generateSkeleton: hidden material', () => {
  it('removes a hidden block entirely, at the top level or in a body, and one of the blank lines around it', () => {
    const source = lines(
      "import * as tf from '@tensorflow/tfjs';",
      '',
      '// BEGIN HIDDEN',
      '/** Only the reference uses this. */',
      'function helper(x: number): number {',
      '  return x + 1;',
      '}',
      '// END HIDDEN',
      '',
      'export function a(x: number): number {',
      '  // BEGIN HIDDEN',
      '  void tf;',
      '  // END HIDDEN',
      '  // BEGIN SOLUTION TODO 1: add one',
      '  return helper(x);',
      '  // END SOLUTION',
      '}',
    );
    expect(generateSkeleton(source, 'x.ts')).toBe(
      lines("import * as tf from '@tensorflow/tfjs';", '', 'export function a(x: number): number {', "  throw new Error('TODO 1: add one');", '}'),
    );
  });

  it('may hold comments only, such as a note for the instructor', () => {
    const source = lines('/** Header. */', '// BEGIN HIDDEN', '// The reference solution.', '// END HIDDEN', 'export function a(): number {', '  return 1; // SOLUTION', '}');
    expect(generateSkeleton(source, 'x.ts')).toBe(lines('/** Header. */', 'export function a(): number {', "  throw new Error('TODO: implement this');", '}'));
  });
});

describe('markers that cannot be used', () => {
  const fn = (...body: string[]) => lines('export function a(): number {', ...body, '  return 0;', '}');

  it('refuses an END without a BEGIN, and a BEGIN never closed', () => {
    expect(problemsOf(fn('  // END SOLUTION'))).toEqual([
      '2: // END SOLUTION has no // BEGIN SOLUTION before it. Fix: add // BEGIN SOLUTION before the first statement of the block, or remove this marker',
    ]);
    expect(problemsOf(fn('  // BEGIN SOLUTION TODO 1: x'))).toEqual(['2: // BEGIN SOLUTION is never closed. Fix: add // END SOLUTION on its own line after the block\'s last statement']);
  });

  it('refuses nested and crossed markers', () => {
    expect(problemsOf(fn('  // BEGIN SOLUTION TODO 1: x', '  // BEGIN HIDDEN', '  // END HIDDEN', '  // END SOLUTION'))[0]).toBe(
      '3: // BEGIN HIDDEN opens inside the // BEGIN SOLUTION block of line 2. Fix: markers do not nest: close that block with // END SOLUTION first',
    );
    expect(problemsOf(fn('  // BEGIN HIDDEN', '  // END SOLUTION'))).toEqual(['3: // END SOLUTION closes the // BEGIN HIDDEN of line 2. Fix: close it with // END HIDDEN']);
    expect(problemsOf(fn('  // BEGIN SOLUTION TODO 1: x', '  return 1; // SOLUTION TODO 2: y', '  // END SOLUTION'))[0]).toMatch(/^3: \/\/ SOLUTION is inside the \/\/ BEGIN SOLUTION block of line 2/);
  });

  it('refuses a block whose END is in another block, or a marker inside a statement', () => {
    const crossed = lines('export function a(x: number): number {', '  // BEGIN SOLUTION TODO 1: x', '  if (x > 0) {', '    // END SOLUTION', '    return 1;', '  }', '  return 0;', '}');
    expect(problemsOf(crossed)).toEqual([
      '4: // END SOLUTION is not in the same block as the // BEGIN SOLUTION of line 2. Fix: put both markers in the same function body (or both at the same level), around whole statements',
    ]);
    const inside = lines('export function a(): number[] {', '  return [', '    // BEGIN SOLUTION TODO 1: x', '    1,', '    // END SOLUTION', '  ];', '}');
    expect(problemsOf(inside)[0]).toBe('3: // BEGIN SOLUTION is inside the statement that starts at line 2, not between statements. Fix: markers go around whole statements: move it before or after that statement');
  });

  it('refuses SOLUTION outside a function body, and says to use HIDDEN there', () => {
    expect(problemsOf(lines('// BEGIN SOLUTION TODO 1: x', 'export const a = 1;', '// END SOLUTION'))[0]).toMatch(/^1: \/\/ BEGIN SOLUTION is at the top level of the file, not directly in a function.*use \/\/ BEGIN HIDDEN/);
    expect(problemsOf(fn('  if (Math.random()) {', '    // BEGIN SOLUTION TODO 1: x', '    return 1;', '    // END SOLUTION', '  }'))[0]).toMatch(/^3: \/\/ BEGIN SOLUTION is in a nested block/);
  });

  it('refuses a one-line marker with no statement before it, and a block marker after code', () => {
    expect(problemsOf(fn('  // SOLUTION TODO 1: x'))[0]).toMatch(/^2: \/\/ SOLUTION must follow a whole statement on the same line/);
    expect(problemsOf(fn('  const b = 1; // BEGIN SOLUTION TODO 1: x', '  // END SOLUTION'))[0]).toBe('2: // BEGIN SOLUTION must be alone on its line. Fix: move the code before it to a line of its own');
  });

  it('refuses a hint that does not start with TODO, and near-misses of the markers', () => {
    expect(problemsOf(fn('  // BEGIN SOLUTION compute it', '  // END SOLUTION'))[0]).toMatch(/^2: the hint "compute it" does not start with TODO.*Fix: write it as \/\/ BEGIN SOLUTION TODO <n>: compute it/);
    expect(problemsOf(fn('  // begin solution', '  // END SOLUTION'))[0]).toMatch(/^2: `\/\/ begin solution` looks like a marker but is not one/);
    expect(problemsOf(fn('  /* BEGIN SOLUTION */'))[0]).toMatch(/^2: `\/\* BEGIN SOLUTION \*\/` looks like a marker/);
  });

  it('reports every problem at once, with the file, and refuses a solution without any SOLUTION marker', () => {
    const error = (() => {
      try {
        generateSkeleton(fn('  // END SOLUTION', '  // END HIDDEN'), 'solutions/x/x.ts');
      } catch (caught) {
        return caught as MarkerError;
      }
      throw new Error('expected a MarkerError');
    })();
    expect(error.code).toBe('EXERCISE_INVALID');
    expect(error.message).toMatch(/^The solution's markers are invalid \(2 problems\):\n {2}solutions\/x\/x\.ts:2 {2}\/\/ END SOLUTION has no/);
    expect(problemsOf(lines('export function a(): number {', '  return 1;', '}'))[0]).toMatch(/^1: the solution has no \/\/ BEGIN SOLUTION or \/\/ SOLUTION marker/);
  });
});

describe('findMarkedRegions', () => {
  it('says which function each region is in, and where the code students write lies', () => {
    const source = lines('export class M {', '  run(): number {', '    // BEGIN SOLUTION TODO 1: x', '    return 1;', '    // END SOLUTION', '  }', '}', 'export const f = (): number => {', '  return 2; // SOLUTION TODO 2: y', '};');
    const regions = findMarkedRegions(source, 'x.ts');
    expect(regions.map((r) => (r.kind === 'solution' ? [r.form, r.functionName, r.line, source.slice(r.codeStart, r.codeEnd)] : null))).toEqual([
      ['block', 'M.run', 3, '    return 1;\n'],
      ['line', 'f', 9, 'return 2;'],
    ]);
  });
});
