/**
 * Probes are typed against the student's module as the exercise's skeleton declares it: a probe
 * that calls it wrongly does not compile (`npm run typecheck` checks the `@ts-expect-error` lines
 * below). At run time a probe still meets whatever the submission exports.
 */
import { describe, expect, it } from 'vitest';
import { defineNoTensorsCheck, passed, type CheckDefinition } from '../../../grader/checks/index.js';
import { defineRuntimeCheck, type StudentModule } from '../../../solutions/qkv-projection/checks/student-module.js';

describe('typed probes', () => {
  it('type a probe\'s module from the skeleton', () => {
    const check = defineRuntimeCheck({
      id: 'module.typed',
      title: 't',
      uses: ['projectWithWeights'],
      input: { x: [[1]] },
      probe: ({ mod, tf, input }) => {
        const x = tf.tensor2d(input.x);
        // @ts-expect-error projectWithWeights takes x, wQ, wK and wV
        mod.projectWithWeights(x, x, x);
        // @ts-expect-error manualProjection takes a row and a matrix of plain numbers
        mod.manualProjection(input.x, input.x);
        // @ts-expect-error the skeleton exports cosineSimilarityMatrix, not this
        return mod.cosineSimilarity(x);
      },
      judge: () => passed(),
    });
    // Checks of any input and module go in one list.
    const checks: CheckDefinition[] = [check];
    expect(checks[0].kind).toBe('runtime');
  });

  it('let a no-tensors check call only a function the skeleton exports', () => {
    const check = defineNoTensorsCheck<StudentModule>({ id: 'manual.typed', title: 't', fn: 'manualProjection', calls: [], hint: '' });
    expect(check.uses).toEqual(['manualProjection']);
    // @ts-expect-error a misspelt export
    defineNoTensorsCheck<StudentModule>({ id: 'manual.typo', title: 't', fn: 'manualProjecton', calls: [], hint: '' });
    // @ts-expect-error a class is constructed, not called
    defineNoTensorsCheck<StudentModule>({ id: 'manual.class', title: 't', fn: 'QKVProjection', calls: [], hint: '' });
    // @ts-expect-error without the module, no name is one of its functions
    defineNoTensorsCheck({ id: 'manual.untyped', title: 't', fn: 'manualProjection', calls: [], hint: '' });
  });
});
