import type * as Morph from 'ts-morph';
import { defineStaticCheck, failed, findTfUse, passed, tfBindings } from '../../../grader/checks/index.js';

export default defineStaticCheck({
  id: 'manual.no-tf',
  title: 'manualProjection uses plain loops, no tfjs',
  uses: ['manualProjection'],
  judge: ({ sourceFile, morph }) => {
    const fn: Morph.Node | undefined =
      sourceFile.getFunction('manualProjection') ?? sourceFile.getVariableDeclaration('manualProjection')?.getInitializer();
    if (!fn) return failed('manualProjection should be a function declared in this file.');
    const use = findTfUse(morph, fn, tfBindings(sourceFile), sourceFile);
    if (!use) return passed();
    const { line, column } = sourceFile.getLineAndColumnAtPos(use.getStart());
    return failed(
      `manualProjection uses tfjs (\`${use.getParentOrThrow().getText().slice(0, 60)}\` at line ${line}:${column}). ` +
        'This part is about seeing every multiply-add: compute the sums with for loops over plain arrays.',
    );
  },
});
