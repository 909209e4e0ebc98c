/**
 * The order test files start in. A few workers share the run (vitest.config.ts), so its wall
 * time is at least the longest file and at most the files' sum over the workers plus the longest
 * file started last: the long files must start first (longest processing time first).
 *
 * Vitest orders by the durations it cached from an earlier run on this machine, which is right
 * when it has them. Without them (a fresh clone, CI) it orders by file size, and the slowest
 * files are small: `ledger-pglite.property.test.ts` is 600 bytes that run the ledger property
 * for minutes, and started last it alone stretched the run by its whole length. So without a
 * cache the files below start first, in this order (slowest first, from the per-file durations
 * of a full CI run), and the rest follow in Vitest's order. A stale list only costs time, never
 * a result: every file still runs.
 */
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export const SLOWEST_FIRST = [
  'test/e2e/dashboard-daily.test.ts',
  'test/e2e/dashboard.test.ts',
  'test/property/ledger-pglite.property.test.ts',
  'test/integration/restart.test.ts',
  'test/integration/cli.test.ts',
  'test/e2e/standing-orders.test.ts',
  'test/property/ledger-postgres.property.test.ts',
  'test/integration/shutdown.test.ts',
  'test/integration/locks.test.ts',
  'test/integration/nats-cluster.test.ts',
  'test/integration/event-stream-backpressure.test.ts',
  'test/concurrency/workers.test.ts',
  'test/integration/retention.test.ts',
  'test/integration/migrate-functions.test.ts',
  'test/integration/cli-stock.test.ts',
  'test/e2e/catalogue.test.ts',
  'test/integration/read-replicas.test.ts',
  'test/concurrency/two-processes.test.ts',
  'test/property/zones.property.test.ts',
  'test/integration/catalog-import.test.ts',
  'test/integration/hostile-input.test.ts',
];

export default class SlowestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const path = (f: TestSpecification) => relative(root, f.moduleId).replaceAll('\\', '/');
    const cached = sorted.every((f) => this.ctx.cache.getFileTestResults(`${f.project.name}:${path(f)}`));
    if (cached) return sorted;
    const rank = (f: TestSpecification) => {
      const i = SLOWEST_FIRST.indexOf(path(f));
      return i < 0 ? SLOWEST_FIRST.length : i;
    };
    // Array.prototype.sort is stable: the unlisted files keep Vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
