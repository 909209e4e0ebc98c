import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file gets its own PGlite instance and its own throwaway PostgreSQL database.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
