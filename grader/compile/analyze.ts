/**
 * What can be learnt from the student's source without running it: which modules it imports,
 * which exports still hold the skeleton's TODO stub, and a ts-morph AST for static checks.
 */
import type * as Morph from 'ts-morph';
import type { SourceFile } from 'ts-morph';
import { morph } from './typescript.js';

const { Node, Project, SyntaxKind } = morph;
import type { Diagnostic } from '../report/types.js';

export const ALLOWED_IMPORT = '@tensorflow/tfjs';

export interface SourceAnalysis {
  sourceFile: SourceFile;
  /** Imports of anything but tfjs, as compile errors that name the line and the fix. */
  refusedImports: Diagnostic[];
  /** Exported names and their declarations, found syntactically. */
  exports: Map<string, Morph.Node>;
  /** Exports whose body still throws the skeleton's `TODO` error. */
  stubbedExports: Set<string>;
}

const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { allowJs: false } });

function isTodoThrow(node: Morph.Node): boolean {
  if (!Node.isThrowStatement(node)) return false;
  const thrown = node.getExpression();
  if (!Node.isNewExpression(thrown)) return false;
  const [first] = thrown.getArguments();
  return first !== undefined && Node.isStringLiteral(first) && /^TODO\b/.test(first.getLiteralValue());
}

/** A body whose own statements (not a nested branch) throw the TODO error is still a stub. */
function bodyThrowsTodo(body: Morph.Node | undefined): boolean {
  return body !== undefined && Node.isBlock(body) && body.getStatements().some(isTodoThrow);
}

function isStub(declaration: Morph.Node): boolean {
  if (Node.isFunctionDeclaration(declaration)) return bodyThrowsTodo(declaration.getBody());
  if (Node.isClassDeclaration(declaration)) {
    const members = [...declaration.getConstructors(), ...declaration.getMethods()];
    return members.some((member) => bodyThrowsTodo(member.getBody()));
  }
  if (Node.isVariableDeclaration(declaration)) {
    const initializer = declaration.getInitializer();
    if (Node.isArrowFunction(initializer) || Node.isFunctionExpression(initializer)) return bodyThrowsTodo(initializer.getBody());
  }
  return false;
}

function refuse(sourceFile: SourceFile, node: Morph.Node, displayPath: string, specifier: string): Diagnostic {
  const { line, column } = sourceFile.getLineAndColumnAtPos(node.getStart());
  return {
    file: displayPath,
    line,
    column,
    severity: 'error',
    message: `Only '${ALLOWED_IMPORT}' can be imported in this exercise, not '${specifier}'. Remove this import and use tfjs or plain TypeScript instead.`,
  };
}

/**
 * Exported declarations read from the syntax alone. ts-morph's getExportedDeclarations would
 * build a whole program with a type checker, which costs about half a second per grader run.
 */
function findExports(sourceFile: SourceFile): Map<string, Morph.Node> {
  const exports = new Map<string, Morph.Node>();
  const local = new Map<string, Morph.Node>();
  for (const statement of sourceFile.getStatements()) {
    const declarations: Array<[string | undefined, Morph.Node]> = [];
    if (Node.isFunctionDeclaration(statement) || Node.isClassDeclaration(statement)) declarations.push([statement.getName(), statement]);
    if (Node.isVariableStatement(statement)) for (const d of statement.getDeclarations()) declarations.push([d.getName(), d]);
    if (Node.isInterfaceDeclaration(statement) || Node.isTypeAliasDeclaration(statement) || Node.isEnumDeclaration(statement)) declarations.push([statement.getName(), statement]);
    const isExported = Node.isModifierable(statement) && statement.hasModifier(SyntaxKind.ExportKeyword);
    for (const [name, node] of declarations) {
      if (name === undefined) continue;
      local.set(name, node);
      if (isExported) exports.set(name, node);
    }
  }
  // `export { a, b as c }` of local declarations.
  for (const declaration of sourceFile.getExportDeclarations()) {
    if (declaration.getModuleSpecifier()) continue;
    for (const specifier of declaration.getNamedExports()) {
      const node = local.get(specifier.getName());
      if (node) exports.set(specifier.getAliasNode()?.getText() ?? specifier.getName(), node);
    }
  }
  return exports;
}

export function analyzeSource(source: string, displayPath: string): SourceAnalysis {
  const sourceFile = project.createSourceFile(`/submission/${Math.random().toString(36).slice(2)}.ts`, source, { overwrite: true });
  const refusedImports: Diagnostic[] = [];
  for (const declaration of sourceFile.getImportDeclarations()) {
    const specifier = declaration.getModuleSpecifierValue();
    if (specifier !== ALLOWED_IMPORT) refusedImports.push(refuse(sourceFile, declaration, displayPath, specifier));
  }
  for (const declaration of sourceFile.getExportDeclarations()) {
    const specifier = declaration.getModuleSpecifierValue();
    if (specifier !== undefined && specifier !== ALLOWED_IMPORT) refusedImports.push(refuse(sourceFile, declaration, displayPath, specifier));
  }
  // `require('fs')`, `import('fs')` and `import fs = require('fs')` are refused the same way.
  for (const call of sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    const isRequire = Node.isIdentifier(callee) && callee.getText() === 'require';
    const isDynamicImport = callee.getKind() === SyntaxKind.ImportKeyword;
    if (!isRequire && !isDynamicImport) continue;
    const [first] = call.getArguments();
    const specifier = first && Node.isStringLiteral(first) ? first.getLiteralValue() : first?.getText() ?? '';
    if (specifier !== ALLOWED_IMPORT) refusedImports.push(refuse(sourceFile, call, displayPath, specifier));
  }
  for (const declaration of sourceFile.getDescendantsOfKind(SyntaxKind.ExternalModuleReference)) {
    const specifier = declaration.getExpression()?.getText().replace(/^['"]|['"]$/g, '') ?? '';
    if (specifier !== ALLOWED_IMPORT) refusedImports.push(refuse(sourceFile, declaration, displayPath, specifier));
  }

  const exports = findExports(sourceFile);
  const stubbedExports = new Set([...exports].filter(([, declaration]) => isStub(declaration)).map(([name]) => name));
  return { sourceFile, refusedImports, exports, stubbedExports };
}

/** Frees the AST once a submission is graded; the in-memory project is shared. */
export function releaseAnalysis(analysis: SourceAnalysis): void {
  project.removeSourceFile(analysis.sourceFile);
}
