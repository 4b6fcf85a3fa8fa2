import type * as Morph from 'ts-morph';
import { defineStaticCheck, failed, passed, tfBindings } from '../../../grader/checks/index.js';

/**
 * Where a function uses tfjs, directly or through a function of the same file it calls, so that
 * moving the tf call into a helper does not hide it.
 */
function findTfUse(morph: typeof Morph, fn: Morph.Node, bindings: Set<string>, sourceFile: Morph.SourceFile, visited: Set<Morph.Node>): Morph.Node | null {
  const { Node, SyntaxKind } = morph;
  if (visited.has(fn)) return null;
  visited.add(fn);
  for (const identifier of fn.getDescendantsOfKind(SyntaxKind.Identifier)) {
    const name = identifier.getText();
    if (bindings.has(name)) return identifier;
    const declaration = sourceFile.getFunction(name) ?? sourceFile.getVariableDeclaration(name)?.getInitializer();
    if (declaration && declaration !== fn && (Node.isFunctionDeclaration(declaration) || Node.isArrowFunction(declaration) || Node.isFunctionExpression(declaration))) {
      const inner = findTfUse(morph, declaration, bindings, sourceFile, visited);
      if (inner) return inner;
    }
  }
  return null;
}

export default defineStaticCheck({
  id: 'manual.no-tf',
  title: 'manualProjection uses plain loops, no tfjs',
  uses: ['manualProjection'],
  judge: ({ sourceFile, morph }) => {
    const fn: Morph.Node | undefined =
      sourceFile.getFunction('manualProjection') ?? sourceFile.getVariableDeclaration('manualProjection')?.getInitializer();
    if (!fn) return failed('manualProjection should be a function declared in this file.');
    const use = findTfUse(morph, fn, tfBindings(sourceFile), sourceFile, new Set());
    if (!use) return passed();
    const { line, column } = sourceFile.getLineAndColumnAtPos(use.getStart());
    return failed(
      `manualProjection uses tfjs (\`${use.getParentOrThrow().getText().slice(0, 60)}\` at line ${line}:${column}). ` +
        'This part is about seeing every multiply-add: compute the sums with for loops over plain arrays.',
    );
  },
});
