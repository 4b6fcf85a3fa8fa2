/**
 * Started once per grader run, inside the same sandbox as the runners, to learn which adapter
 * WebGPU gives there: the backend is chosen and reported from this answer, without loading Dawn
 * (a native addon) into the grader's own process. Prints one line of JSON on stdout.
 */
import { loadDawn } from './webgpu.js';

const tfjsEntry = process.argv[2];

async function probe(): Promise<object> {
  try {
    const dawn = await loadDawn(tfjsEntry);
    const adapter = await dawn.requestAdapter();
    return adapter ? { adapter } : { error: dawn.noAdapterReason() };
  } catch (error) {
    return { error: `Dawn could not be loaded: ${error instanceof Error ? error.message : String(error)}` };
  }
}

const answer = await probe();
process.stdout.write(`${JSON.stringify(answer)}\n`, () => {
  // Dawn's instance keeps the event loop alive for as long as it exists.
  process.exit(0);
});
