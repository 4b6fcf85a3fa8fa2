/**
 * Which of the rubric's checks a run grades. `grade` and `batch` grade them all; `autograde check`,
 * which students run on their own machines, grades the visible ones only. A check left out is left
 * out everywhere: its probe never runs, its static finder never reads the source, its reference
 * output is never computed or cached, and the report says only how many such checks there are and
 * what they are worth, never which.
 *
 * A run check may require a left-out one (a visible check after a hidden one). Running the hidden
 * check would reveal it, and skipping the visible one would say "needs a check you cannot see" and
 * leave the student nothing to act on. So the left-out prerequisite is replaced by its own
 * prerequisites, recursively: the check still waits for every run check it waited for before. The
 * report lists these checks, because when everything is graded they also need the hidden one.
 */
import type { ResolvedCheckRubric } from '../rubric/schema.js';
import type { WithheldChecks } from '../report/types.js';

export type CheckSelection = 'all' | 'visible';

export interface SelectedChecks {
  /** The checks to run, in the rubric's order; prerequisites name only checks that run. */
  checks: Map<string, ResolvedCheckRubric>;
  /** What was left out; null when the selection is every check. */
  withheld: WithheldChecks | null;
}

function isSelected(rubric: ResolvedCheckRubric, selection: CheckSelection): boolean {
  return selection === 'all' || rubric.visibility === 'visible';
}

/**
 * `withheldEarlier`: what a student kit's rubric says was left out of the kit itself (the hidden
 * checks are not in it at all); whatever this run selects, those are left out too.
 */
export function selectChecks(rubricChecks: ReadonlyMap<string, ResolvedCheckRubric>, selection: CheckSelection, withheldEarlier?: WithheldChecks): SelectedChecks {
  const selected = selectFrom(rubricChecks, selection);
  if (!withheldEarlier) return selected;
  const withheld = selected.withheld ?? { count: 0, points: 0, dependents: [] };
  return {
    checks: selected.checks,
    withheld: {
      count: withheld.count + withheldEarlier.count,
      points: Math.round((withheld.points + withheldEarlier.points) * 1000) / 1000,
      dependents: [...new Set([...withheldEarlier.dependents, ...withheld.dependents])].filter((id) => selected.checks.has(id)),
    },
  };
}

function selectFrom(rubricChecks: ReadonlyMap<string, ResolvedCheckRubric>, selection: CheckSelection): SelectedChecks {
  if (selection === 'all') return { checks: new Map(rubricChecks), withheld: null };
  const checks = new Map<string, ResolvedCheckRubric>();
  const dependents: string[] = [];
  let count = 0;
  let points = 0;
  // What each check's prerequisites come to once left-out checks are replaced by theirs. The
  // rubric lists a prerequisite before the check that needs it, so one pass in order suffices.
  const effectiveRequires = new Map<string, string[]>();
  for (const [id, rubric] of rubricChecks) {
    const requires = [...new Set(rubric.requires.flatMap((required) => (checks.has(required) ? [required] : (effectiveRequires.get(required) ?? []))))];
    effectiveRequires.set(id, requires);
    if (!isSelected(rubric, selection)) {
      count += 1;
      points += rubric.points;
      continue;
    }
    if (rubric.requires.some((required) => !checks.has(required))) dependents.push(id);
    checks.set(id, { ...rubric, requires });
  }
  // Rounded like scores, so that 0.1 + 0.2 points do not print as 0.30000000000000004.
  return { checks, withheld: { count, points: Math.round(points * 1000) / 1000, dependents } };
}
