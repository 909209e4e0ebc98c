/**
 * How long the insights reports take (`npx tsx bench/insights.ts`), on the demo and on a
 * generated catalogue with a year of history.
 *
 * Creates a throwaway PostgreSQL database and migrates it, then:
 * 1. loads the demo (`stockroom demo`: 500 SKUs, 3 warehouses) and times every report over the
 *    last 30 days by day;
 * 2. into a second throwaway database, bulk-loads BENCH_SKUS SKUs (default 100,000) at two
 *    warehouses with a year of ledger (2029): a receipt of 40 units on the 1st of each month and
 *    a sale of 1 to 7 units each Monday, as ledger deltas only, so 12 + 52 movements per SKU;
 *    one SKU in ten has its unit cost changed on 1 July. Times every report over the year by
 *    week (the stock report also by day).
 *
 * The ceiling each time is measured in the same run on the same data: one aggregate scan of
 * the year's ledger (`select sku, sum(d_on_hand) from movements group by sku`), the least any
 * report reading the year's movements must do. Figures are ratios to it, plus seconds.
 *
 * Environment: BENCH_DATABASE_URL (admin connection; default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_SKUS (100000), BENCH_SKIP_DEMO=1 to skip part 1.
 */
import type { Static } from '@sinclair/typebox';
import { SYSTEM_ACTOR, type AppContext } from '../src/app/context.ts';
import { createContext } from '../src/app/create-context.ts';
import { REPORTS, runReport } from '../src/app/insights/index.ts';
import { ReportQuery, reportQuery } from '../src/http/routes/insights.ts';
import { validateRequest } from '../src/http/validation.ts';
import type { Database } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { openPostgres } from '../src/db/postgres.ts';
import { createThrowawayDatabase, DEFAULT_ADMIN_URL } from './throwaway-db.ts';

const SKUS = Number(process.env.BENCH_SKUS ?? 100_000);
const WAREHOUSES = ['WH-1', 'WH-2'];

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await f();
  return [performance.now() - t, r];
}

async function ceiling(db: Database): Promise<number> {
  const [ms] = await timed(() => db.query('select sku, sum(d_on_hand) from movements group by sku'));
  return ms;
}

/** A report query as the API reads it, the route's defaults filled in. */
const asRequested = (query: Static<typeof ReportQuery>) =>
  reportQuery(validateRequest(ReportQuery, 'querystring', query));

async function timeReports(ctx: AppContext, asked: Static<typeof ReportQuery>, label: string): Promise<void> {
  const query = asRequested(asked);
  const scan = await ceiling(ctx.db);
  console.log(`${label}: ledger scan (ceiling) ${seconds(scan)}`);
  for (const name of REPORTS) {
    const [ms] = await timed(() => runReport(ctx, name, query, SYSTEM_ACTOR));
    console.log(`  ${name.padEnd(18)} ${seconds(ms).padStart(9)}  ${(ms / scan).toFixed(2)}x the scan`);
  }
  if (query.bucket !== 'day') {
    const [ms] = await timed(() => runReport(ctx, 'stock', { ...query, bucket: 'day' }, SYSTEM_ACTOR));
    console.log(
      `  ${'stock by day'.padEnd(18)} ${seconds(ms).padStart(9)}  ${(ms / scan).toFixed(2)}x the scan`,
    );
  }
}

async function demo(adminUrl: string): Promise<void> {
  const throwaway = await createThrowawayDatabase(adminUrl);
  const db = openPostgres(throwaway.url, { max: 4 });
  try {
    await migrate(db);
    const { loadDemo } = await import('../src/app/demo.ts');
    const [ms] = await timed(() => loadDemo(db));
    console.log(`demo loaded in ${seconds(ms)}`);
    const ctx = createContext(db);
    await timeReports(ctx, { bucket: 'day' }, 'demo, last 30 days by day');
  } finally {
    await db.close();
    await throwaway.drop();
  }
}

async function generated(adminUrl: string): Promise<void> {
  const throwaway = await createThrowawayDatabase(adminUrl);
  const db = openPostgres(throwaway.url, { max: 4 });
  try {
    await migrate(db);
    const start = '2029-01-01T00:00:00Z';
    let [ms] = await timed(async () => {
      await db.query(
        `select stockroom_ensure_movement_partition(m)
                        from generate_series($1::timestamptz, $1::timestamptz + interval '12 months', interval '1 month') m`,
        [start],
      );
      await db.query(
        `insert into warehouses (code, name, region, created_at, updated_at)
         select w, w, 'bench', $2, $2 from unnest($1::text[]) w`,
        [WAREHOUSES, start],
      );
      await db.query(
        `insert into skus (sku, name, unit_cost, price, created_at, updated_at)
         select 'SKU-' || lpad(i::text, 6, '0'), 'Item ' || i, 2 + (i % 50) * 0.25, 5 + (i % 50) * 0.6, $2, $2
           from generate_series(1, $1) i`,
        [SKUS, start],
      );
      // Each SKU lives at one warehouse (alternating), as most of a catalogue does.
      await db.query(
        `insert into movements (at, sku, warehouse, type, qty, d_on_hand)
         select at, 'SKU-' || lpad(i::text, 6, '0'), ($3::text[])[1 + i % 2], type, qty, d
           from generate_series(1, $1) i
           cross join lateral (
             select m + interval '8 hours' as at, 'receipt' as type, 40 as qty, 40 as d
               from generate_series($2::timestamptz, $2::timestamptz + interval '11 months', interval '1 month') m
             union all
             select w + interval '14 hours', 'ship', 1 + (i + extract(week from w)::int) % 7,
                    -(1 + (i + extract(week from w)::int) % 7)
               from generate_series($2::timestamptz - interval '1 day' + interval '7 days', $2::timestamptz + interval '363 days', interval '7 days') w
           ) x`,
        [SKUS, start, WAREHOUSES],
      );
      await db.query(
        `insert into stock_positions (sku, warehouse, on_hand, updated_at)
         select sku, warehouse, sum(d_on_hand), now() from movements group by sku, warehouse`,
      );
      await db.query(
        `update skus set unit_cost = unit_cost + 1, updated_at = '2029-07-01T00:00:00Z' where right(sku, 1) = '7'`,
      );
      await db.query('analyze');
    });
    const { rows } = await db.query<{ n: string }>('select count(*) as n from movements');
    console.log(`generated ${SKUS} SKUs, ${rows[0]!.n} movements over 2029 in ${seconds(ms)}`);
    const ctx = createContext(db, { clock: () => new Date('2030-01-01T00:00:00Z') });
    if (process.env.BENCH_EXPLAIN) await explain(db, process.env.BENCH_EXPLAIN as (typeof REPORTS)[number]);
    [ms] = await timed(() =>
      timeReports(
        ctx,
        { from: '2029-01-01', to: '2029-12-31', bucket: 'week' },
        `${SKUS} SKUs, 2029 by week`,
      ),
    );
    console.log(`all reports in ${seconds(ms)}`);
  } finally {
    await db.close();
    await throwaway.drop();
  }
}

/** BENCH_EXPLAIN=<report>: prints the plans of that report's statements (to see where time goes). */
async function explain(db: Database, name: (typeof REPORTS)[number]): Promise<void> {
  const explaining: Database = {
    ...db,
    query: (async (sql: string, params?: unknown[]) => {
      if (!/^\s*(with|select)/i.test(sql) || !sql.includes('movements')) return db.query(sql, params);
      const { rows } = await db.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${sql}`, params);
      console.log(rows.map((r) => r['QUERY PLAN']).join('\n'));
      return { rows: [], rowCount: 0 };
    }) as Database['query'],
  };
  const ctx = createContext(explaining, { clock: () => new Date('2030-01-01T00:00:00Z') });
  const query = asRequested({ from: '2029-01-01', to: '2029-12-31', bucket: 'week' });
  await runReport(ctx, name, query, SYSTEM_ACTOR).catch(() => undefined);
}

async function main() {
  const adminUrl = process.env.BENCH_DATABASE_URL || DEFAULT_ADMIN_URL;
  if (process.env.BENCH_SKIP_DEMO !== '1') await demo(adminUrl);
  await generated(adminUrl);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
