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
  /** Where each of those throws its first TODO error, and the error's text ("TODO 1: …"). */
  stubs: TodoStub[];
}

export interface TodoStub {
  /** The export that still throws. */
  name: string;
  /** The thrown message, as the skeleton wrote it: its "TODO 1" says which step of the exercise this is. */
  todo: string;
  line: number;
  column: number;
}

const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { allowJs: false } });

/** The message of a `throw new Error('TODO …')`, or null for any other statement. */
function todoThrown(node: Morph.Node): string | null {
  if (!Node.isThrowStatement(node)) return null;
  const thrown = node.getExpression();
  if (!Node.isNewExpression(thrown)) return null;
  const [first] = thrown.getArguments();
  return first !== undefined && Node.isStringLiteral(first) && /^TODO\b/.test(first.getLiteralValue()) ? first.getLiteralValue() : null;
}

/** A body whose own statements (not a nested branch) throw the TODO error is still a stub. */
function todoThrowOf(body: Morph.Node | undefined): { node: Morph.Node; todo: string } | null {
  if (body === undefined || !Node.isBlock(body)) return null;
  for (const statement of body.getStatements()) {
    const todo = todoThrown(statement);
    if (todo !== null) return { node: statement, todo };
  }
  return null;
}

/** The first TODO throw that makes this declaration a stub, in source order; null if it is none. */
function stubThrowOf(declaration: Morph.Node): { node: Morph.Node; todo: string } | null {
  if (Node.isFunctionDeclaration(declaration)) return todoThrowOf(declaration.getBody());
  if (Node.isClassDeclaration(declaration)) {
    const members = [...declaration.getConstructors(), ...declaration.getMethods()].sort((a, b) => a.getStart() - b.getStart());
    for (const member of members) {
      const found = todoThrowOf(member.getBody());
      if (found) return found;
    }
    return null;
  }
  if (Node.isVariableDeclaration(declaration)) {
    const initializer = declaration.getInitializer();
    if (Node.isArrowFunction(initializer) || Node.isFunctionExpression(initializer)) return todoThrowOf(initializer.getBody());
  }
  return null;
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
  const stubs: TodoStub[] = [];
  for (const [name, declaration] of exports) {
    const found = stubThrowOf(declaration);
    if (!found) continue;
    const { line, column } = sourceFile.getLineAndColumnAtPos(found.node.getStart());
    stubs.push({ name, todo: found.todo, line, column });
  }
  const stubbedExports = new Set(stubs.map((stub) => stub.name));
  return { sourceFile, refusedImports, exports, stubbedExports, stubs };
}

/** Frees the AST once a submission is graded; the in-memory project is shared. */
export function releaseAnalysis(analysis: SourceAnalysis): void {
  project.removeSourceFile(analysis.sourceFile);
}
