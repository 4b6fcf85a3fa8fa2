import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createProgress, SLOW_STUDENT_MS } from '../../../grader/batch/progress.js';

/** A log that is not a terminal, and a clock the test moves. */
function setUp(overrides: { isTTY?: boolean; isQuiet?: boolean } = {}) {
  const lines: string[] = [];
  let time = 0;
  const stream = { isTTY: overrides.isTTY ?? false, write: (text: string) => lines.push(text) > 0 };
  const progress = createProgress({ total: 3, jobs: 2, resumed: 1, ungraded: 1, stream, isQuiet: overrides.isQuiet ?? false, now: () => time });
  const advance = (ms: number): void => {
    time += ms;
    vi.advanceTimersByTime(ms);
  };
  return { lines, progress, advance };
}

describe('batch progress', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('says at once what is to be done: how many students, how many at a time', () => {
    const { lines } = setUp();
    expect(lines).toEqual(['Grading 3 students (and 1 student with nothing to grade), 2 at a time, 1 of them kept from an earlier run.\n']);
  });

  it('prints a line every ten seconds in a log even when no student finishes, naming the one grading longest', () => {
    const { lines, progress, advance } = setUp();
    progress.began('ada');
    advance(2_000);
    progress.began('alan');
    progress.ended('ada', true);
    expect(lines).toHaveLength(1);
    advance(8_000);
    // alan has been grading 8 s: not long yet.
    expect(lines[1]).toBe('[1/3] 6.0/min, ETA 20s, 0 not passed\n');
    advance(SLOW_STUDENT_MS);
    expect(lines[2]).toBe('[1/3] 3.0/min, ETA 40s, 0 not passed, slowest in flight: alan (18s)\n');
    progress.ended('alan', false);
    progress.finish();
    expect(lines[3]).toBe('[2/3] 6.0/min, ETA 10s, 1 not passed\n');
    advance(60_000);
    expect(lines).toHaveLength(4);
  });

  it('redraws one line on a terminal, at each student and every second', () => {
    const { lines, progress, advance } = setUp({ isTTY: true });
    progress.began('ada');
    advance(1_000);
    expect(lines[1]).toBe('\r[0/3] 0.0/min, ETA ?, 0 not passed\x1b[K');
    progress.ended('ada', true);
    expect(lines[2]).toMatch(/^\r\[1\/3\]/);
    progress.finish();
    expect(lines.at(-1)).toMatch(/^\r\[1\/3\].*\x1b\[K\n$/);
  });

  it('prints nothing with --quiet', () => {
    const { lines, progress, advance } = setUp({ isQuiet: true });
    progress.began('ada');
    advance(30_000);
    progress.finish();
    expect(lines).toEqual([]);
  });
});
