import { defineConfig } from 'vitest/config';

/**
 * `npm run validate`: the exercises' validation (`autograde validate --all`), a mutation analysis of
 * several minutes that judges the exercises rather than the grader, so CI runs it as a step of its
 * own and `npm test` leaves it out. Its test file states what sound means, exercise by exercise.
 */
export default defineConfig({
  test: {
    include: ['tests/validate/**/*.test.ts'],
    // The CLI it runs is dist/'s.
    globalSetup: ['tests/support/build-dist.ts'],
    pool: 'forks',
    hookTimeout: 300_000,
  },
});
