/**
 * Who is to blame when a judge throws. A judge is the grader's code, so throwing is its bug; but
 * the value it threw on was shaped by the student, and a student must not be able to turn a wrong
 * answer into an unscored check by returning something odd. So: a throw on a value shaped like the
 * reference's (the same kinds, lengths, keys and tensor shapes) is the grader's fault, an
 * `internal-error`; a throw on anything else is a `failed` that says what came back.
 *
 * Static checks are judged here too, from what their finders reported in the compile worker. The
 * findings are the grader's own reading of the source, so a finder that threw, or a judge that
 * throws on what a finder found, is the grader's fault whatever the source holds; only a source
 * nested too deeply to be read is the student's.
 */
import { describeWire, isShapedLike } from '../checks/compare.js';
import type { StaticCheck, Verdict } from '../checks/types.js';
import type { StaticFinding } from '../compile/compile-protocol.js';
import type { Wire } from '../runtime/protocol.js';

export type JudgedOutcome = { kind: 'verdict'; verdict: Verdict } | { kind: 'judge-failed'; message: string };

/** The judge's verdict, or the reason it threw. */
function runJudge(judge: () => Verdict): { verdict: Verdict } | { reason: string } {
  try {
    return { verdict: judge() };
  } catch (error) {
    return { reason: error instanceof Error ? error.message : String(error) };
  }
}

function graderFailed(reason: string): JudgedOutcome {
  return { kind: 'judge-failed', message: `The grader failed while judging this check: ${reason}` };
}

/** A runtime check's judge, on what the probe returned and what the reference did. */
export function judgeSafely(judge: () => Verdict, actual: Wire, expected: Wire): JudgedOutcome;
/** A static check's judge, on what its finder reported in the compile worker (undefined: nothing). */
export function judgeSafely(check: StaticCheck, finding: StaticFinding | undefined): JudgedOutcome;
export function judgeSafely(judgeOrCheck: (() => Verdict) | StaticCheck, actualOrFinding: Wire | StaticFinding | undefined, expected?: Wire): JudgedOutcome {
  if (typeof judgeOrCheck === 'function') return judgeValue(judgeOrCheck, actualOrFinding as Wire, expected as Wire);
  return judgeFindings(judgeOrCheck, actualOrFinding as StaticFinding | undefined);
}

function judgeValue(judge: () => Verdict, actual: Wire, expected: Wire): JudgedOutcome {
  const judged = runJudge(judge);
  if ('verdict' in judged) return { kind: 'verdict', verdict: judged.verdict };
  if (isShapedLike(actual, expected)) return graderFailed(judged.reason);
  return {
    kind: 'verdict',
    verdict: {
      status: 'failed',
      message: `What your code returned cannot be judged: it is ${describeWire(actual)}, where the reference returns ${describeWire(expected)}. Return values of the types and shapes the skeleton's signature gives.`,
    },
  };
}

function judgeFindings(check: StaticCheck, finding: StaticFinding | undefined): JudgedOutcome {
  if (finding === undefined) return { kind: 'judge-failed', message: 'The compile worker did not report on this check.' };
  switch (finding.kind) {
    case 'found': {
      const judged = runJudge(() => check.judge(finding.findings));
      return 'verdict' in judged ? { kind: 'verdict', verdict: judged.verdict } : graderFailed(judged.reason);
    }
    case 'too-deep':
      return {
        kind: 'verdict',
        verdict: {
          status: 'failed',
          message: 'The code this check reads nests too deeply for the grader to follow (it ran out of stack): write it with fewer levels of nesting and fewer chained helpers.',
        },
      };
    case 'finder-failed':
      return graderFailed(finding.message);
  }
}
