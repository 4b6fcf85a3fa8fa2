/**
 * The wrong output: two returned values swapped (`[K, Q, V]` for `[Q, K, V]`, `{ wQ: wK, wK: wQ }`),
 * two destructured names swapped (`const [b, a] = …`, `{ xi: xj, xj: xi }`), or another variable of
 * the same type returned (`return x` for `return out`). Values are only swapped with one of the same
 * type, the swaps a type checker would not catch.
 */
import type * as Morph from 'ts-morph';
import { returnedExpressions, shorten, swapNodes, unwrap } from './syntax.js';
import type { Mutation, MutationContext, MutationOperator } from './types.js';

/** Other variables a returned expression could have been: same type, declared before it, in its function. */
const MAX_OTHER_VARIABLES = 2;

function pairsOf<T>(items: T[]): Array<[T, T]> {
  return items.flatMap((first, i) => items.slice(i + 1).map((second) => [first, second] as [T, T]));
}

function outermostFunction(context: MutationContext, node: Morph.Node): Morph.Node | undefined {
  const { Node } = context.morph;
  return node.getAncestors().filter((ancestor) => Node.isFunctionLikeDeclaration(ancestor) || Node.isArrowFunction(ancestor)).at(-1);
}

/** Variables and parameters visible at `node`, declared in its function before it, of `node`'s type. */
function sameTypeVariables(context: MutationContext, node: Morph.Expression): string[] {
  const fn = outermostFunction(context, node);
  if (!fn) return [];
  const type = context.typeTextOf(node);
  const checker = context.sourceFile.getProject().getTypeChecker();
  const names: Array<{ name: string; position: number }> = [];
  for (const symbol of checker.getSymbolsInScope(node, context.morph.ts.SymbolFlags.Variable)) {
    const declaration = symbol.getDeclarations()[0];
    if (!declaration || declaration.getSourceFile() !== context.sourceFile) continue;
    if (declaration.getStart() < fn.getStart() || declaration.getEnd() > node.getStart()) continue;
    if (node.getText() === symbol.getName() || context.typeTextOf(declaration) !== type) continue;
    names.push({ name: symbol.getName(), position: declaration.getStart() });
  }
  // The nearest first: the variable a slip most likely reaches for.
  return names.sort((a, b) => b.position - a.position).slice(0, MAX_OTHER_VARIABLES).map((entry) => entry.name);
}

export const returnOtherOutput: MutationOperator = {
  title: 'return a different output: swap two returned or destructured values, or return another variable of the same type',
  findMutations(context) {
    const { SyntaxKind, Node } = context.morph;
    const mutations: Mutation[] = [];
    for (const returned of returnedExpressions(context)) {
      const inner = unwrap(context, returned);
      if (Node.isArrayLiteralExpression(inner)) {
        const elements = inner.getElements();
        for (let i = 0; i + 1 < elements.length; i++) {
          if (elements[i].getText() === elements[i + 1].getText()) continue;
          mutations.push(swapNodes(elements[i], elements[i + 1], `swap returned values ${i + 1} and ${i + 2}: ${shorten(elements[i].getText(), 30)} ↔ ${shorten(elements[i + 1].getText(), 30)}`));
        }
        continue;
      }
      if (Node.isObjectLiteralExpression(inner)) {
        const properties = inner.getProperties().filter((p): p is Morph.PropertyAssignment | Morph.ShorthandPropertyAssignment => Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p));
        const valueOf = (p: Morph.PropertyAssignment | Morph.ShorthandPropertyAssignment): Morph.Node => (Node.isPropertyAssignment(p) ? p.getInitializerOrThrow() : p.getNameNode());
        for (const [first, second] of pairsOf(properties)) {
          if (context.typeTextOf(valueOf(first)) !== context.typeTextOf(valueOf(second))) continue;
          const texts: [string, string] = [`${first.getName()}: ${valueOf(second).getText()}`, `${second.getName()}: ${valueOf(first).getText()}`];
          mutations.push(swapNodes(first, second, `swap returned fields ${first.getName()} and ${second.getName()}`, texts));
        }
        continue;
      }
      for (const name of sameTypeVariables(context, returned)) {
        mutations.push({ start: returned.getStart(), end: returned.getEnd(), replacement: name, description: `return ${name} instead of ${shorten(returned.getText(), 50)}` });
      }
    }
    for (const pattern of context.solutionNodes(SyntaxKind.ArrayBindingPattern)) {
      const elements = pattern.getElements().filter((e): e is Morph.BindingElement => Node.isBindingElement(e));
      for (let i = 0; i + 1 < elements.length; i++) {
        mutations.push(swapNodes(elements[i], elements[i + 1], `swap destructured values: ${shorten(pattern.getText(), 50)}`));
      }
    }
    for (const pattern of context.solutionNodes(SyntaxKind.ObjectBindingPattern)) {
      const elements = pattern.getElements().filter((e) => !e.getDotDotDotToken() && Node.isIdentifier(e.getNameNode()));
      for (const [first, second] of pairsOf(elements)) {
        if (context.typeTextOf(first.getNameNode()) !== context.typeTextOf(second.getNameNode())) continue;
        const property = (e: Morph.BindingElement) => e.getPropertyNameNode()?.getText() ?? e.getName();
        const initializer = (e: Morph.BindingElement) => (e.getInitializer() ? ` = ${e.getInitializer()!.getText()}` : '');
        const texts: [string, string] = [`${property(first)}: ${second.getName()}${initializer(first)}`, `${property(second)}: ${first.getName()}${initializer(second)}`];
        mutations.push(swapNodes(first, second, `swap destructured values: ${first.getName()} ↔ ${second.getName()} in ${shorten(pattern.getText(), 40)}`, texts));
      }
    }
    return mutations.sort((a, b) => a.start - b.start);
  },
};
