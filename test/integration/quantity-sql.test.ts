/**
 * The sellable rule and the quantity columns, spelled once: `stockroom_sellable` and
 * `stockroom_physically_free` (src/db/functions/) agree with the domain's rule, the planner
 * inlines them (so a query calling them is planned as the written-out expression was), and the
 * table of buckets and columns (src/db/quantity-columns.ts) names the schema's columns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { COLUMN, DELTA_COLUMN, physicallyFreeSql, sellableSql } from '../../src/db/quantity-columns.ts';
import { BUCKETS, heldOnHand, sellable, type Quantities } from '../../src/domain/quantities.ts';
import { backends } from '../helpers/backends.ts';

/** Deterministic quantities, some making S negative, with the extremes of each. */
function samples(): Quantities[] {
  let seed = 12345;
  const next = (max: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % (max + 1);
  };
  const out: Quantities[] = [];
  for (let i = 0; i < 200; i++) {
    const q = Object.fromEntries(
      BUCKETS.map((b) => [b, next(i % 10 === 0 ? 1_000_000_000 : 50)]),
    ) as Quantities;
    out.push(q);
  }
  return out;
}

describe.each(backends())('the quantity SQL on $name', (backend) => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await backend.open());
  });
  afterAll(async () => {
    await drop();
  });

  it('stockroom_sellable and stockroom_physically_free agree with the domain on every sample', async () => {
    const qs = samples();
    const { rows } = await db.query<{ s: string; free: string }>(
      `select ${sellableSql('q')} as s, ${physicallyFreeSql('q')} as free
       from jsonb_to_recordset($1::jsonb) as q(${BUCKETS.map((b) => `${COLUMN[b]} bigint`).join(', ')}, n int)
       order by q.n`,
      [
        JSON.stringify(
          qs.map((q, n) => ({ ...Object.fromEntries(BUCKETS.map((b) => [COLUMN[b], q[b]])), n })),
        ),
      ],
    );
    expect(rows.map((r) => Number(r.s))).toEqual(qs.map(sellable));
    expect(rows.map((r) => Number(r.free))).toEqual(qs.map((q) => q.onHand - heldOnHand(q)));
    expect(rows.some((r) => Number(r.s) < 0)).toBe(true);
  });

  it('the planner inlines both: a plan names the columns, never the functions', async () => {
    for (const sql of [
      `select ${sellableSql('p')} as s, ${physicallyFreeSql('p')} as free from stock_positions p
       where ${sellableSql('p')} > 0`,
      `select sum(${sellableSql('m', 'd_')}) from movements m where m.sku = 'X'`,
    ]) {
      const { rows } = await db.query<Record<string, unknown>>(`explain (verbose) ${sql}`);
      const plan = rows.map((r) => Object.values(r).join('')).join('\n');
      expect(plan).toMatch(/on_hand/);
      expect(plan).not.toMatch(/stockroom_sellable|stockroom_physically_free/);
    }
  });

  it('the table of buckets and columns names every quantity column of positions and movements', async () => {
    const columns = async (table: string) =>
      (
        await db.query<{ c: string }>(
          `select column_name as c from information_schema.columns
           where table_schema = 'public' and table_name = $1`,
          [table],
        )
      ).rows.map((r) => r.c);
    const positions = await columns('stock_positions');
    const movements = await columns('movements');
    for (const b of BUCKETS) {
      expect(positions, b).toContain(COLUMN[b]);
      expect(movements, b).toContain(DELTA_COLUMN[b]);
    }
    expect(movements.filter((c) => c.startsWith('d_')).sort()).toEqual(
      BUCKETS.map((b) => DELTA_COLUMN[b]).sort(),
    );
  });
});
