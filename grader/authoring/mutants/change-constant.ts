/**
 * A wrong number: each numeric literal changed once, the way a slip changes it. 0 becomes 1 and any
 * other whole number n becomes n + 1 (an index, an axis, a count one off); a tiny constant becomes 0
 * (the epsilon that keeps a division finite, forgotten); any other fraction is ten times too big (a
 * learning rate, a scale).
 */
import { shorten } from './syntax.js';
import type { Mutation, MutationOperator } from './types.js';

export function mutatedConstant(value: number): number {
  if (value === 0) return 1;
  if (Number.isInteger(value)) return value + 1;
  if (Math.abs(value) < 1e-3) return 0;
  return value * 10;
}

export const changeConstant: MutationOperator = {
  title: 'change a numeric constant: 0 → 1, n → n + 1, an epsilon → 0, a fraction × 10',
  findMutations(context) {
    const { SyntaxKind, Node } = context.morph;
    const mutations: Mutation[] = [];
    for (const literal of context.solutionNodes(SyntaxKind.NumericLiteral)) {
      // Parsed from the text: ts-morph's getLiteralValue reads `1e-8` as 1.
      const value = Number(literal.getText().replace(/_/g, ''));
      if (!Number.isFinite(value)) continue;
      const replacement = String(mutatedConstant(value));
      const statement = literal.getFirstAncestor((node) => Node.isStatement(node) && !Node.isBlock(node)) ?? literal;
      // A loop's header says more than its whole body would.
      const context_ = Node.isForStatement(statement) ? statement.getText().split('{')[0] : statement.getText();
      mutations.push({
        start: literal.getStart(),
        end: literal.getEnd(),
        replacement,
        description: `change a constant: ${literal.getText()} → ${replacement} in ${shorten(context_, 60)}`,
      });
    }
    return mutations;
  },
};
