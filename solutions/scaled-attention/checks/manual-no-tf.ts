import { defineStaticCheck, excerptOf, failed, findFunction, findTfUse, passed, tfBindings, type SourceExcerpt } from '../../../grader/checks/index.js';

/** What the source says of attentionByHand: not a function, or where it first reaches tfjs (null: nowhere). */
type HandAttentionSource = { isFunction: false } | { isFunction: true; tfUse: SourceExcerpt | null };

export default defineStaticCheck<HandAttentionSource>({
  id: 'manual.no-tf',
  title: 'attentionByHand uses plain loops, no tfjs',
  uses: ['attentionByHand'],
  find: ({ sourceFile, morph }) => {
    const fn = findFunction(morph, sourceFile, 'attentionByHand');
    if (!fn) return { isFunction: false };
    const use = findTfUse(morph, fn, tfBindings(sourceFile), sourceFile);
    return { isFunction: true, tfUse: use ? excerptOf(sourceFile, use, use.getParentOrThrow()) : null };
  },
  judge: (found) => {
    if (!found.isFunction) return failed('attentionByHand should be a function declared in this file.');
    if (!found.tfUse) return passed();
    const { code, line, column } = found.tfUse;
    return failed(
      `attentionByHand uses tfjs (\`${code}\` at line ${line}:${column}). ` +
        'This part is about seeing every step: compute the dot products, the softmax and the weighted sum with loops over plain arrays.',
    );
  },
});
