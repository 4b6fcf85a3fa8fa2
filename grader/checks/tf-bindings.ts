/** For static checks: the names a submission's file binds to tfjs, however it imports it. */
import type * as Morph from 'ts-morph';

/** Names bound to tfjs in this file: `import * as tf`, `import { matMul }`, `import tf from`. */
export function tfBindings(sourceFile: Morph.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const declaration of sourceFile.getImportDeclarations()) {
    if (!declaration.getModuleSpecifierValue().startsWith('@tensorflow/')) continue;
    const namespace = declaration.getNamespaceImport();
    if (namespace) names.add(namespace.getText());
    const defaultImport = declaration.getDefaultImport();
    if (defaultImport) names.add(defaultImport.getText());
    for (const named of declaration.getNamedImports()) names.add(named.getAliasNode()?.getText() ?? named.getName());
  }
  return names;
}
