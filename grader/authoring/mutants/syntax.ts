/** Small AST helpers the operators share. */
import type * as Morph from 'ts-morph';
import type { Mutation, MutationContext } from './types.js';

/** One line of code for a description: whitespace collapsed, long text cut in the middle. */
export function shorten(text: string, max = 70): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 20)} … ${flat.slice(-15)}`;
}

/** The node's text as the mutation leaves it, for a description's "before → after". */
export function textAfter(node: Morph.Node, mutation: Pick<Mutation, 'start' | 'end' | 'replacement'>): string {
  const source = node.getSourceFile().getFullText();
  return source.slice(node.getStart(), mutation.start) + mutation.replacement + source.slice(mutation.end, node.getEnd());
}

export function replaceNode(node: Morph.Node, replacement: string, description: string): Mutation {
  return { start: node.getStart(), end: node.getEnd(), replacement, description };
}

/** The text of an expression, parenthesised where it could bind differently in its new place. */
export function asOperand(context: MutationContext, node: Morph.Node): string {
  const { Node } = context.morph;
  const isPrimary =
    Node.isIdentifier(node) ||
    Node.isPropertyAccessExpression(node) ||
    Node.isElementAccessExpression(node) ||
    Node.isCallExpression(node) ||
    Node.isParenthesizedExpression(node) ||
    Node.isNumericLiteral(node) ||
    Node.isStringLiteral(node) ||
    Node.isArrayLiteralExpression(node) ||
    Node.isThisExpression(node);
  return isPrimary ? node.getText() : `(${node.getText()})`;
}

/**
 * How a call names its function: `tf.matMul(a, b)`, `Math.sqrt(x)` and `matMul(a, b)` are the
 * function form (the operands are the arguments); `a.matMul(b)` is the method form (the receiver is
 * the first operand).
 */
export type CallShape =
  | { form: 'function'; name: string; operands: Morph.Node[] }
  | { form: 'method'; name: string; receiver: Morph.Node; operands: Morph.Node[] };

function rootIdentifier(context: MutationContext, node: Morph.Node): string | null {
  const { Node } = context.morph;
  let current = node;
  while (Node.isPropertyAccessExpression(current)) current = current.getExpression();
  return Node.isIdentifier(current) ? current.getText() : null;
}

export function callShape(context: MutationContext, call: Morph.CallExpression): CallShape | null {
  const { Node } = context.morph;
  const callee = call.getExpression();
  const args = call.getArguments();
  if (Node.isIdentifier(callee)) return { form: 'function', name: callee.getText(), operands: args };
  if (!Node.isPropertyAccessExpression(callee)) return null;
  const name = callee.getName();
  const receiver = callee.getExpression();
  const root = rootIdentifier(context, receiver);
  // A namespace (tf, tf.losses, Math) holds functions; any other receiver is an operand.
  if (root !== null && (root === context.tfNamespace || root === 'Math') && (Node.isIdentifier(receiver) || Node.isPropertyAccessExpression(receiver))) {
    return { form: 'function', name, operands: args };
  }
  return { form: 'method', name, receiver, operands: args };
}

/** Swaps two nodes of one list (arguments, elements), keeping what lies between them. */
export function swapNodes(first: Morph.Node, second: Morph.Node, description: string, texts: [string, string] = [second.getText(), first.getText()]): Mutation {
  const source = first.getSourceFile().getFullText();
  const between = source.slice(first.getEnd(), second.getStart());
  return { start: first.getStart(), end: second.getEnd(), replacement: `${texts[0]}${between}${texts[1]}`, description };
}

/** The returned expressions of the solution: `return` statements and arrow functions' expression bodies. */
export function returnedExpressions(context: MutationContext): Morph.Expression[] {
  const { SyntaxKind, Node } = context.morph;
  const returned: Morph.Expression[] = [];
  for (const statement of context.solutionNodes(SyntaxKind.ReturnStatement)) {
    const expression = statement.getExpression();
    if (expression) returned.push(expression);
  }
  for (const arrow of context.solutionNodes(SyntaxKind.ArrowFunction)) {
    const body = arrow.getBody();
    if (!Node.isBlock(body)) returned.push(body as Morph.Expression);
  }
  return returned.sort((a, b) => a.getStart() - b.getStart());
}

/** `x as T` and `(x)` are x, for what an expression is. */
export function unwrap(context: MutationContext, node: Morph.Node): Morph.Node {
  const { Node } = context.morph;
  let current = node;
  while (Node.isAsExpression(current) || Node.isParenthesizedExpression(current) || Node.isNonNullExpression(current)) current = current.getExpression();
  return current;
}
