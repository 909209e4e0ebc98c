/**
 * A test's PGlite: 16MB of shared buffers instead of 128MB, which halves the second it takes to
 * start (src/db/pglite.ts). A test's database is small, and the suite starts one per file and
 * back end. The servers and commands the tests start get the same 16MB from vitest.config.ts
 * (STOCKROOM_PGLITE_SHARED_BUFFERS); this helper names its value itself, so that it does not
 * depend on where it runs (the global setup builds the template with it too).
 */
import { openPglite, type PgliteDatabase, type PgliteOptions } from '../../src/db/pglite.ts';

export function openTestPglite(dataDir?: string, options: PgliteOptions = {}): Promise<PgliteDatabase> {
  return openPglite(dataDir, { sharedBuffers: '16MB', ...options });
}
