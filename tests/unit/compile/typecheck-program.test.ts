import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSelfContained, SUBMISSION_COMPILER_OPTIONS, SUBMISSION_TSCONFIG_OPTIONS, TypecheckProgram } from '../../../grader/compile/typecheck-program.js';
import { ts } from '../../../grader/compile/typescript.js';
import { PROJECT_ROOT } from '../../../grader/paths.js';

const FIXTURES = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'qkv-projection');
const fixture = (name: string): string => fs.readFileSync(path.join(FIXTURES, name, 'qkv-projection.ts'), 'utf8');
const asFile = (source: string, displayPath: string) => ({ fileName: 'qkv-projection.ts', source, displayPath });

describe('TypecheckProgram.checkMany', () => {
  // Grouping is only an optimisation: each file's diagnostics must be what it gets alone.
  it('gives every file of a group the diagnostics it gets when checked alone', () => {
    const sources = {
      'type-error': fixture('pass/type-error-still-runs'),
      alternative: fixture('pass/alternative'),
      // The same top-level names in every file: each is a module of its own.
      clash: "export const n: number = 'text';\nexport function forward() { return 1; }\n",
      // No import or export: still a module, so its names do not meet the others'.
      script: 'const forward = 2;\nconst s: string = forward;\n',
    };
    const files = Object.entries(sources).map(([name, source]) => asFile(source, `${name}.ts`));
    const together = new TypecheckProgram(path.join(PROJECT_ROOT, '.autograde-typecheck')).checkMany(files);
    const alone = files.map((file) => new TypecheckProgram(path.join(PROJECT_ROOT, '.autograde-typecheck')).checkMany([file])[0]);
    expect(together).toEqual(alone);
    expect(together[0].map((d) => d.file)).toContain('type-error.ts');
    expect(together[0].length).toBeGreaterThan(0);
    expect(together[1]).toEqual([]);
    expect(together[2].map((d) => d.line)).toEqual([1]);
    expect(together[3].map((d) => d.line)).toEqual([2]);
  });

  it('keeps a file that changes the global types from changing its neighbours', () => {
    const widening = "declare global { interface Number { shout(): string } }\nexport const x = (1).shout();\n";
    const neighbour = 'export const y = (1).shout();\n';
    const [first, second] = new TypecheckProgram(path.join(PROJECT_ROOT, '.autograde-typecheck')).checkMany([asFile(widening, 'a.ts'), asFile(neighbour, 'b.ts')]);
    expect(first).toEqual([]);
    expect(second.map((d) => d.message).join()).toContain("Property 'shout' does not exist");
  });
});

describe('isSelfContained', () => {
  it('lets a file that imports only tfjs share a program', () => {
    expect(isSelfContained("import * as tf from '@tensorflow/tfjs';\nexport const t = tf.scalar(1);\n")).toBe(true);
  });

  it.each([
    ['a relative import', "import { x } from '../other/qkv-projection';\n"],
    ['an import type', "export type T = import('../other/qkv-projection').X;\n"],
    ['a triple-slash reference', '/// <reference path="../other/qkv-projection.ts" />\nexport {};\n'],
    ['a lib reference', '/// <reference lib="dom" />\nexport {};\n'],
    ['a global augmentation', 'declare global { var leaked: number }\nexport {};\n'],
    ['a module augmentation', "declare module '@tensorflow/tfjs' { const extra: number }\nexport {};\n"],
  ])('checks a file with %s alone', (_, source) => {
    expect(isSelfContained(source)).toBe(false);
  });
});

describe('TypecheckProgram file access', () => {
  // Nothing a submission names may reach the checker but tfjs: not the solution, not any other file.
  it('reads no file outside the tfjs typings, whatever the submission references', () => {
    const solution = path.join(PROJECT_ROOT, 'solutions', 'qkv-projection', 'qkv-projection.ts');
    const fromItsFolder = path.relative(path.join(PROJECT_ROOT, '.autograde-typecheck', '0'), solution).replace(/\.ts$/, '.js');
    const source = [
      `/// <reference path="${solution}" />`,
      `import type { W_Q } from '${fromItsFolder}';`,
      `export const a: string = null as unknown as typeof import('${solution.replace(/\.ts$/, '')}').W_Q;`,
      'export const b: string = null as unknown as typeof W_Q;',
      '',
    ].join('\n');
    const [diagnostics] = new TypecheckProgram(path.join(PROJECT_ROOT, '.autograde-typecheck')).checkMany([asFile(source, 'reaches-out.ts')]);
    const messages = diagnostics.map((d) => d.message).join('\n');
    // W_Q is number[][] in the solution: had it been read, the messages would say so.
    expect(messages).not.toContain('number[][]');
    expect(messages).toContain(`File '${solution}' not found`);
    expect(messages).toContain('Cannot find module');
  });
});

describe('SUBMISSION_COMPILER_OPTIONS', () => {
  it('are the tsconfig options the native checker reads, converted without a problem', () => {
    expect(ts.convertCompilerOptionsFromJson(SUBMISSION_TSCONFIG_OPTIONS, '/').errors).toEqual([]);
    expect(SUBMISSION_COMPILER_OPTIONS).toMatchObject({ strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, lib: ['lib.es2022.d.ts'], moduleDetection: ts.ModuleDetectionKind.Force });
  });
});
