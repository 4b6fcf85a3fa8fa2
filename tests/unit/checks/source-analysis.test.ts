/** Finding tfjs in a function of a submission, as the "no tfjs" static checks of both exercises do. */
import * as morph from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { findFunction, findTfUse } from '../../../grader/checks/source-analysis.js';
import { tfBindings } from '../../../grader/checks/tf-bindings.js';

const project = new morph.Project({ useInMemoryFileSystem: true });
let files = 0;

function parse(body: string): morph.SourceFile {
  return project.createSourceFile(`/case-${files++}.ts`, `import * as tf from '@tensorflow/tfjs';\n${body}`);
}

/** The text of the first tfjs name `name` reaches, or null when it reaches none. */
function tfUseIn(body: string, name = 'byHand'): string | null {
  const sourceFile = parse(body);
  const fn = findFunction(morph, sourceFile, name);
  if (!fn) throw new Error(`no function ${name}`);
  return findTfUse(morph, fn, tfBindings(sourceFile), sourceFile)?.getParentOrThrow().getText() ?? null;
}

describe('findFunction', () => {
  it('finds a declaration, an arrow function and a function expression, and nothing else by that name', () => {
    const sourceFile = parse('function a() {}\nconst b = () => 1;\nconst c = function () {};\nconst d = 3;');
    expect(['a', 'b', 'c', 'd', 'e'].map((name) => findFunction(morph, sourceFile, name)?.getKindName() ?? null)).toEqual([
      'FunctionDeclaration',
      'ArrowFunction',
      'FunctionExpression',
      null,
      null,
    ]);
  });
});

describe('findTfUse', () => {
  it('finds tfjs used directly', () => {
    expect(tfUseIn('export function byHand(x: number[]) { return tf.tensor(x); }')).toBe('tf.tensor');
  });

  it('finds tfjs behind helpers of the file, however deep', () => {
    const body = [
      'const dot = (a: number[], b: number[]) => tf.dot(a, b).dataSync()[0];',
      'function sum(a: number[]) { return dot(a, a); }',
      'export function byHand(x: number[]) { return sum(x); }',
    ].join('\n');
    expect(tfUseIn(body)).toBe('tf.dot');
  });

  it('ends on helpers that call each other, and passes plain loops', () => {
    const body = [
      'function even(n: number): boolean { return n === 0 ? true : odd(n - 1); }',
      'function odd(n: number): boolean { return n === 0 ? false : even(n - 1); }',
      'export function byHand(x: number[]) { let s = 0; for (const v of x) s += even(v) ? v : 0; return s; }',
    ].join('\n');
    expect(tfUseIn(body)).toBeNull();
  });

  it('finds a named import of tfjs', () => {
    const body = "import { matMul } from '@tensorflow/tfjs';\nexport const byHand = (x: number[][]) => matMul(x, x);";
    expect(tfUseIn(body)).toBe('matMul(x, x)');
  });
});
