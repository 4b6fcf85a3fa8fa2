import type * as Morph from 'ts-morph';
import { defineStaticCheck, excerptOf, failed, findTfUse, passed, tfBindings, type SourceExcerpt } from '../../../grader/checks/index.js';

/** What the source says of manualProjection: not there, or where it first reaches tfjs (null: nowhere). */
type ManualProjectionSource = { isDeclared: false } | { isDeclared: true; tfUse: SourceExcerpt | null };

export default defineStaticCheck<ManualProjectionSource>({
  id: 'manual.no-tf',
  title: 'manualProjection uses plain loops, no tfjs',
  uses: ['manualProjection'],
  find: ({ sourceFile, morph }) => {
    const fn: Morph.Node | undefined =
      sourceFile.getFunction('manualProjection') ?? sourceFile.getVariableDeclaration('manualProjection')?.getInitializer();
    if (!fn) return { isDeclared: false };
    const use = findTfUse(morph, fn, tfBindings(sourceFile), sourceFile);
    return { isDeclared: true, tfUse: use ? excerptOf(sourceFile, use, use.getParentOrThrow()) : null };
  },
  judge: (found) => {
    if (!found.isDeclared) return failed('manualProjection should be a function declared in this file.');
    if (!found.tfUse) return passed();
    const { code, line, column } = found.tfUse;
    return failed(
      `manualProjection uses tfjs (\`${code}\` at line ${line}:${column}). ` +
        'This part is about seeing every multiply-add: compute the sums with for loops over plain arrays.',
    );
  },
});
