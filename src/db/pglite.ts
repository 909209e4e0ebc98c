import { PGlite } from '@electric-sql/pglite';
import type { Database } from './database.ts';

const INT8 = 20;
const NUMERIC = 1700;

/** Embedded PostgreSQL in a local folder (or in memory when `dataDir` is undefined). */
export async function openPglite(dataDir?: string): Promise<Database> {
  const db = await PGlite.create(dataDir, {
    parsers: { [INT8]: (v: string) => Number(v), [NUMERIC]: (v: string) => Number(v) },
  });
  return {
    kind: 'pglite',
    query: (text, params) => db.query(text, params) as never,
    // PGlite serialises transactions itself: one writer at a time, as in a single connection.
    transaction: (work) =>
      db.transaction((tx) =>
        work({
          query: (text, params) => tx.query(text, params) as never,
          exec: async (script) => void (await tx.exec(script)),
        }),
      ),
    async exec(script) {
      await db.exec(script);
    },
    close: () => db.close(),
  };
}
