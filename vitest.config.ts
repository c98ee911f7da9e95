import { defineConfig } from 'vitest/config'

// Two projects: `unit` (domain, simulator, connectors against the in-process simulator, the database on SQLite and on
// the project's PostgreSQL, which its global setup starts); `temporal` runs workflows on one real Temporal dev server
// started by its global setup.
const TEMPORAL_TESTS = ['test/workflows/**/*.test.ts', 'test/e2e/**/*.test.ts', 'test/api/**/*.test.ts']

export default defineConfig({
  test: {
    pool: 'forks',
    // CI asks for a JSON report too (.ci/run prints its totals as a plain closing line).
    reporters: process.env.VITEST_JSON ? ['default', 'json'] : ['default'],
    outputFile: process.env.VITEST_JSON ? { json: process.env.VITEST_JSON } : undefined,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: TEMPORAL_TESTS,
          // Installs and starts the project's PostgreSQL when needed; the temporal project's tests use SQLite only.
          globalSetup: ['test/support/postgres-global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'temporal',
          include: TEMPORAL_TESTS,
          globalSetup: ['test/support/temporal-global-setup.ts'],
        },
      },
    ],
  },
})
