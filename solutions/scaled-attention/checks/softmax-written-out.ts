import { defineStaticCheck, excerptOf, failed, passed, type SourceExcerpt } from '../../../grader/checks/index.js';
import { findReadyMadeSoftmax } from './source-analysis.js';

const READY_MADE = new Set(['softmax', 'logSoftmax']);

/** Where the file first takes tfjs's own softmax; null when it never does. */
type ReadyMadeSoftmax = SourceExcerpt | null;

export default defineStaticCheck<ReadyMadeSoftmax>({
  id: 'softmax.written-out',
  title: 'The softmax is written out: no tf.softmax or tf.logSoftmax anywhere in the file',
  uses: ['softmaxRows'],
  find: ({ sourceFile, morph }) => {
    const use = findReadyMadeSoftmax(morph, sourceFile, READY_MADE);
    return use ? excerptOf(sourceFile, use) : null;
  },
  judge: (use) => {
    if (!use) return passed();
    return failed(
      `The file uses tfjs's own softmax (\`${use.code}\` at line ${use.line}:${use.column}). ` +
        'This part is about writing it: subtract the row maximum, take exp, divide by the row sum, with tf.max, tf.sub, tf.exp, tf.sum and tf.div.',
    );
  },
});
