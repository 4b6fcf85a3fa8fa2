/**
 * Type checks for the submissions of one grader run, done in groups ahead of grading. Checking
 * sixteen files in one program costs a fraction of checking them one at a time (about an eighth
 * with the JS checker, see TypecheckProgram; a third with the native one), and type errors are
 * only warnings, so nothing waits for them but the report.
 *
 * Submissions the run will grade are announced with `plan`; asking for the first of them sends it
 * together with the next ones still unchecked. A group that fails (a type-level bomb among them)
 * says nothing about which file did it, so each of its files is then checked alone. A file that is
 * not planned, or whose text changed since it was read for its group, is checked alone too.
 */
import type { Compiler, SourceToCompile, TypecheckOutcome } from '../compile/compiler.js';
import { readSubmission } from './read-submission.js';

/** Large enough to spread the checker's start over many files, small enough to be ready early. */
const GROUP_SIZE = 16;
/** A group of honest files takes well under a second; a bomb among them need not cost the rubric's whole limit before its files are checked one by one. */
const GROUP_LIMIT_MS = 10_000;

type Planned = { source: string; outcome: Promise<TypecheckOutcome | null> };

export class TypecheckAhead {
  private readonly unsent: SourceToCompile[] = [];
  private readonly unsentByPath = new Map<string, SourceToCompile>();
  private readonly planned = new Map<string, Planned>();

  constructor(private readonly compiler: Compiler) {}

  /** Files about to be graded, in the order they will be asked for. */
  plan(files: SourceToCompile[]): void {
    for (const file of files) {
      if (this.unsentByPath.has(file.displayPath) || this.planned.has(file.displayPath)) continue;
      this.unsent.push(file);
      this.unsentByPath.set(file.displayPath, file);
    }
  }

  async check(file: SourceToCompile): Promise<TypecheckOutcome> {
    if (this.unsentByPath.has(file.displayPath)) this.sendGroupFrom(file.displayPath);
    const planned = this.planned.get(file.displayPath);
    this.planned.delete(file.displayPath);
    const grouped = planned && planned.source === file.source ? await planned.outcome : null;
    return grouped ?? this.compiler.typecheck(file);
  }

  private sendGroupFrom(displayPath: string): void {
    const start = this.unsent.findIndex((file) => file.displayPath === displayPath);
    const group = this.unsent.splice(start, GROUP_SIZE);
    for (const file of group) this.unsentByPath.delete(file.displayPath);
    const outcome = this.compiler.typecheckGroup(group, GROUP_LIMIT_MS);
    group.forEach((file, k) => {
      this.planned.set(file.displayPath, {
        source: file.source,
        // Each file's share of the group's time: what checking it cost, not how long it waited.
        outcome: outcome.then((o) => (o.kind === 'checked' ? { kind: 'checked', diagnostics: o.diagnostics[k], durationMs: o.durationMs / group.length } : null)),
      });
    });
  }
}

/** Reads each file for `plan`; one that cannot be read, or is too large to, is left out, and reported when graded. */
export function readForPlan(files: Array<{ file: string; displayPath: string }>, fileName: string): SourceToCompile[] {
  return files.flatMap(({ file, displayPath }) => {
    try {
      const { source } = readSubmission(file, displayPath);
      return source === null ? [] : [{ source, fileName, displayPath }];
    } catch {
      return [];
    }
  });
}
