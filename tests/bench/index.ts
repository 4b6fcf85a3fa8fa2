/** `npm run bench [-- <name>] [--runs N] [--backend cpu,wasm] [--size N] [--jobs N]`: the benchmarks, by name. */
import { parseArgs } from 'node:util';
import { runGradeBench } from './grade-bench.js';
import { runLayersBench } from './layers-bench.js';
import { runBatchBench } from './batch-bench.js';
import { runTypecheckBench } from './typecheck-bench.js';

const BENCHES = {
  grade: (runs: number, backends: Array<'cpu' | 'wasm'>) => runGradeBench({ runs, backends }),
  layers: (runs: number, backends: Array<'cpu' | 'wasm'>) => runLayersBench({ runs, backends }),
  batch: (_runs: number, backends: Array<'cpu' | 'wasm'>) => runBatchBench({ size: Number(values.size), backend: backends[0], jobs: Number(values.jobs) }),
  typecheck: (runs: number) => runTypecheckBench({ runs, size: Number(values.size) }),
} as const;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '5' }, backend: { type: 'string', default: 'cpu,wasm' }, size: { type: 'string', default: '200' }, jobs: { type: 'string', default: '2' } },
});
const name = (positionals[0] ?? 'grade') as keyof typeof BENCHES;
if (!(name in BENCHES)) {
  console.error(`Unknown benchmark '${name}'; known: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
const backends = values.backend.split(',').map((b) => b.trim()) as Array<'cpu' | 'wasm'>;
await BENCHES[name](Number(values.runs), backends);
