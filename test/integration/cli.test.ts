/**
 * `stockroom import`, `stockroom demo` and the dashboard's "load the demo" (POST
 * /v1/admin/demo) on each back end, on one database the tests share in order: the import, then
 * the demo through the real CLI, then the demo again through the API, which must add nothing;
 * one look at the database then proves both that the first runs received everything and that
 * the reruns added nothing.
 *
 * A child process costs seconds (Node and the database start every time) and the demo about
 * fourteen seconds of CPU, so the demo is loaded twice per back end (the second load is the
 * point), once by each caller, and a child process runs only where the process is the point:
 * the exit code and message of a refused file, the demo from the built CLI, a PGlite folder in
 * use. The import's own cases run in-process, the same `runImport` on an open database.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiKey } from '../../src/app/api-keys.ts';
import { demoDemandHistory, demoPlan, readDemoSales } from '../../src/app/demo.ts';
import { runImport, type ImportOptions } from '../../src/cli/import.ts';
import { CliError } from '../../src/cli/open.ts';
import type { Database } from '../../src/db/database.ts';
import { allPositions } from '../../src/db/stock.ts';
import { backends, type Backend } from '../helpers/backends.ts';
import { cliDatabase, runStockroom, type CliDatabase } from '../helpers/cli.ts';
import { startHarness, type Harness } from '../helpers/harness.ts';

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

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stockroom-cli-'));
  writeFileSync(join(dir, 'stock.csv'), STOCK_CSV);
  writeFileSync(join(dir, 'bad.csv'), BAD_CSV);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('stockroom import through the real CLI', () => {
  it(
    'refuses a bad file with every bad row, exit 1, before it opens the database',
    async () => {
      // A database that cannot be reached: a file refused after opening it would say so instead.
      const bad = await runCli(['import', join(dir, 'bad.csv')], {
        DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
        STOCKROOM_DATA: join(dir, 'unused'),
      });
      expect(bad.code, bad.stderr).toBe(1);
      expect(bad.stdout).toBe('');
      expect(bad.stderr).toContain('nothing was imported');
      expect(bad.stderr).toMatch(/line 3: sku "BAD SKU"/);
      expect(bad.stderr).toMatch(/line 4: price "abc"/);
      expect(bad.stderr).toMatch(/line 4: qty "-3"/);
      expect(bad.stderr).toMatch(/line 5: qty 2000000000 is more than/);
      expect(bad.stderr).not.toMatch(/line 2:/);
      expect(bad.stderr).not.toContain('127.0.0.1');
      expect(bad.stderr).not.toContain('    at '); // a CliError is told without a stack
    },
    SLOW,
  );
});

describe.each(backends())('import and demo, through the CLI and the API, on $name', (backend) => {
  let where: CliDatabase;
  /** What `run` printed with console.log, and the CliError it threw, if any. */
  const captured = async (run: () => Promise<void>): Promise<{ out: string; refused?: string }> => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await run();
      return { out: log.mock.calls.map((c) => c.join(' ')).join('\n') };
    } catch (err) {
      if (!(err instanceof CliError)) throw err;
      return { out: log.mock.calls.map((c) => c.join(' ')).join('\n'), refused: err.message };
    } finally {
      log.mockRestore();
    }
  };
  const positions = async (db: Database) =>
    new Map((await allPositions(db)).map((p) => [`${p.sku}@${p.warehouse}`, p.onHand]));

  beforeAll(async () => {
    where = await cliDatabase(backend, mkdtempSync(join(dir, `${backend.name}-`)));
  });
  afterAll(() => where.drop());

  it('imports all-or-nothing, and importing the same file again adds no stock', async () => {
    const file = join(dir, 'stock.csv');
    const db = await where.open();
    const importing = (options: ImportOptions) =>
      captured(() => runImport(where.config, file, options, { db }));
    try {
      const refused = await importing({ warehouse: 'LON' });
      expect(refused.refused).toContain('unknown warehouse LON, AMS');
      expect(refused.refused).toContain('--create-warehouses');

      const first = await importing({ warehouse: 'LON', createWarehouses: true });
      expect(first.refused).toBeUndefined();
      // "3 new": the refused run wrote no SKU either.
      expect(first.out).toContain('3 SKUs (3 new, 0 updated), 25 units received in 2 receipts');

      const again = await importing({ warehouse: 'LON' });
      expect(again.refused).toBeUndefined();
      expect(again.out).toContain('2 receipts (25 units) already imported');
    } finally {
      // The next test's child process opens the same PGlite folder.
      await db.close();
    }
  });

  it(
    'loads the demo through the real CLI (the built one, as users run it)',
    async () => {
      const first = await runCli(['demo'], where.env);
      expect(first.stderr, first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toContain('500 SKUs (500 new, 0 updated)');
      expect(first.stdout).toContain('npm start');
    },
    SLOW,
  );

  describe('then through the API', () => {
    let h: Harness;
    beforeAll(async () => {
      // The harness on this test's database (the loader keeps its own clock: the real one).
      const shared: Backend = {
        name: backend.name,
        open: async () => {
          const db = await where.open();
          return { db, url: where.env.DATABASE_URL || null, drop: () => db.close() };
        },
      };
      h = await startHarness(shared);
    });
    afterAll(() => h.close());

    it(
      'loads it again for admins only, adding nothing',
      async () => {
        const { key } = await createApiKey(h.ctx, { name: 'op', role: 'operator' });
        const denied = await h.call('POST', '/v1/admin/demo', undefined, { authorization: `Bearer ${key}` });
        expect([denied.status, denied.body.error.code]).toEqual([403, 'forbidden']);

        const stock = (await h.call('GET', '/v1/stock/85123A')).body;
        expect(stock.positions.map((p: { warehouse: string }) => p.warehouse)).toEqual(['AMS', 'LON', 'NYC']);
        expect((await h.call('GET', '/v1/availability/85123A?region=uk')).status).toBe(200);

        const again = await h.call('POST', '/v1/admin/demo');
        expect(again.status).toBe(200);
        expect(again.body).toMatchObject({ skus: 500, skusCreated: 0, units: 0 });
        expect(again.body.historyDays).toBeGreaterThan(0);
        expect((await h.call('GET', '/v1/stock/85123A')).body.totals).toEqual(stock.totals);
      },
      SLOW,
    );

    // Exact quantities prove that the first runs received everything and the reruns nothing.
    it(
      'holds exactly one import and one demo',
      async () => {
        const db = h.db;
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
          const busy = await runCli(['import', join(dir, 'stock.csv'), '--warehouse', 'LON'], where.env);
          expect(busy.code, busy.stderr).not.toBe(0);
          expect(busy.stderr).toContain('is in use by process');
        }
      },
      SLOW,
    );
  });
});
