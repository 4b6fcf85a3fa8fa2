/**
 * The runner's table of backends is read inside the sandbox, where only grader/runtime exists: it,
 * and everything in that folder, may import node's builtins and the folder itself, and only types
 * from anywhere else (they are erased when compiled).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../grader/paths.js';

const RUNTIME_SOURCE = path.join(PROJECT_ROOT, 'grader', 'runtime');

/** The specifiers of a file's imports that survive compilation: not `import type`, not `export type`. */
function valueImports(source: string): string[] {
  const statements = source.matchAll(/^(import|export)\s+(type\s+)?[^'";]*?\bfrom\s+'([^']+)'/gm);
  return [...statements].filter(([, , typeOnly]) => !typeOnly).map(([, , , specifier]) => specifier);
}

describe('grader/runtime', () => {
  it('imports nothing at run time but node builtins and its own folder', () => {
    const files = fs.readdirSync(RUNTIME_SOURCE).filter((name) => name.endsWith('.ts'));
    expect(files).toContain('backend-setup.ts');
    for (const file of files) {
      const outside = valueImports(fs.readFileSync(path.join(RUNTIME_SOURCE, file), 'utf8')).filter((specifier) => !specifier.startsWith('node:') && !/^\.\/[^/]+\.js$/.test(specifier));
      expect(outside, file).toEqual([]);
    }
  });
});
