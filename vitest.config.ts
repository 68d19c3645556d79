import { defineConfig } from 'vitest/config';

// Two tiers: `unit` needs no database and runs first (fast feedback); `integration` runs against one real
// Neo4j for the whole run (test/integration/global-setup.ts). Integration suites share that database, so
// they run one file at a time; each works in its own organization or framework ids where it can.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
