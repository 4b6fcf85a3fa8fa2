import { defineConfig } from 'vitest/config';

/** What every project shares: end-to-end and integration tests start real sandboxes and wait out real time limits. */
const limits = { testTimeout: 180_000, hookTimeout: 300_000 };

/**
 * `npm test`: three projects, told apart by what a test may start. Validation of the exercises
 * (tests/validate) is not among them: it is `npm run validate`, with its own config.
 */
export default defineConfig({
  test: {
    // Before any test: the CLI, the sandboxed runner and the compile worker all run from dist/.
    globalSetup: ['tests/support/build-dist.ts'],
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        // Pure tests, in-process only: starting a process or a worker thread throws here.
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], setupFiles: ['tests/support/in-process-only.ts'], ...limits },
      },
      {
        // The grader's parts that start processes: sandboxed runners, probes, xmllint.
        test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], ...limits },
      },
      {
        // The CLI as a user runs it (bin/autograde.js, from dist/).
        test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], ...limits },
      },
    ],
  },
});
