/** What the compile worker reports of a static check's finder: data for the grader to judge, never a verdict. */
import * as morph from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { defineStaticCheck, passed, type Findings } from '../../../grader/checks/index.js';
import { findSafely } from '../../../grader/compile/static-findings.js';

const project = new morph.Project({ useInMemoryFileSystem: true });
const context = { sourceFile: project.createSourceFile('/case.ts', 'export const x = 1;'), morph };

function checkFinding(find: () => unknown) {
  return defineStaticCheck({ id: 'part.static', title: 't', uses: [], find: find as () => Findings, judge: () => passed() });
}

describe('findSafely', () => {
  it('reports what the finder found, as it crosses the channel', () => {
    const check = defineStaticCheck({ id: 'part.static', title: 't', uses: [], find: ({ sourceFile }) => ({ statements: sourceFile.getStatements().length }), judge: () => passed() });
    expect(findSafely(check, context)).toEqual({ kind: 'found', findings: { statements: 1 } });
  });

  it('reports a finder that threw as its own failure, with the message', () => {
    expect(findSafely(checkFinding(() => { throw new Error('no such node'); }), context)).toEqual({ kind: 'finder-failed', message: 'no such node' });
  });

  it('reports a finder that ran out of stack as a source too deep to read', () => {
    const recurse = (n: number): number => recurse(n + 1) + 1;
    expect(findSafely(checkFinding(() => recurse(0)), context)).toEqual({ kind: 'too-deep' });
  });

  it('refuses findings that are not JSON, such as an AST node, instead of sending them', () => {
    expect(findSafely(checkFinding(() => context.sourceFile), context)).toMatchObject({ kind: 'finder-failed', message: expect.stringContaining('not JSON data') });
    expect(findSafely(checkFinding(() => undefined), context)).toEqual({ kind: 'finder-failed', message: 'its finder returned undefined, not JSON data' });
  });
});
