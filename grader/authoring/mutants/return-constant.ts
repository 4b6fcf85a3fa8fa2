/**
 * A result that ignores the input: what a function returns replaced by a constant of the same shape
 * and type. A returned tensor becomes ones of its shape (`tf.onesLike`, inside tf.tidy so that the
 * tensors made to get that shape are freed and a leak check does not catch it for the wrong reason),
 * a returned number 1, an array of numbers ones of its length. The elements of a returned array and
 * the fields of a returned object are each replaced on their own, since a student may compute one
 * output and write down another. A check that only tests properties a constant can have (a shape,
 * a unit diagonal, rows that sum to a number) lets these through.
 */
import type * as Morph from 'ts-morph';
import { returnedExpressions, shorten, unwrap } from './syntax.js';
import type { Mutation, MutationContext, MutationOperator } from './types.js';

/** The constant of the node's shape and type, and its words, or null when this operator writes none. */
function constantFor(context: MutationContext, node: Morph.Node): { text: string; words: string } | null {
  const { Node } = context.morph;
  const inner = unwrap(context, node);
  const text = node.getText();
  if (context.isTensor(node)) {
    // Ones of a tensor of ones are the same ones: nothing new.
    if (Node.isCallExpression(inner) && /\bonesLike$/.test(inner.getExpression().getText())) return null;
    const tf = context.tfNamespace;
    return tf ? { text: `${tf}.tidy(() => ${tf}.onesLike(${text}))`, words: 'ones of its shape' } : null;
  }
  switch (context.typeTextOf(node)) {
    case 'number':
      return Node.isNumericLiteral(inner) ? null : { text: '1', words: '1' };
    case 'number[]':
      return { text: `(${text}).map(() => 1)`, words: 'ones of its length' };
    case 'number[][]':
      return { text: `(${text}).map((row) => row.map(() => 1))`, words: 'ones of its shape' };
    default:
      return null;
  }
}

/** The expression a returned array's element or object's field holds, with the text to replace. */
function partsOf(context: MutationContext, returned: Morph.Node): Array<{ node: Morph.Node; value: Morph.Node; name: string }> {
  const { Node } = context.morph;
  const inner = unwrap(context, returned);
  if (Node.isArrayLiteralExpression(inner)) {
    return inner.getElements().map((element, index) => ({ node: element, value: element, name: `returned value ${index + 1}` }));
  }
  if (Node.isObjectLiteralExpression(inner)) {
    return inner.getProperties().flatMap((property): Array<{ node: Morph.Node; value: Morph.Node; name: string }> => {
      if (Node.isPropertyAssignment(property)) return [{ node: property.getInitializerOrThrow(), value: property.getInitializerOrThrow(), name: `returned field ${property.getName()}` }];
      if (Node.isShorthandPropertyAssignment(property)) return [{ node: property, value: property.getNameNode(), name: `returned field ${property.getName()}` }];
      return [];
    });
  }
  return [];
}

export const returnConstant: MutationOperator = {
  title: 'return a constant of the right shape: a returned tensor → ones of its shape, a number → 1, an array of numbers → ones',
  findMutations(context) {
    const { Node } = context.morph;
    const mutations: Mutation[] = [];
    const add = (node: Morph.Node, value: Morph.Node, what: string): void => {
      const constant = constantFor(context, value);
      if (constant === null) return;
      // A shorthand field `{ weights }` becomes `weights: <constant>`.
      const replacement = Node.isShorthandPropertyAssignment(node) ? `${node.getName()}: ${constant.text}` : constant.text;
      mutations.push({ start: node.getStart(), end: node.getEnd(), replacement, description: `return a constant as ${what}: ${shorten(value.getText(), 50)} → ${constant.words}` });
    };
    for (const returned of returnedExpressions(context)) {
      const parts = partsOf(context, returned);
      if (parts.length > 0) for (const { node, value, name } of parts) add(node, value, name);
      else add(returned, returned, 'the result');
    }
    return mutations.sort((a, b) => a.start - b.start);
  },
};
