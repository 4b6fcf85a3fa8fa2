/**
 * The scaled-attention exercise's static checks on small sources: every way of taking tfjs's own
 * softmax that the check knows, and names that only look like one.
 */
import * as morph from 'ts-morph';
import { describe, expect, it } from 'vitest';
import type { StaticCheck } from '../../../../grader/checks/index.js';
import manualNoTf from '../../../../solutions/scaled-attention/checks/manual-no-tf.js';
import softmaxWrittenOut from '../../../../solutions/scaled-attention/checks/softmax-written-out.js';

const project = new morph.Project({ useInMemoryFileSystem: true });
let files = 0;

/** The check's verdict: its finder on the source, then its judge on what the finder reported. */
function statusOf(check: StaticCheck, body: string): string {
  const source = `import * as tf from '@tensorflow/tfjs';\n${body}`;
  return check.judge(check.find({ sourceFile: project.createSourceFile(`/case-${files++}.ts`, source), morph })).status;
}

describe('softmax.written-out', () => {
  it.each([
    ['tf.softmax', 'export function softmaxRows(x: tf.Tensor) { return tf.softmax(x); }'],
    ['tf.logSoftmax', 'export function softmaxRows(x: tf.Tensor) { return tf.exp(tf.logSoftmax(x)); }'],
    ['a named import', "import { softmax } from '@tensorflow/tfjs';\nexport function softmaxRows(x: tf.Tensor) { return softmax(x); }"],
    ['destructuring', 'const { softmax: s } = tf;\nexport function softmaxRows(x: tf.Tensor) { return s(x); }'],
    ['an element access', "export function softmaxRows(x: tf.Tensor) { return (tf as any)['softmax'](x); }"],
    ['an alias of tf', 'const t: any = tf;\nexport function softmaxRows(x: tf.Tensor) { return t.softmax(x); }'],
    ['the softmax layer', 'const layers = tf.layers;\nexport function softmaxRows(x: tf.Tensor) { return layers.softmax().apply(x); }'],
    ['a softmax activation', "export function softmaxRows(x: tf.Tensor) { return tf.layers.activation({ activation: 'softmax' }).apply(x); }"],
  ])('refuses %s', (_, body) => {
    expect(statusOf(softmaxWrittenOut, body)).toBe('failed');
  });

  it('passes a softmax of its own, even one named softmax', () => {
    expect(statusOf(softmaxWrittenOut, 'const softmax = (x: tf.Tensor) => tf.div(tf.exp(x), tf.sum(tf.exp(x), -1, true));\nexport function softmaxRows(x: tf.Tensor) { return softmax(x); }')).toBe('passed');
    expect(statusOf(softmaxWrittenOut, 'const helpers = { softmax: 1 };\nconst { softmax } = helpers;\nexport function softmaxRows(x: tf.Tensor) { return tf.exp(x); }')).toBe('passed');
  });
});

describe('manual.no-tf', () => {
  it('finds tfjs in attentionByHand, also through a helper of the file', () => {
    expect(statusOf(manualNoTf, 'const dot = (a: number[], b: number[]) => tf.dot(a, b).dataSync()[0];\nexport function attentionByHand(q: number[]) { return dot(q, q); }')).toBe('failed');
    expect(statusOf(manualNoTf, 'export const attentionByHand = (q: number[]) => q.map((x) => x * 2);')).toBe('passed');
  });
});
