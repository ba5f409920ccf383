import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/support/plain-summary-reporter.ts'],
    projects: [
      {
        // Pure tests: no servers, no clusters. Worker threads, files in parallel.
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], pool: 'threads', maxWorkers: 2 },
      },
      {
        // Integration and end-to-end tests start real PostgreSQL clusters, lab servers and CLI
        // processes, in forks. Two files at a time: much of a file's time is spent waiting (runs
        // paced by their plan, processes starting), so two overlap well on a 2-core machine; no
        // test asserts a duration, so a busy machine makes them slower, not red.
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          pool: 'forks',
          maxWorkers: 2,
        },
      },
    ],
  },
});
