/**
 * A bias where there should be none: a layer created with `useBias: true`, or a constant added to a
 * returned tensor (`tf.add(output, 1)`), which is what a stray bias does to an output.
 */
import { returnedExpressions, shorten, unwrap } from './syntax.js';
import type { Mutation, MutationOperator } from './types.js';

export const addBias: MutationOperator = {
  title: 'add a bias: useBias: false → true, or + 1 on a returned tensor',
  findMutations(context) {
    const { SyntaxKind, Node } = context.morph;
    const mutations: Mutation[] = [];
    for (const property of context.solutionNodes(SyntaxKind.PropertyAssignment)) {
      const value = property.getInitializer();
      if (property.getName() === 'useBias' && value?.getKind() === SyntaxKind.FalseKeyword) {
        const statement = property.getFirstAncestor((node) => Node.isStatement(node)) ?? property;
        mutations.push({ start: value.getStart(), end: value.getEnd(), replacement: 'true', description: `give the layer a bias: useBias: false → true in ${shorten(statement.getText(), 60)}` });
      }
    }
    const tf = context.tfNamespace;
    if (tf !== null) {
      for (const returned of returnedExpressions(context)) {
        const inner = unwrap(context, returned);
        const elements = Node.isArrayLiteralExpression(inner) ? inner.getElements() : [returned];
        for (const element of elements) {
          if (Node.isSpreadElement(element) || !context.isTensor(element)) continue;
          const core = unwrap(context, element);
          // `return tf.tidy(() => out)`: the bias goes on `out`, inside, not twice.
          if (Node.isCallExpression(core) && core.getExpression().getText() === `${tf}.tidy`) continue;
          mutations.push({
            start: element.getStart(),
            end: element.getEnd(),
            replacement: `${tf}.add(${element.getText()}, 1)`,
            description: `add 1 to a returned tensor: ${shorten(element.getText(), 50)}`,
          });
        }
      }
    }
    return mutations.sort((a, b) => a.start - b.start);
  },
};
