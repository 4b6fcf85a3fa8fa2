/**
 * A loop that runs one step too many or too few: `i < n` → `i <= n` (and back), or the bound moved
 * one step in (`i < n - 1`, `i >= n + 1`).
 */
import { asOperand, shorten } from './syntax.js';
import type { Mutation, MutationOperator } from './types.js';

export const offByOne: MutationOperator = {
  title: 'loop one step too far or too short: < ↔ <=, or the bound moved by one',
  findMutations(context) {
    const { SyntaxKind, Node } = context.morph;
    const FLIPPED: Partial<Record<number, string>> = {
      [SyntaxKind.LessThanToken]: '<=',
      [SyntaxKind.LessThanEqualsToken]: '<',
      [SyntaxKind.GreaterThanToken]: '>=',
      [SyntaxKind.GreaterThanEqualsToken]: '>',
    };
    const loops = [
      ...context.solutionNodes(SyntaxKind.ForStatement),
      ...context.solutionNodes(SyntaxKind.WhileStatement),
      ...context.solutionNodes(SyntaxKind.DoStatement),
    ].sort((a, b) => a.getStart() - b.getStart());
    const mutations: Mutation[] = [];
    for (const loop of loops) {
      const condition = Node.isForStatement(loop) ? loop.getCondition() : loop.getExpression();
      if (!condition || !Node.isBinaryExpression(condition)) continue;
      const token = condition.getOperatorToken();
      const flipped = FLIPPED[token.getKind()];
      if (flipped === undefined) continue;
      const left = condition.getLeft().getText();
      const right = condition.getRight();
      const operator = token.getText();
      const before = shorten(condition.getText());
      mutations.push({ start: token.getStart(), end: token.getEnd(), replacement: flipped, description: `loop bound: ${before} → ${left} ${flipped} ${right.getText()}` });
      const isUpward = operator.startsWith('<');
      const moved = `${asOperand(context, right)} ${isUpward ? '- 1' : '+ 1'}`;
      mutations.push({ start: right.getStart(), end: right.getEnd(), replacement: moved, description: `loop bound: ${before} → ${left} ${operator} ${moved}` });
    }
    return mutations;
  },
};
