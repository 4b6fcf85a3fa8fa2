/**
 * Running a static check's finder in the compile worker. The worker reports what became of it, as
 * data; whether that passes, fails or is the grader's fault is decided in the grader
 * (pipeline/judge-safely.ts).
 */
import type { FindContext, Findings, StaticCheck } from '../checks/types.js';
import type { StaticFinding } from './compile-protocol.js';

/**
 * The parser, the transpiler, the analysis and the static checks' finders all recurse over the
 * syntax tree, so a file nested deeply enough (a few thousand parentheses) overflows the stack. That
 * is the file's doing, not the grader's: it is a compile error, or the static check's failure.
 */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /Maximum call stack size exceeded/.test(error.message);
}

/**
 * One finder's report, passed through JSON here as the channel would pass it: what the grader
 * judges is exactly what crossed, and a finder that returned something else (an AST node, say)
 * fails on its own instead of making the worker's whole answer unsendable.
 */
export function findSafely(check: StaticCheck, context: FindContext): StaticFinding {
  let findings: unknown;
  try {
    findings = check.find(context);
  } catch (error) {
    if (isStackOverflow(error)) return { kind: 'too-deep' };
    return { kind: 'finder-failed', message: error instanceof Error ? error.message : String(error) };
  }
  try {
    const text = JSON.stringify(findings);
    if (text === undefined) return { kind: 'finder-failed', message: `its finder returned ${typeof findings}, not JSON data` };
    return { kind: 'found', findings: JSON.parse(text) as Findings };
  } catch (error) {
    return { kind: 'finder-failed', message: `its finder's findings are not JSON data: ${(error as Error).message}` };
  }
}
