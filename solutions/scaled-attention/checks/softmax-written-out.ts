import { defineStaticCheck, failed, passed } from '../../../grader/checks/index.js';
import { findReadyMadeSoftmax } from './source-analysis.js';

const READY_MADE = new Set(['softmax', 'logSoftmax']);

export default defineStaticCheck({
  id: 'softmax.written-out',
  title: 'The softmax is written out: no tf.softmax or tf.logSoftmax anywhere in the file',
  uses: ['softmaxRows'],
  judge: ({ sourceFile, morph }) => {
    const use = findReadyMadeSoftmax(morph, sourceFile, READY_MADE);
    if (!use) return passed();
    const { line, column } = sourceFile.getLineAndColumnAtPos(use.getStart());
    return failed(
      `The file uses tfjs's own softmax (\`${use.getText().slice(0, 60)}\` at line ${line}:${column}). ` +
        'This part is about writing it: subtract the row maximum, take exp, divide by the row sum, with tf.max, tf.sub, tf.exp, tf.sum and tf.div.',
    );
  },
});
