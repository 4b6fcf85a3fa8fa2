/** Exit statuses course scripts can rely on. */
export const EXIT = {
  /** Graded, and at least --min-score where given. */
  ok: 0,
  /** Graded, but below --min-score. */
  belowMinScore: 1,
  /** `check`: a visible check did not pass (or the file does not compile). */
  checksFailed: 1,
  /** `validate`: the exercise is not sound; `skeleton --check`: a skeleton is out of date. */
  authoringFailed: 1,
  /** Bad command line, rubric or submission path: the caller can fix it. */
  usage: 2,
  /** The grader's own fault. */
  internal: 3,
} as const;
