/**
 * How long `stockroom verify` takes on a large ledger (`npm run bench:verify`).
 *
 * Creates a throwaway PostgreSQL database, migrates it, bulk-loads BENCH_MOVEMENTS movements
 * (default 1,000,000) over BENCH_SKUS SKUs (10,000) at 5 warehouses in one INSERT ... SELECT
 * from generate_series, sets the stored positions to the ledger's sums (so the ledger is
 * consistent and verify must find nothing), runs verify BENCH_RUNS times (3), prints each
 * time, and drops the database.
 *
 * Each block of 10 movements hits one position: 5 receipts of 3 units, a reservation that
 * ships, one that is released, and a unit marked damaged; as ledger deltas only, without order
 * rows (every reservation is closed again, so reserved is 0 everywhere, as invariant 5 wants).
 *
 * Environment: BENCH_DATABASE_URL (admin connection; default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { createContext } from '../src/app/create-context.ts';
import { verifyStock } from '../src/app/verify.ts';
import { migrate } from '../src/db/migrate.ts';
import { openPostgres } from '../src/db/postgres.ts';
import { createThrowawayDatabase, DEFAULT_ADMIN_URL } from './throwaway-db.ts';

const MOVEMENTS = Number(process.env.BENCH_MOVEMENTS ?? 1_000_000);
const SKUS = Number(process.env.BENCH_SKUS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const WAREHOUSES = ['WH-1', 'WH-2', 'WH-3', 'WH-4', 'WH-5'];

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  const adminUrl = process.env.BENCH_DATABASE_URL || DEFAULT_ADMIN_URL;
  const throwaway = await createThrowawayDatabase(adminUrl);
  console.log(`throwaway database ${throwaway.name}`);
  const db = openPostgres(throwaway.url, { max: 4 });
  try {
    await migrate(db);
    let t = performance.now();
    await db.query(
      `insert into warehouses (code, name, region, created_at, updated_at)
       select w, w, 'bench', now(), now() from unnest($1::text[]) w`,
      [WAREHOUSES],
    );
    await db.query(
      `insert into skus (sku, name, created_at, updated_at)
       select 'SKU-' || lpad(i::text, 6, '0'), 'bench sku ' || i, now(), now()
       from generate_series(1, $1) i`,
      [SKUS],
    );
    // Movement i belongs to block b = i / 10; block b hits position b mod (SKUS * warehouses).
    await db.query(
      `insert into movements (at, sku, warehouse, type, qty, d_on_hand, d_reserved, d_damaged, reason, actor)
       select now() - interval '1 second' * ($1 - i), 'SKU-' || lpad((1 + p % $2)::text, 6, '0'),
         ($3::text[])[1 + (p / $2) % array_length($3::text[], 1)],
         k.type, k.qty, k.d_on_hand, k.d_reserved, k.d_damaged, 'bench', 'bench'
       from generate_series(0, $1 - 1) i
       cross join lateral (select (i / 10) % ($2 * array_length($3::text[], 1)) as p) pos
       join (values
         (0, 'receipt', 3, 3, 0, 0), (1, 'receipt', 3, 3, 0, 0), (2, 'receipt', 3, 3, 0, 0),
         (3, 'receipt', 3, 3, 0, 0), (4, 'receipt', 3, 3, 0, 0),
         (5, 'reserve', 1, 0, 1, 0), (6, 'ship', 1, -1, -1, 0),
         (7, 'reserve', 1, 0, 1, 0), (8, 'release', 1, 0, -1, 0),
         (9, 'damage', 1, 0, 0, 1))
         as k(slot, type, qty, d_on_hand, d_reserved, d_damaged) on k.slot = i % 10`,
      [MOVEMENTS, SKUS, WAREHOUSES],
    );
    await db.query(
      `insert into stock_positions (sku, warehouse, on_hand, reserved, damaged, updated_at)
       select sku, warehouse, sum(d_on_hand), sum(d_reserved), sum(d_damaged), now()
       from movements group by sku, warehouse`,
    );
    await db.query('analyze');
    const loaded = await db.query<{ movements: number; positions: number }>(
      `select (select count(*) from movements) as movements, (select count(*) from stock_positions) as positions`,
    );
    const { movements, positions } = loaded.rows[0]!;
    console.log(
      `loaded ${movements.toLocaleString('en')} movements over ${positions.toLocaleString('en')} positions in ${seconds(performance.now() - t)}`,
    );

    const ctx = createContext(db);
    const times: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      t = performance.now();
      const report = await verifyStock(ctx);
      const ms = performance.now() - t;
      times.push(ms);
      if (!report.ok || report.movements !== movements) {
        throw new Error(
          `verify found problems on a consistent ledger: ${JSON.stringify(report).slice(0, 2000)}`,
        );
      }
      console.log(
        `verify run ${run}: ok, ${report.positions.toLocaleString('en')} positions, ${report.movements.toLocaleString('en')} movements in ${seconds(ms)}`,
      );
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.log(
      `verify on ${movements.toLocaleString('en')} movements: first ${seconds(times[0]!)}, median ${seconds(sorted[Math.floor(sorted.length / 2)]!)}`,
    );
  } finally {
    await db.close();
    await throwaway.drop();
    console.log(`dropped ${throwaway.name}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
