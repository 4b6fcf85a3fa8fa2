/** What softmax.written-out looks for in a submission's AST: tfjs's own softmax, however it is reached. */
import type * as Morph from 'ts-morph';
import { tfBindings } from '../../../grader/checks/index.js';

/** The identifier an expression such as `tf.layers.softmax`, `tf['softmax']` or `(tf as any).softmax` starts from. */
function rootIdentifier(morph: typeof Morph, node: Morph.Node): string | null {
  const { Node } = morph;
  let current = node;
  while (
    Node.isPropertyAccessExpression(current) ||
    Node.isElementAccessExpression(current) ||
    Node.isParenthesizedExpression(current) ||
    Node.isAsExpression(current) ||
    Node.isNonNullExpression(current) ||
    Node.isTypeAssertion(current) ||
    Node.isSatisfiesExpression(current)
  ) {
    current = current.getExpression();
  }
  return Node.isIdentifier(current) ? current.getText() : null;
}

/** tfjs's names in this file, and the variables that hold tfjs itself or a part of it (`const t = tf`, `const layers = tf.layers`). */
function tfAliases(morph: typeof Morph, sourceFile: Morph.SourceFile): Set<string> {
  const { Node, SyntaxKind } = morph;
  const names = tfBindings(sourceFile);
  const declarations = sourceFile.getDescendantsOfKind(SyntaxKind.VariableDeclaration);
  for (let isGrowing = true; isGrowing; ) {
    isGrowing = false;
    for (const declaration of declarations) {
      const nameNode = declaration.getNameNode();
      const initializer = declaration.getInitializer();
      if (!Node.isIdentifier(nameNode) || !initializer || names.has(nameNode.getText())) continue;
      const root = rootIdentifier(morph, initializer);
      if (root !== null && names.has(root)) {
        names.add(nameNode.getText());
        isGrowing = true;
      }
    }
  }
  return names;
}

/**
 * The first place the file takes a ready-made softmax from tfjs: `tf.softmax`, `tf.logSoftmax`,
 * `tf.layers.softmax`, `tf['softmax']`, `import { softmax }`, `const { softmax } = tf`, or a layer
 * with `activation: 'softmax'`.
 */
export function findReadyMadeSoftmax(morph: typeof Morph, sourceFile: Morph.SourceFile, names: ReadonlySet<string>): Morph.Node | null {
  const { Node, SyntaxKind } = morph;
  const bindings = tfAliases(morph, sourceFile);
  const isName = (text: string): boolean => names.has(text.replace(/^['"`]|['"`]$/g, ''));
  for (const declaration of sourceFile.getImportDeclarations()) {
    if (!declaration.getModuleSpecifierValue().startsWith('@tensorflow/')) continue;
    const named = declaration.getNamedImports().find((specifier) => names.has(specifier.getName()));
    if (named) return named;
  }
  for (const node of sourceFile.getDescendants()) {
    if (Node.isPropertyAccessExpression(node) && names.has(node.getName())) {
      const root = rootIdentifier(morph, node);
      if (root !== null && bindings.has(root)) return node;
    }
    if (Node.isElementAccessExpression(node)) {
      const argument = node.getArgumentExpression();
      const root = rootIdentifier(morph, node);
      if (argument && Node.isStringLiteral(argument) && isName(argument.getText()) && root !== null && bindings.has(root)) return node;
    }
    if (Node.isBindingElement(node)) {
      const property = node.getPropertyNameNode()?.getText() ?? node.getName();
      const declaration = node.getParent().getParent();
      const source = Node.isVariableDeclaration(declaration) ? declaration.getInitializer() : undefined;
      const root = source ? rootIdentifier(morph, source) : null;
      if (isName(property) && root !== null && bindings.has(root)) return node;
    }
    if (Node.isPropertyAssignment(node) && node.getName() === 'activation') {
      const value = node.getInitializer();
      if (value && value.getKind() === SyntaxKind.StringLiteral && isName(value.getText())) return node;
    }
  }
  return null;
}
