import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import SlowestFirstSequencer from './test/helpers/sequencer.ts';

export default defineConfig({
  // The typed client from its source (clients/typescript), as the dashboard's Vite build sees it.
  resolve: {
    alias: {
      '@stockroom/client': fileURLToPath(new URL('clients/typescript/src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file gets its own PGlite instance and its own throwaway PostgreSQL database.
    fileParallelism: true,
    maxWorkers: 2,
    // The slow files start first when Vitest has no durations of its own (a fresh clone, CI).
    sequence: { sequencer: SlowestFirstSequencer },
    // Test receivers listen on loopback, which the SSRF policy refuses unless allowed
    // (src/app/outbound.ts); the policy's own tests build one with no allow list.
    env: { STOCKROOM_WEBHOOK_ALLOW_HOSTS: '127.0.0.1,localhost,::1' },
  },
});
