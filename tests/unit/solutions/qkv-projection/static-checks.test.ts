/**
 * qkv-projection's static check on small sources: its finder reads the source in the compile
 * worker, its judge words the verdict in the grader, and the student reads the judge's message.
 */
import * as morph from 'ts-morph';
import { describe, expect, it } from 'vitest';
import manualNoTf from '../../../../solutions/qkv-projection/checks/manual-no-tf.js';

const project = new morph.Project({ useInMemoryFileSystem: true });
let files = 0;

function judge(body: string) {
  const source = `import * as tf from '@tensorflow/tfjs';\n${body}`;
  const findings = manualNoTf.find({ sourceFile: project.createSourceFile(`/case-${files++}.ts`, source), morph });
  // The findings cross a process boundary as JSON: they must survive it unchanged.
  expect(JSON.parse(JSON.stringify(findings))).toEqual(findings);
  return manualNoTf.judge(findings);
}

describe('manual.no-tf', () => {
  it('quotes the first use of tfjs, however deep in the helpers, with its line and column', () => {
    const body = 'const dot = (a: number[], b: number[]) => tf.dot(a, b).dataSync()[0];\nexport function manualProjection(x: number[], w: number[][]) { return w[0].map((_, j) => dot(x, w.map((row) => row[j]))); }';
    expect(judge(body)).toEqual({
      status: 'failed',
      message: 'manualProjection uses tfjs (`tf.dot` at line 2:43). This part is about seeing every multiply-add: compute the sums with for loops over plain arrays.',
    });
  });

  it('quotes at most 60 characters of the expression', () => {
    const call = `matMul(tf.tensor2d([x]), tf.tensor2d(w.map((row) => row.map((v) => v * 1))))`;
    const body = `import { matMul } from '@tensorflow/tfjs';\nexport const manualProjection = (x: number[], w: number[][]) => ${call}.arraySync();`;
    expect(judge(body).message).toContain(`(\`${call.slice(0, 60)}\` at line 3:65)`);
  });

  it('passes plain loops, and fails a file without the function', () => {
    expect(judge('export function manualProjection(x: number[], w: number[][]) { return w[0].map((_, j) => x.reduce((s, v, i) => s + v * w[i][j], 0)); }')).toEqual({ status: 'passed' });
    expect(judge('export const other = 1;')).toEqual({ status: 'failed', message: 'manualProjection should be a function declared in this file.' });
  });
});
