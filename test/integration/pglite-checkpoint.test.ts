/**
 * A folder-backed PGlite checkpoints on its own, regularly: otherwise the WAL grows to 1 GB
 * between checkpoints and the first start after a crash replays all of it (up to 100 s).
 * PGlite only: a PostgreSQL server has its own checkpointer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { openDatabase } from '../../src/db/open.ts';
import { seededDataDir } from '../helpers/backends.ts';
import { tempDir } from '../helpers/server-process.ts';

describe('PGlite in a folder', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('checkpoints regularly, so that recovery after a crash replays little', async () => {
    const dir = tempDir('stockroom-checkpoint-');
    cleanups.push(dir.remove);
    // The run's migrated database in the folder: no initdb, which is not what is tested here.
    const db: Database = await openDatabase({ dataDir: seededDataDir(dir.path), pgliteCheckpointMs: 100 });
    cleanups.push(() => db.close());
    const redo = async () =>
      (await db.query<{ lsn: string }>('select redo_lsn::text as lsn from pg_control_checkpoint()')).rows[0]!
        .lsn;
    const first = await redo();
    await db.exec(
      `create table filler (v text); insert into filler select repeat('x', 100) from generate_series(1, 1000)`,
    );
    const deadline = Date.now() + 20_000;
    let latest = first;
    while (latest === first && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      latest = await redo();
    }
    expect(latest, 'a checkpoint moved the redo point past the new writes').not.toBe(first);
  });
});
