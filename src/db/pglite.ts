import { PGlite } from '@electric-sql/pglite';
import { refuseAfterLast, type Database } from './database.ts';

const INT8 = 20;
const NUMERIC = 1700;

export interface PgliteOptions {
  /**
   * Start from this copy of a data directory (made by `dumpDataDir`) instead of an empty
   * cluster: that skips initdb, seconds of CPU in WebAssembly. The tests start each database
   * from one migrated copy this way.
   */
  loadDataDir?: Blob | undefined;
  /**
   * PostgreSQL's shared_buffers, e.g. `16MB` (PGlite's default is 128MB). Each start fills the
   * whole pool in WebAssembly memory: 128MB is about half a second of CPU per start, half of
   * what starting costs. The tests, which start a small database per file, ask for less.
   */
  sharedBuffers?: `${number}MB` | undefined;
}

export interface PgliteDatabase extends Database {
  /** The whole data directory as an uncompressed tarball, for `loadDataDir`. */
  dumpDataDir(): Promise<Blob>;
}

/** Embedded PostgreSQL in a local folder (or in memory when `dataDir` is undefined). */
export async function openPglite(dataDir?: string, options: PgliteOptions = {}): Promise<PgliteDatabase> {
  const db = await PGlite.create(dataDir, {
    parsers: { [INT8]: (v: string) => Number(v), [NUMERIC]: (v: string) => Number(v) },
    ...(options.loadDataDir && { loadDataDir: options.loadDataDir }),
    ...(options.sharedBuffers && {
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${options.sharedBuffers}`],
    }),
  });
  return {
    kind: 'pglite',
    dumpDataDir: () => db.dumpDataDir('none'),
    query: (text, params) => db.query(text, params) as never,
    // PGlite serialises transactions itself: one writer at a time, as in a single connection.
    transaction: (work) =>
      db.transaction((tx) => {
        // One process, no round trips to save: the commit follows `queryLast` as usual, but a
        // statement after it is refused here too, so that such a mistake shows on both back ends.
        let ended = false;
        const open = () => refuseAfterLast(ended);
        return work({
          query: async (text, params) => {
            open();
            return (await tx.query(text, params)) as never;
          },
          exec: async (script) => {
            open();
            await tx.exec(script);
          },
          queryLast: async (text, params) => {
            open();
            ended = true;
            return (await tx.query(text, params)) as never;
          },
        });
      }),
    async exec(script) {
      await db.exec(script);
    },
    close: () => db.close(),
  };
}
