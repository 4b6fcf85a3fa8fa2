/**
 * The baseline the grader is measured against: node calling the same functions with the same
 * inputs in its own process. No compile step (the module is compiled beforehand), no sandbox, no
 * judging. Prints its own phase times as JSON; the caller measures the wall time.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { installTensorCounts } from '../../grader/runtime/tensor-counts.js';

interface BarePlan {
  code: string;
  backend: 'cpu' | 'wasm';
  probes: Array<{ source: string; input: unknown }>;
}

const startedAt = performance.now();
const plan = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as BarePlan;
const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs') as typeof import('@tensorflow/tfjs');
if (plan.backend === 'wasm') require('@tensorflow/tfjs-backend-wasm');
await tf.setBackend(plan.backend);
await tf.ready();
// The probes ask how many tensors were made: the runner's hooks answer, here as in the sandbox.
const counts = installTensorCounts(tf.engine(), tf.backend());
const tfjsLoadMs = performance.now() - startedAt;

const module = { exports: {} as Record<string, unknown> };
new Function('exports', 'require', 'module', plan.code)(module.exports, () => tf, module);

const checksStartedAt = performance.now();
for (const { source, input } of plan.probes) {
  const probe = new Function(`return (${source});`)() as (api: unknown) => unknown;
  const value = await probe({ mod: module.exports, tf, input, counts });
  // Read results back as the grader does, so that lazy backends do the same work.
  JSON.stringify(value, (_key, v: unknown) => (v instanceof tf.Tensor ? Array.from(v.dataSync()) : v));
}
process.stdout.write(`${JSON.stringify({ tfjsLoadMs, checksMs: performance.now() - checksStartedAt })}\n`);
