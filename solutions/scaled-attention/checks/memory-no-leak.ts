import { failed, passed, randomMatrix, seededRandom } from '../../../grader/checks/index.js';
import { defineRuntimeCheck } from './student-module.js';

const random = seededRandom(67);
const input = { q: randomMatrix(random, 4, 3), k: randomMatrix(random, 4, 3), v: randomMatrix(random, 4, 2) };

export default defineRuntimeCheck({
  id: 'memory.no-leak',
  title: 'No function leaves tensors behind: tf.memory().numTensors grows only by what is returned',
  uses: ['attentionScores', 'softmaxRows', 'causalMask', 'scaledDotProductAttention'],
  input,
  // Counted by the runner (counts), not by tf.memory(), which the submission could replace.
  probe: ({ mod, tf, input, counts }) => {
    const q = tf.tensor2d(input.q);
    const k = tf.tensor2d(input.k);
    const v = tf.tensor2d(input.v);
    const calls: Record<string, () => unknown> = {
      attentionScores: () => mod.attentionScores(q, k),
      softmaxRows: () => mod.softmaxRows(q),
      causalMask: () => mod.causalMask(input.q.length),
      scaledDotProductAttention: () => mod.scaledDotProductAttention(q, k, v, { causal: false }),
      'scaledDotProductAttention with causal: true': () => mod.scaledDotProductAttention(q, k, v, { causal: true }),
    };
    const left: Record<string, number> = {};
    for (const [name, call] of Object.entries(calls)) {
      // The first call may set things up once; the second shows what every call leaves.
      tf.dispose(call() as never);
      const before = counts.liveTensors();
      tf.dispose(call() as never);
      left[name] = counts.liveTensors() - before;
    }
    return left;
  },
  judge: ({ actual, expected }) => {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return failed('Could not count the tensors left behind.');
    const counts = Object.entries(actual).filter((entry): entry is [string, number] => typeof entry[1] === 'number' && Number.isFinite(entry[1]));
    // Every call the probe makes must have been counted: an answer that leaves one out proves nothing.
    const expectedNames = expected !== null && typeof expected === 'object' && !Array.isArray(expected) ? Object.keys(expected) : [];
    const uncounted = expectedNames.find((name) => !counts.some(([counted]) => counted === name));
    if (uncounted !== undefined) return failed(`Could not count the tensors ${uncounted} leaves behind.`);
    const leaks = counts.filter(([, count]) => count > 0);
    if (leaks.length > 0) {
      return failed(
        `${leaks.map(([name, count]) => `${name} leaves ${count} tensor${count === 1 ? '' : 's'} behind`).join('; ')} on every call, once what it returned is disposed. ` +
          'Wrap the work in tf.tidy(() => ...), which frees every tensor made inside it except the ones returned (an object { output, weights } included).',
      );
    }
    const freed = counts.find(([, count]) => count < 0);
    if (freed) return failed(`${freed[0]} disposes ${-freed[1]} tensor(s) it did not create: never dispose the inputs, the caller still owns them.`);
    return passed();
  },
});
