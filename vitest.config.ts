import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import SlowestFirstSequencer from './test/helpers/sequencer.ts';

function testWorkers(): number {
  const raw = process.env.STOCKROOM_TEST_WORKERS;
  if (raw === undefined || raw === '') return 3;
  const workers = Number(raw);
  if (!Number.isInteger(workers) || workers < 1) {
    throw new Error(`STOCKROOM_TEST_WORKERS must be a whole number of at least 1, got "${raw}"`);
  }
  return workers;
}

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
    // Three files at a time on the 2-core reference machine: many files spend part of their
    // time waiting (servers starting, restarts, timers, a browser), and with two workers the
    // cores idled through those waits. Measured on one quiet 2-core machine, whole suite:
    // 2 workers 447 s; 3 workers 365 s with the CPU idle 3.7% of the run (so a fourth would
    // mostly add contention), and 392-419 s from fresh clones, where nothing is built yet. STOCKROOM_TEST_WORKERS overrides it (1 to debug one file's output).
    maxWorkers: testWorkers(),
    // A worker runs its files one after another in one module graph instead of a fresh one per
    // file: isolated, every file paid about 1.8 s importing the app again and PGlite compiling
    // its WebAssembly again. Measured on 24 integration files: 145 s wall and 207 s CPU
    // isolated, 78 s and 105 s not. Files still get their own databases, servers and spies;
    // none may leave global state behind (environment, timers, mocks) for the next file.
    isolate: false,
    // The slow files start first when Vitest has no durations of its own (a fresh clone, CI).
    sequence: { sequencer: SlowestFirstSequencer },
    // Test receivers listen on loopback, which the SSRF policy refuses unless allowed
    // (src/app/outbound.ts); the policy's own tests build one with no allow list.
    // The servers and commands the tests start on PGlite keep a small page cache: 128MB costs
    // half a second of CPU at every start (src/db/pglite.ts), and the tests start dozens.
    env: {
      STOCKROOM_WEBHOOK_ALLOW_HOSTS: '127.0.0.1,localhost,::1',
      STOCKROOM_PGLITE_SHARED_BUFFERS: '16MB',
    },
  },
});
