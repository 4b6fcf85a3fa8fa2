/**
 * A normalisation left out: a division dropped (`tf.div(a, b)` → `a`, `a / b` → `a`), or a call that
 * normalises or rescales replaced by its argument (`tf.norm(q, …)` → `q`, `Math.sqrt(d)` → `d`,
 * `tf.softmax(x)` → `x`).
 */
import { asOperand, callShape, shorten } from './syntax.js';
import type { Mutation, MutationOperator } from './types.js';

const DIVISIONS = new Set(['div', 'divNoNan']);
const NORMALISING = new Set(['norm', 'euclideanNorm', 'softmax', 'logSoftmax', 'sqrt', 'rsqrt', 'l2Normalize', 'batchNorm', 'localResponseNormalization']);

export const dropNormalisation: MutationOperator = {
  title: 'drop a normalisation: a division, or norm/softmax/sqrt → its argument',
  findMutations(context) {
    const { SyntaxKind } = context.morph;
    const mutations: Mutation[] = [];
    for (const call of context.solutionNodes(SyntaxKind.CallExpression)) {
      const shape = callShape(context, call);
      if (!shape || !(DIVISIONS.has(shape.name) || NORMALISING.has(shape.name))) continue;
      const kept = shape.form === 'method' ? shape.receiver : shape.operands[0];
      if (!kept) continue;
      const what = DIVISIONS.has(shape.name) ? 'the division' : shape.name;
      mutations.push({
        start: call.getStart(),
        end: call.getEnd(),
        replacement: asOperand(context, kept),
        description: `drop ${what}: ${shorten(call.getText(), 50)} → ${shorten(kept.getText(), 30)}`,
      });
    }
    for (const binary of context.solutionNodes(SyntaxKind.BinaryExpression)) {
      if (binary.getOperatorToken().getKind() !== SyntaxKind.SlashToken) continue;
      const left = binary.getLeft();
      mutations.push({
        start: binary.getStart(),
        end: binary.getEnd(),
        replacement: asOperand(context, left),
        description: `drop the division: ${shorten(binary.getText(), 50)} → ${shorten(left.getText(), 30)}`,
      });
    }
    return mutations.sort((a, b) => a.start - b.start);
  },
};
