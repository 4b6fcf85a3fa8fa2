/**
 * The builder of TypeScript's code cache (typescript-code-cache-hook.ts), a process of its own that
 * the grader starts with the compile worker's V8 flags: it loads ts-morph, transpiles and parses
 * the samples below as the compile worker would a submission, so that the functions doing so are
 * compiled too, and writes the cache of every file into the folder it is given. It reads no
 * student's source.
 *
 * Usage: node build-typescript-code-cache.js <folder>
 */
import { useTypeScriptCodeCache, writeCodeCache } from './typescript-code-cache-hook.js';

/** What submissions look like: tfjs imported, typed exports, classes, closures, a TODO left, and a syntax error. */
const SAMPLES = [
  `import * as tf from '@tensorflow/tfjs';

export interface Shape { rows: number; cols: number }

export function project(x: tf.Tensor2D, w: number[][], bias?: number[]): tf.Tensor2D {
  return tf.tidy(() => {
    const weights = tf.tensor2d(w);
    const out = tf.matMul(x, weights);
    return (bias ? tf.add(out, tf.tensor1d(bias)) : out) as tf.Tensor2D;
  });
}

export class Layer {
  private readonly weights: number[][] = [];
  constructor(public size: number, seed = 1) {
    for (let i = 0; i < size; i++) this.weights.push(Array.from({ length: size }, (_, j) => ((i * 31 + j * seed) % 7) / 7));
  }
  apply(rows: number[][]): number[][] {
    return rows.map((row) => this.weights.map((column) => column.reduce((sum, w, k) => sum + w * (row[k] ?? 0), 0)));
  }
}

export const similarity = (a: number[], b: number[]): number => {
  const dot = a.reduce((s, v, i) => s + v * b[i], 0);
  return dot / (Math.hypot(...a) * Math.hypot(...b) || 1);
};

export async function train(steps: number): Promise<{ losses: number[] }> {
  const losses: number[] = [];
  for (const step of [...Array(steps).keys()]) losses.push(1 / (step + 1));
  return { losses: losses.filter((loss) => loss > 0) };
}

export function todo(): never {
  throw new Error('TODO 1: implement this');
}
`,
  `export function broken(x: number {
  return x +;
}
`,
];

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: build-typescript-code-cache.js <folder>\n');
  process.exit(2);
}
useTypeScriptCodeCache(dir, 'produce');
const { transpileSubmission } = await import('./transpile.js');
const { analyzeSource, releaseAnalysis } = await import('./analyze.js');
for (const sample of SAMPLES) {
  transpileSubmission(sample, 'sample.ts', 'sample.ts');
  releaseAnalysis(analyzeSource(sample, 'sample.ts'));
}
const missing = writeCodeCache(dir);
if (missing.length > 0) {
  process.stderr.write(`these files did not load through the code cache: ${missing.join(', ')}\n`);
  process.exit(1);
}
