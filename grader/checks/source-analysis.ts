/**
 * For static checks' finders, which run in the compile worker: where a function of the submission
 * uses tfjs, and a place in the source as plain data a judge can quote. ts-morph comes with the
 * finder's context and is imported here for types only, so that the grader's main process, which
 * loads this folder, never loads it.
 */
import type * as Morph from 'ts-morph';

/** A function declared in this file under `name`, as a declaration or a variable holding one. */
export function findFunction(morph: typeof Morph, sourceFile: Morph.SourceFile, name: string): Morph.Node | undefined {
  const { Node } = morph;
  const declaration = sourceFile.getFunction(name) ?? sourceFile.getVariableDeclaration(name)?.getInitializer();
  if (declaration && (Node.isFunctionDeclaration(declaration) || Node.isArrowFunction(declaration) || Node.isFunctionExpression(declaration))) return declaration;
  return undefined;
}

/**
 * Where `fn` uses one of `bindings` (tfjs's names in the file, see tfBindings), directly or through
 * a function of the same file it calls, so that moving the tf call into a helper does not hide it.
 * Each function is read once, so helpers that call each other end.
 */
export function findTfUse(morph: typeof Morph, fn: Morph.Node, bindings: ReadonlySet<string>, sourceFile: Morph.SourceFile, visited = new Set<Morph.Node>()): Morph.Node | null {
  const { SyntaxKind } = morph;
  if (visited.has(fn)) return null;
  visited.add(fn);
  for (const identifier of fn.getDescendantsOfKind(SyntaxKind.Identifier)) {
    const name = identifier.getText();
    if (bindings.has(name)) return identifier;
    const callee = findFunction(morph, sourceFile, name);
    if (callee && callee !== fn) {
      const inner = findTfUse(morph, callee, bindings, sourceFile, visited);
      if (inner) return inner;
    }
  }
  return null;
}

/** A place in the submission, with the code there as a judge quotes it. */
export type SourceExcerpt = { code: string; line: number; column: number };

/** How much of the code a message quotes: enough to find the line, never a whole function. */
const EXCERPT_LENGTH = 60;

/** Where `node` starts, quoting `shown` (the node itself, or the expression around it). */
export function excerptOf(sourceFile: Morph.SourceFile, node: Morph.Node, shown: Morph.Node = node): SourceExcerpt {
  const { line, column } = sourceFile.getLineAndColumnAtPos(node.getStart());
  return { code: shown.getText().slice(0, EXCERPT_LENGTH), line, column };
}
