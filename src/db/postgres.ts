import pg from 'pg';
import type { Database, Transaction } from './database.ts';

const INT8 = 20;
const NUMERIC = 1700;

/** Quantities are bigint columns bounded far below 2^53, so JS numbers hold them exactly. */
const types = {
  getTypeParser(oid: number, format?: string) {
    if (oid === INT8 || oid === NUMERIC) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

export function openPostgres(url: string, options: { max?: number } = {}): Database {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 20, types });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', () => {});
  return {
    kind: 'postgres',
    query: (text, params) => pool.query(text, params) as never,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const tx: Transaction = {
          query: (text, params) => client.query(text, params) as never,
          exec: async (script) => void (await client.query(script)),
        };
        const result = await work(tx);
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async exec(script) {
      await pool.query(script);
    },
    close: () => pool.end(),
  };
}
