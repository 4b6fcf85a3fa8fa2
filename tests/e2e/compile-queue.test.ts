/**
 * One compile worker serves a whole run, in order. A file whose compile waits behind another's
 * type-level bomb must not run out of time while it waits, and be charged for it: its time limit
 * starts when the worker gets to it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Compiler } from '../../grader/compile/compiler.js';
import { PROJECT_ROOT } from '../../grader/paths.js';

const FIXTURES = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'qkv-projection');
const fileOf = (fixture: string, displayPath: string) => ({
  source: fs.readFileSync(path.join(FIXTURES, fixture, 'qkv-projection.ts'), 'utf8'),
  fileName: 'qkv-projection.ts',
  displayPath,
});

describe('the compile worker\'s queue', () => {
  // Compiles get 3 s, type checks 8 s: the bomb's type check holds the worker far longer than a compile may take.
  const compiler = new Compiler(8_000, 3_000);
  afterAll(() => compiler.close());

  it('does not charge a compile for the time it waited behind a type-level bomb', async () => {
    compiler.warmUp();
    // The worker loads TypeScript first; a first compile makes sure that is done.
    expect((await compiler.compile(fileOf('pass/alternative', 'warm.ts'), null)).kind).toBe('compiled');
    const bomb = compiler.typecheck(fileOf('hostile/type-bomb', 'bomb.ts'));
    const honest = compiler.compile(fileOf('pass/alternative', 'honest.ts'), 'qkv-projection');
    const [bombed, compiled] = await Promise.all([bomb, honest]);
    // The native checker may run out of memory before it runs out of time.
    expect(['timeout', 'out-of-memory']).toContain(bombed.kind);
    expect(compiled.kind).toBe('compiled');
  });
});
