import { describe, expect, it } from 'vitest';
import { selectChecks } from '../../../grader/pipeline/select-checks.js';
import type { ResolvedCheckRubric } from '../../../grader/rubric/schema.js';

function rubric(entries: Array<[string, Partial<ResolvedCheckRubric>]>): Map<string, ResolvedCheckRubric> {
  const base: ResolvedCheckRubric = { points: 1, visibility: 'visible', requires: [], tolerance: { atol: 0, rtol: 0 }, backendTolerance: {}, timeLimitMs: 1000 };
  return new Map(entries.map(([id, fields]) => [id, { ...base, ...fields }]));
}

describe('selectChecks', () => {
  const checks = rubric([
    ['a.shape', { points: 2 }],
    ['a.values', { points: 2, requires: ['a.shape'], visibility: 'hidden' }],
    ['a.more', { points: 1.5, requires: ['a.values'], visibility: 'hidden' }],
    ['a.after', { requires: ['a.more', 'a.shape'] }],
    ['b.own', {}],
    ['b.next', { requires: ['b.own'] }],
  ]);

  it('keeps every check, unchanged and with nothing withheld, for all', () => {
    const selected = selectChecks(checks, 'all');
    expect([...selected.checks.keys()]).toEqual([...checks.keys()]);
    expect(selected.checks.get('a.after')!.requires).toEqual(['a.more', 'a.shape']);
    expect(selected.withheld).toBeNull();
  });

  it('runs only the visible checks, in order, and counts the hidden ones and their points', () => {
    const selected = selectChecks(checks, 'visible');
    expect([...selected.checks.keys()]).toEqual(['a.shape', 'a.after', 'b.own', 'b.next']);
    expect(selected.withheld).toEqual({ count: 2, points: 3.5, dependents: ['a.after'] });
  });

  it("replaces a hidden prerequisite by its own, through chains of hidden checks, without duplicates", () => {
    const selected = selectChecks(checks, 'visible');
    // a.after needed a.more (hidden) → a.values (hidden) → a.shape, and a.shape itself.
    expect(selected.checks.get('a.after')!.requires).toEqual(['a.shape']);
    expect(selected.checks.get('b.next')!.requires).toEqual(['b.own']);
    const prerequisites = [...selected.checks.values()].flatMap((check) => check.requires);
    expect(prerequisites.every((id) => selected.checks.has(id))).toBe(true);
  });

  it('leaves a check that only needed hidden checks with no prerequisite', () => {
    const selected = selectChecks(rubric([['h.one', { visibility: 'hidden' }], ['v.two', { requires: ['h.one'] }]]), 'visible');
    expect(selected.checks.get('v.two')!.requires).toEqual([]);
    expect(selected.withheld).toEqual({ count: 1, points: 1, dependents: ['v.two'] });
  });

  it('withholds nothing when nothing is hidden', () => {
    expect(selectChecks(rubric([['x.one', {}]]), 'visible').withheld).toEqual({ count: 0, points: 0, dependents: [] });
  });
});
