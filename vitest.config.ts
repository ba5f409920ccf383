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
        // processes: one file at a time, so a 2-core machine is not oversubscribed by them.
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          pool: 'forks',
          fileParallelism: false,
        },
      },
    ],
  },
});
