/**
 * Operands in the wrong order: `tf.matMul(wQ, x)` for `tf.matMul(x, wQ)`, `b.matMul(a)` for
 * `a.matMul(b)`, the transpose flags of a matMul the wrong way round, a loss given its labels and
 * predictions swapped. Only calls whose operands do not commute: swapping those of `tf.add` would
 * make an equivalent mutant, which proves nothing.
 */
import { asOperand, callShape, shorten, swapNodes, textAfter } from './syntax.js';
import type { Mutation, MutationOperator } from './types.js';

const NON_COMMUTATIVE = new Set([
  'matMul', 'dot', 'outerProduct', 'div', 'divNoNan', 'sub', 'pow', 'floorDiv', 'mod', 'atan2',
  'sigmoidCrossEntropy', 'softmaxCrossEntropy', 'logLoss', 'hingeLoss', 'huberLoss', 'cosineDistance',
]);

/** Calls whose two arguments after the operands say which operand is transposed. */
const TRANSPOSE_FLAGS = new Set(['matMul']);

export const swapOperands: MutationOperator = {
  title: 'swap the operands of a call that does not commute (matMul, div, a loss…)',
  findMutations(context) {
    const mutations: Mutation[] = [];
    for (const call of context.solutionNodes(context.morph.SyntaxKind.CallExpression)) {
      const shape = callShape(context, call);
      if (!shape || !NON_COMMUTATIVE.has(shape.name)) continue;
      const before = shorten(call.getText());
      const operands = shape.form === 'method' ? [shape.receiver, ...shape.operands] : shape.operands;
      if (operands.length >= 2 && operands[0].getText() !== operands[1].getText()) {
        if (shape.form === 'function') {
          const mutation = swapNodes(operands[0], operands[1], '');
          mutations.push({ ...mutation, description: `swap the operands: ${before} → ${shorten(textAfter(call, mutation))}` });
        } else {
          // `a.f(b, …)` → `(b).f(a, …)`: the receiver and the first argument change places.
          const [receiver, first] = operands;
          const source = call.getSourceFile().getFullText();
          const replacement = `${asOperand(context, first)}${source.slice(receiver.getEnd(), first.getStart())}${receiver.getText()}`;
          const mutation = { start: receiver.getStart(), end: first.getEnd(), replacement, description: '' };
          mutations.push({ ...mutation, description: `swap the operands: ${before} → ${shorten(textAfter(call, mutation))}` });
        }
      }
      const flags = operands.slice(2, 4);
      if (TRANSPOSE_FLAGS.has(shape.name) && flags.length === 2 && flags[0].getText() !== flags[1].getText()) {
        const mutation = swapNodes(flags[0], flags[1], '');
        mutations.push({ ...mutation, description: `transpose the other operand: ${before} → ${shorten(textAfter(call, mutation))}` });
      }
    }
    return mutations;
  },
};
