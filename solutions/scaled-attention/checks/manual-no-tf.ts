import { defineStaticCheck, failed, findFunction, findTfUse, passed, tfBindings } from '../../../grader/checks/index.js';

export default defineStaticCheck({
  id: 'manual.no-tf',
  title: 'attentionByHand uses plain loops, no tfjs',
  uses: ['attentionByHand'],
  judge: ({ sourceFile, morph }) => {
    const fn = findFunction(morph, sourceFile, 'attentionByHand');
    if (!fn) return failed('attentionByHand should be a function declared in this file.');
    const use = findTfUse(morph, fn, tfBindings(sourceFile), sourceFile);
    if (!use) return passed();
    const { line, column } = sourceFile.getLineAndColumnAtPos(use.getStart());
    return failed(
      `attentionByHand uses tfjs (\`${use.getParentOrThrow().getText().slice(0, 60)}\` at line ${line}:${column}). ` +
        'This part is about seeing every step: compute the dot products, the softmax and the weighted sum with loops over plain arrays.',
    );
  },
});
