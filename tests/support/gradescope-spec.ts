/**
 * What Gradescope's specification (https://gradescope-autograders.readthedocs.io/en/latest/specs/)
 * asks of any results.json, whatever the submission: shared by the reporter's tests and the
 * autograder's end-to-end test.
 */
import { expect } from 'vitest';
import type { GradescopeResults } from '../../grader/reporters/gradescope-reporter.js';

const VISIBILITIES = ['hidden', 'after_due_date', 'after_published', 'visible'];
const FORMATS = ['text', 'simple_format', 'html', 'md', 'ansi'];
// Every key the specification lists, at the top level and on a test; nothing else may appear.
const TOP_LEVEL_KEYS = ['score', 'execution_time', 'output', 'output_format', 'test_output_format', 'test_name_format', 'visibility', 'stdout_visibility', 'extra_data', 'tests', 'leaderboard'];
const TEST_KEYS = ['score', 'max_score', 'status', 'name', 'name_format', 'number', 'output', 'output_format', 'tags', 'visibility', 'extra_data'];

/** What the specification asks of any results.json, whatever the submission. */
export function expectValidResults(results: GradescopeResults): void {
  for (const key of Object.keys(results)) expect(TOP_LEVEL_KEYS).toContain(key);
  expect(typeof results.score).toBe('number');
  expect(results.execution_time).toBeGreaterThanOrEqual(0);
  expect(typeof results.output).toBe('string');
  expect(results.output.length).toBeGreaterThan(0);
  for (const format of [results.output_format, results.test_output_format, results.test_name_format]) expect(FORMATS).toContain(format);
  expect(VISIBILITIES).toContain(results.visibility);
  expect(VISIBILITIES).toContain(results.stdout_visibility);
  expect(Array.isArray(results.tests)).toBe(true);
  for (const test of results.tests) {
    for (const key of Object.keys(test)) expect(TEST_KEYS).toContain(key);
    expect(typeof test.name).toBe('string');
    expect(typeof test.output).toBe('string');
    expect(typeof test.score).toBe('number');
    expect(typeof test.max_score).toBe('number');
    expect(test.score).toBeGreaterThanOrEqual(0);
    expect(test.score).toBeLessThanOrEqual(test.max_score);
    expect(['passed', 'failed']).toContain(test.status);
    expect(VISIBILITIES).toContain(test.visibility);
    expect(FORMATS).toContain(test.name_format);
    expect(FORMATS).toContain(test.output_format);
    expect(test.number).toMatch(/^\d+\.\d+$/);
    expect(test.tags.every((tag) => typeof tag === 'string')).toBe(true);
  }
  expect(new Set(results.tests.map((test) => test.number)).size).toBe(results.tests.length);
  // The top-level score overrides the tests' total: the two must agree.
  expect(results.tests.reduce((sum, test) => sum + test.score, 0)).toBeCloseTo(results.score, 9);
}

