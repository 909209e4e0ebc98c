/**
 * `stockroom import` and `stockroom demo`, run as child processes against each back end, then
 * checked in the database. Each CLI run starts Node, tsx and the database (seconds with PGlite),
 * so the runs are few, and the database is checked once, after the reruns: exact quantities
 * then prove both that the first run received everything and that the rerun added nothing.
 * The tests share one database and run in order.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDemandHistory, demoPlan, readDemoSales } from '../../src/app/demo.ts';
import type { Database } from '../../src/db/database.ts';
import { openDatabase } from '../../src/db/open.ts';
import { allPositions } from '../../src/db/stock.ts';
import { runStockroom } from '../helpers/cli.ts';
import { backends, createThrowawayDatabase, pgAdminUrl, seededDataDir } from '../helpers/backends.ts';

const SLOW = 180_000;

const runCli = (args: string[], env: Record<string, string>) => runStockroom(args, env, SLOW);

const STOCK_CSV = `sku,name,price,unitCost,warehouse,qty
CLI-MUG,"Mug, white",4.50,2,,10
CLI-MUG,"Mug, white",4.50,2,AMS,3
CLI-TEE,T-shirt,12,,LON,7
CLI-TEE,T-shirt,12,,LON,5
CLI-CAP,Cap,,,,
`;

const BAD_CSV = `sku,name,price,unitCost,warehouse,qty
CLI-NEW,Fine row,1,0.5,LON,5
BAD SKU,Bad code,1,0.5,LON,5
CLI-NEW2,Bad numbers,abc,0.5,LON,-3
CLI-NEW3,Too many,1,0.5,LON,2000000000
`;

describe.each(backends())('CLI import and demo on $name', (backend) => {
  let dir: string;
  let env: Record<string, string>;
  let dropDatabase = async () => {};
  /** Opens the back end for a check; PGlite must be closed again before the next CLI run. */
  const withDb = async <T>(work: (db: Database) => Promise<T>): Promise<T> => {
    const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.STOCKROOM_DATA! });
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  };
  const positions = async (db: Database) =>
    new Map((await allPositions(db)).map((p) => [`${p.sku}@${p.warehouse}`, p.onHand]));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stockroom-cli-'));
    writeFileSync(join(dir, 'stock.csv'), STOCK_CSV);
    writeFileSync(join(dir, 'bad.csv'), BAD_CSV);
    if (backend.name === 'postgres') {
      const throwaway = await createThrowawayDatabase(pgAdminUrl()!);
      dropDatabase = throwaway.drop;
      env = { DATABASE_URL: throwaway.url, STOCKROOM_DATA: join(dir, 'unused') };
    } else {
      env = { DATABASE_URL: '', STOCKROOM_DATA: seededDataDir(join(dir, 'data')) };
    }
  });
  afterAll(async () => {
    await dropDatabase();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'imports all-or-nothing, and importing the same file again adds no stock',
    async () => {
      const file = join(dir, 'stock.csv');
      // The bad file is refused before the database is opened, so it may run alongside.
      const [refused, bad] = await Promise.all([
        runCli(['import', file, '--warehouse', 'LON'], env),
        runCli(['import', join(dir, 'bad.csv')], env),
      ]);
      expect(bad.code, bad.stderr).not.toBe(0);
      expect(bad.stderr).toContain('nothing was imported');
      expect(bad.stderr).toMatch(/line 3: sku "BAD SKU"/);
      expect(bad.stderr).toMatch(/line 4: price "abc"/);
      expect(bad.stderr).toMatch(/line 4: qty "-3"/);
      expect(bad.stderr).toMatch(/line 5: qty 2000000000 is more than/);
      expect(bad.stderr).not.toMatch(/line 2:/);

      expect(refused.code, refused.stderr).not.toBe(0);
      expect(refused.stderr, refused.stderr).toContain('unknown warehouse LON, AMS');
      expect(refused.stderr).toContain('--create-warehouses');

      const first = await runCli(['import', file, '--warehouse', 'LON', '--create-warehouses'], env);
      expect(first.stderr, first.stderr).toBe('');
      expect(first.code).toBe(0);
      // "3 new": the refused run wrote no SKU either.
      expect(first.stdout).toContain('3 SKUs (3 new, 0 updated), 25 units received in 2 receipts');

      const again = await runCli(['import', file, '--warehouse', 'LON'], env);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toContain('2 receipts (25 units) already imported');
    },
    SLOW,
  );

  it(
    'loads the demo, and loading it again adds no stock',
    async () => {
      const first = await runCli(['demo'], env);
      expect(first.stderr, first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toContain('500 SKUs (500 new, 0 updated)');
      expect(first.stdout).toContain('npm start');

      const again = await runCli(['demo'], env);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toContain('3 receipts');
      expect(again.stdout).toContain('already imported');
    },
    SLOW,
  );

  // One look at the database for both (opening PGlite costs seconds): exact quantities prove
  // that the first runs received everything and the reruns nothing.
  it(
    'holds exactly one import and one demo',
    async () => {
      await withDb(async (db) => {
        const stock = await positions(db);
        expect(Object.fromEntries([...stock].filter(([k]) => k.startsWith('CLI-')))).toEqual({
          'CLI-MUG@AMS': 3,
          'CLI-MUG@LON': 10,
          'CLI-TEE@LON': 12,
        });
        const { rows: skus } = await db.query<{ sku: string; name: string; price: number | null }>(
          `select sku, name, price from skus where sku like 'CLI-%' order by sku`,
        );
        // The bad file's good row (CLI-NEW) was not imported.
        expect(skus).toEqual([
          { sku: 'CLI-CAP', name: 'Cap', price: null },
          { sku: 'CLI-MUG', name: 'Mug, white', price: 4.5 },
          { sku: 'CLI-TEE', name: 'T-shirt', price: 12 },
        ]);
        const { rows: movements } = await db.query<{ reference: string; n: number }>(
          `select reference, count(*)::int as n from movements group by reference order by reference`,
        );
        expect(movements).toEqual([
          { reference: 'demo', n: 1500 },
          { reference: 'import:stock.csv', n: 3 },
        ]);

        // The demo made LON and AMS (created by the import with region "default") its own.
        const { rows: warehouses } = await db.query(`select code, region from warehouses order by code`);
        expect(warehouses).toEqual([
          { code: 'AMS', region: 'eu' },
          { code: 'LON', region: 'uk' },
          { code: 'NYC', region: 'row' },
        ]);
        const plan = demoPlan();
        expect(plan.skus.size).toBe(500);
        const { rows } = await db.query<{ n: number }>(
          `select count(*)::int as n from skus where sku = any($1::text[])`,
          [[...plan.skus.keys()]],
        );
        expect(rows[0]!.n).toBe(500);
        for (const [warehouse, skus] of plan.stock) {
          expect(skus.size).toBe(500);
          for (const [sku, qty] of skus) {
            expect(qty).toBeGreaterThan(0);
            // The import's SKUs are not demo SKUs, so each position is the demo's alone.
            expect(stock.get(`${sku}@${warehouse}`)).toBe(qty);
          }
        }
        // The sales history became each warehouse's demand history, once (the rerun replaced
        // it), ending before today, and every position has the demo supplier.
        const { rows: history } = await db.query<{ n: number; units: number; last: string }>(
          `select count(*)::int as n, sum(units)::int as units, max(day)::text as last from demand_history`,
        );
        const expected = demoDemandHistory(readDemoSales(), new Set(plan.skus.keys()), new Date());
        expect(history[0]!.n).toBe(expected.length);
        expect(history[0]!.units).toBe(expected.reduce((sum, l) => sum + l.units, 0));
        expect(history[0]!.last < new Date().toISOString().slice(0, 10)).toBe(true);
        const { rows: regions } = await db.query(`select code from regions order by code`);
        expect(regions).toEqual([{ code: 'eu' }, { code: 'row' }, { code: 'uk' }]);
        const { rows: policies } = await db.query<{ warehouse: string; n: number; lead: number }>(
          `select warehouse, count(*)::int as n, max(lead_time_days) as lead from replenishment_policies
           where supplier = 'GIFTCO' group by warehouse order by warehouse`,
        );
        expect(policies).toEqual([
          { warehouse: 'AMS', n: 500, lead: 14 },
          { warehouse: 'LON', n: 500, lead: 10 },
          { warehouse: 'NYC', n: 500, lead: 28 },
        ]);

        if (backend.name === 'pglite') {
          // The folder is open here: the CLI must refuse it rather than share it.
          const busy = await runCli(['import', join(dir, 'stock.csv'), '--warehouse', 'LON'], env);
          expect(busy.code, busy.stderr).not.toBe(0);
          expect(busy.stderr).toContain('is in use by process');
        }
      });
    },
    SLOW,
  );
});
