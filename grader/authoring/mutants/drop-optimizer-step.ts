/**
 * Training that never learns: the call that applies the gradients is gone. A statement that only
 * steps (`optimizer.applyGradients(grads);`) is removed; a `minimize` whose loss is used still
 * computes that loss (inside tf.tidy, as minimize would) but updates nothing, which is the mistake
 * that reports believable losses while the weights stay where they started.
 */
import { shorten } from './syntax.js';
import type { Mutation, MutationOperator } from './types.js';

const STEPS = new Set(['minimize', 'applyGradients']);

export const dropOptimizerStep: MutationOperator = {
  title: 'drop the optimizer step (minimize / applyGradients)',
  findMutations(context) {
    const { SyntaxKind, Node } = context.morph;
    const source = context.sourceFile.getFullText();
    const mutations: Mutation[] = [];
    for (const call of context.solutionNodes(SyntaxKind.CallExpression)) {
      const callee = call.getExpression();
      if (!Node.isPropertyAccessExpression(callee) || !STEPS.has(callee.getName())) continue;
      const parent = call.getParent();
      if (Node.isExpressionStatement(parent)) {
        // The whole line goes when the statement is alone on it.
        const lineStart = source.lastIndexOf('\n', parent.getStart() - 1) + 1;
        const newline = source.indexOf('\n', parent.getEnd());
        const lineEnd = newline === -1 ? source.length : newline + 1;
        const isAlone = source.slice(lineStart, parent.getStart()).trim() === '' && source.slice(parent.getEnd(), lineEnd).trim() === '';
        mutations.push({
          start: isAlone ? lineStart : parent.getStart(),
          end: isAlone ? lineEnd : parent.getEnd(),
          replacement: '',
          description: `drop the optimizer step: remove ${shorten(parent.getText(), 50)}`,
        });
        continue;
      }
      const [lossFunction] = call.getArguments();
      if (callee.getName() !== 'minimize' || !lossFunction) continue;
      const evaluate = context.tfNamespace ? `${context.tfNamespace}.tidy(${lossFunction.getText()})` : `(${lossFunction.getText()})()`;
      mutations.push({
        start: call.getStart(),
        end: call.getEnd(),
        replacement: evaluate,
        description: `drop the optimizer step: compute the loss but never call ${shorten(callee.getText())}`,
      });
    }
    return mutations;
  },
};
