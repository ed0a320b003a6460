import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        // Integration tests: the CLI as a process, the database (PGlite by default; PostgreSQL
        // with TEST_DATABASE=pg, see npm run test:pg).
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // *-pg.test.ts need PostgreSQL and its client tools (pg_dump, psql): npm run test:pg only.
          exclude: process.env.TEST_DATABASE === 'pg' ? [] : ['test/integration/**/*-pg.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Browser tests: Playwright driving Debian's Chromium (npm run test:e2e).
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Tests that read ../shared (third-party data, the worked examples). A user's clone has none.
        test: {
          name: 'shared',
          include: ['test/shared/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
    ],
  },
});
