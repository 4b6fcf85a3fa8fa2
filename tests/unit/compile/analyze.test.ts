import { describe, expect, it } from 'vitest';
import { analyzeSource } from '../../../grader/compile/analyze.js';
import { transpileSubmission } from '../../../grader/compile/transpile.js';

describe('analyzeSource', () => {
  it('refuses imports other than tfjs, with the line and the fix', () => {
    const source = "import * as tf from '@tensorflow/tfjs';\nimport fs from 'fs';\nconst cp = require('child_process');\n";
    const { refusedImports } = analyzeSource(source, 'sub/qkv-projection.ts');
    expect(refusedImports.map((d) => [d.line, d.column])).toEqual([[2, 1], [3, 12]]);
    expect(refusedImports[0].message).toContain("not 'fs'");
    expect(refusedImports[1].message).toContain("not 'child_process'");
  });

  it('finds exports whose own body still throws the TODO error', () => {
    const source = [
      'export function done() { return 1; }',
      "export function stub() { throw new Error('TODO 2: do it'); }",
      "export function branch(x: number) { if (x) { throw new Error('TODO later'); } return 1; }",
      "export class Half { constructor() {} forward() { throw new Error('TODO 1: forward'); } }",
      "export const arrow = () => { throw new Error('TODO 3'); };",
    ].join('\n');
    expect([...analyzeSource(source, 'x.ts').stubbedExports].sort()).toEqual(['Half', 'arrow', 'stub']);
  });

  it("says where each stub throws its first TODO, and what it says", () => {
    const source = [
      'export class Module {',
      '  constructor() {',
      "    throw new Error('TODO 1: create the layers');",
      '  }',
      "  forward() { throw new Error('TODO 1: apply them'); }",
      '}',
      "export function later() { const a = 1; throw new Error('TODO 4.3: loops'); }",
    ].join('\n');
    expect(analyzeSource(source, 'x.ts').stubs).toEqual([
      { name: 'Module', todo: 'TODO 1: create the layers', line: 3, column: 5 },
      { name: 'later', todo: 'TODO 4.3: loops', line: 7, column: 40 },
    ]);
  });
});

describe('transpileSubmission', () => {
  it('reports syntax errors at file:line:col and nothing for type errors', () => {
    const broken = transpileSubmission('export function f( {\n  return 1;\n}\n', 'x.ts', 'sub/x.ts');
    expect(broken.syntaxErrors.length).toBeGreaterThan(0);
    expect(broken.syntaxErrors[0]).toMatchObject({ file: 'sub/x.ts', severity: 'error' });
    const typed = transpileSubmission("export const n: number = 'text';\n", 'x.ts', 'sub/x.ts');
    expect(typed.syntaxErrors).toEqual([]);
    expect(typed.code).toContain('exports.n');
  });
});
