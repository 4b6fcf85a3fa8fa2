/**
 * One layer where another belongs: in a class whose properties are created the same way (three
 * dense layers for W_Q, W_K and W_V), a use of `this.wQ` reads `this.wK` instead, or the constructor
 * shares one object between two properties (`this.wK = this.wQ`). Only properties initialised with
 * the same text are siblings: those are the ones a student mixes up by copying a line.
 */
import type * as Morph from 'ts-morph';
import { shorten, textAfter } from './syntax.js';
import type { Mutation, MutationContext, MutationOperator } from './types.js';

interface Initialised {
  name: string;
  initializer: string;
  /** Where it is set: the `this.p = …` assignment, or the property declaration. */
  node: Morph.Node;
  value: Morph.Node;
}

/** `this.p = value;` in the constructor, and `p = value;` declarations, in source order. */
function initialisedProperties(context: MutationContext, cls: Morph.ClassDeclaration | Morph.ClassExpression): Initialised[] {
  const { Node, SyntaxKind } = context.morph;
  const found: Initialised[] = [];
  for (const property of cls.getProperties()) {
    const value = property.getInitializer();
    if (value) found.push({ name: property.getName(), initializer: value.getText(), node: property, value });
  }
  for (const constructor of cls.getConstructors()) {
    for (const binary of constructor.getDescendantsOfKind(SyntaxKind.BinaryExpression)) {
      const left = binary.getLeft();
      if (binary.getOperatorToken().getKind() !== SyntaxKind.EqualsToken || !Node.isPropertyAccessExpression(left)) continue;
      if (!Node.isThisExpression(left.getExpression())) continue;
      found.push({ name: left.getName(), initializer: binary.getRight().getText(), node: binary, value: binary.getRight() });
    }
  }
  return found.sort((a, b) => a.node.getStart() - b.node.getStart());
}

function isAssignmentTarget(context: MutationContext, access: Morph.PropertyAccessExpression): boolean {
  const { Node, SyntaxKind } = context.morph;
  const parent = access.getParent();
  return Node.isBinaryExpression(parent) && parent.getLeft() === access && parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken;
}

export const reuseProperty: MutationOperator = {
  title: 'use one layer or property where its sibling belongs, or share one object between two',
  findMutations(context) {
    const { SyntaxKind, Node } = context.morph;
    const mutations: Mutation[] = [];
    const classes = [...context.sourceFile.getDescendantsOfKind(SyntaxKind.ClassDeclaration), ...context.sourceFile.getDescendantsOfKind(SyntaxKind.ClassExpression)];
    for (const cls of classes) {
      const properties = initialisedProperties(context, cls);
      const siblingsOf = (name: string): string[] => {
        const own = properties.find((p) => p.name === name);
        if (!own) return [];
        return [...new Set(properties.filter((p) => p.name !== name && p.initializer === own.initializer).map((p) => p.name))];
      };
      // Reads: `this.wQ.apply(x)` → `this.wK.apply(x)`.
      for (const access of cls.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)) {
        if (!Node.isThisExpression(access.getExpression()) || !context.isInSolution(access) || isAssignmentTarget(context, access)) continue;
        // What the use is part of, `this.wQ.apply(x)`, shows it better than the bare property.
        let shown: Morph.Node = access;
        for (let parent = shown.getParent(); parent && (Node.isPropertyAccessExpression(parent) || Node.isCallExpression(parent)) && parent.getExpression() === shown; parent = shown.getParent()) {
          shown = parent;
        }
        for (const sibling of siblingsOf(access.getName())) {
          const name = access.getNameNode();
          const mutation = { start: name.getStart(), end: name.getEnd(), replacement: sibling };
          mutations.push({ ...mutation, description: `use this.${sibling} where this.${access.getName()} belongs: ${shorten(shown.getText(), 50)} → ${shorten(textAfter(shown, mutation), 50)}` });
        }
      }
      // Sharing: `this.wK = <same as wQ>` → `this.wK = this.wQ`.
      for (const [index, property] of properties.entries()) {
        if (!Node.isBinaryExpression(property.node) || !context.isInSolution(property.node)) continue;
        const earlier = new Set(properties.slice(0, index).filter((p) => p.name !== property.name && p.initializer === property.initializer).map((p) => p.name));
        for (const sibling of earlier) {
          mutations.push({
            start: property.value.getStart(),
            end: property.value.getEnd(),
            replacement: `this.${sibling}`,
            description: `share one object: this.${property.name} = this.${sibling}`,
          });
        }
      }
    }
    return mutations.sort((a, b) => a.start - b.start);
  },
};
