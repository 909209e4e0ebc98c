/**
 * `GET /v1/admin/verify` (and the use case behind `stockroom verify`): clean after a mix of
 * events, then drift planted directly in the tables is reported with the position named.
 * The last test runs the CLI as a child process on a freshly migrated PGlite folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerifyProblem, VerifyReport } from '../../src/app/verify.ts';
import { verifyStock } from '../../src/app/verify.ts';
import { openDatabase } from '../../src/db/open.ts';
import { runStockroom } from '../helpers/cli.ts';
import { backends, seededDataDir } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness, type Reply } from '../helpers/harness.ts';

const SLOW = 180_000;

describe.each(backends())('verify on $name', (backend) => {
  let h: Harness;
  const expectOk = (r: Reply, status = 201) => {
    if (r.status !== status) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const verify = async (): Promise<VerifyReport> => expectOk(await h.call('GET', '/v1/admin/verify'), 200);
  const of = (r: VerifyReport, invariant: number) => r.problems.filter((p) => p.invariant === invariant);

  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, ['MUG', 'TEE', 'CAP']);
    expectOk(
      await h.call('POST', '/v1/receipts', {
        warehouse: 'LON',
        lines: [
          { sku: 'MUG', qty: 20 },
          { sku: 'TEE', qty: 8, inspect: true },
          { sku: 'CAP', qty: 5 },
        ],
      }),
    );
    expectOk(await h.call('POST', '/v1/receipts', { warehouse: 'AMS', lines: [{ sku: 'MUG', qty: 4 }] }));
    expectOk(await h.call('POST', '/v1/orders', { orderId: 'v-1', lines: [{ sku: 'MUG', qty: 5 }] }));
    expectOk(await h.call('POST', '/v1/orders', { orderId: 'v-2', lines: [{ sku: 'CAP', qty: 2 }] }));
    expectOk(await h.call('POST', '/v1/orders', { orderId: 'v-3', lines: [{ sku: 'MUG', qty: 1 }] }));
    expectOk(await h.call('POST', '/v1/orders/v-1/shipments'));
    expectOk(await h.call('POST', '/v1/orders/v-3/cancel'), 200);
    expectOk(
      await h.call('POST', '/v1/returns', {
        orderId: 'v-1',
        warehouse: 'LON',
        lines: [
          { sku: 'MUG', qty: 1, condition: 'sellable' },
          { sku: 'MUG', qty: 1, condition: 'damaged' },
        ],
      }),
    );
    // A transfer with a loss: units shipped, part received, part lost on the road.
    const t = expectOk(
      await h.call('POST', '/v1/transfers', { from: 'LON', to: 'AMS', lines: [{ sku: 'MUG', qty: 6 }] }),
    );
    expectOk(await h.call('POST', `/v1/transfers/${t.transferId}/ship`));
    expectOk(
      await h.call('POST', `/v1/transfers/${t.transferId}/receive`, {
        lines: [{ sku: 'MUG', received: 3, lost: 1, lossReason: 'missing on arrival' }],
      }),
    );
    // A loss that makes S negative: allowed, with an oversold record.
    expectOk(
      await h.call('POST', '/v1/adjustments', { warehouse: 'LON', sku: 'CAP', delta: -4, reason: 'stolen' }),
    );
  });
  afterAll(() => h.close());

  it('is clean after receipts, orders, shipments, returns, transfers and a loss', async () => {
    const r = await verify();
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ ok: true, problemCount: 0, positions: 4 });
    expect(r.movements).toBeGreaterThan(10);
    // 37 received + 2 returned - 5 shipped - 4 stolen = 30 = on hand + 2 in transit + 1 lost.
    expect(r.units).toEqual({ booked: 30, onHand: 27, inTransit: 2, lostInTransit: 1 });
    expect(Date.parse(r.checkedAt)).not.toBeNaN();
  });

  it('is for admins only', async () => {
    const { key } = expectOk(await h.call('POST', '/v1/api-keys', { name: 'ops', role: 'operator' }));
    const r = await h.call('GET', '/v1/admin/verify', undefined, { authorization: `Bearer ${key}` });
    expect(r.status).toBe(403);
  });

  it('reports a stored position that drifted from the ledger (invariants 3 and 4)', async () => {
    await h.db.query(
      `update stock_positions set on_hand = on_hand + 1 where sku = 'MUG' and warehouse = 'AMS'`,
    );
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(of(r, 3)).toEqual([
      expect.objectContaining({
        sku: 'MUG',
        warehouse: 'AMS',
        details: expect.objectContaining({ differences: { onHand: { stored: 8, rebuilt: 7 } } }),
      }),
    ]);
    const four = of(r, 4);
    expect(four).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ details: expect.objectContaining({ difference: -1 }) }),
        expect.objectContaining({ sku: 'MUG', details: expect.objectContaining({ difference: -1 }) }),
      ]),
    );
    expect(four.every((p: VerifyProblem) => p.sku === undefined || p.sku === 'MUG')).toBe(true);
    expect(r.problemCount).toBe(r.problems.length);
    await h.db.query(
      `update stock_positions set on_hand = on_hand - 1 where sku = 'MUG' and warehouse = 'AMS'`,
    );
    expect((await verify()).ok).toBe(true);
  });

  it('reports reservations that do not match open allocations (invariant 5)', async () => {
    await h.db.query(`update order_allocations set qty = qty + 1 where order_id = 'v-2'`);
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      expect.objectContaining({
        invariant: 5,
        sku: 'CAP',
        warehouse: 'LON',
        details: expect.objectContaining({ reserved: 2, openAllocations: 3 }),
      }),
    ]);
    await h.db.query(`update order_allocations set qty = qty - 1 where order_id = 'v-2'`);
  });

  it('reports a negative S without an oversold record (invariant 1), held units over onHand (2)', async () => {
    await h.db.query(`delete from oversold_events where sku = 'CAP'`);
    // The CHECK constraint guards invariant 2; drop it to plant the drift it would catch.
    await h.db.query('alter table stock_positions drop constraint held_units_within_on_hand');
    await h.db.query(
      `update stock_positions set locked = on_hand + 1 where sku = 'TEE' and warehouse = 'LON'`,
    );
    const r = await verify();
    expect(of(r, 1)).toEqual([
      expect.objectContaining({
        sku: 'CAP',
        warehouse: 'LON',
        details: expect.objectContaining({ sellable: -1 }),
      }),
      expect.objectContaining({ sku: 'TEE', warehouse: 'LON' }),
    ]);
    expect(of(r, 2)).toEqual([
      expect.objectContaining({
        sku: 'TEE',
        warehouse: 'LON',
        details: expect.objectContaining({ onHand: 8 }),
      }),
    ]);
    expect(of(r, 3).map((p) => `${p.sku}@${p.warehouse}`)).toEqual(['TEE@LON']);
  });

  it('caps the problems listed, counting them all', async () => {
    const r = await verifyStock(h.ctx, 2);
    expect(r.problems).toHaveLength(2);
    expect(r.problemCount).toBeGreaterThan(2);
  });
});

describe('stockroom verify (CLI)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'stockroom-verify-'));
    seededDataDir(join(dir, 'data'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const runVerify = () =>
    runStockroom(['verify'], { DATABASE_URL: '', STOCKROOM_DATA: join(dir, 'data') }, SLOW);

  it(
    'exits 0 on a freshly migrated PGlite folder, 1 with a summary of the drift',
    async () => {
      const clean = await runVerify();
      expect(clean.code, clean.stderr).toBe(0);
      expect(clean.stdout).toMatch(/^OK: 0 positions, 0 movements checked in/);

      // A movement with no stored position: the ledger and the positions disagree.
      const db = await openDatabase({ dataDir: join(dir, 'data') });
      try {
        await db.query(`insert into warehouses (code, name, region, created_at, updated_at)
                        values ('LON', 'LON', 'uk', now(), now())`);
        await db.query(
          `insert into skus (sku, name, created_at, updated_at) values ('MUG', 'Mug', now(), now())`,
        );
        await db.query(`insert into movements (at, sku, warehouse, type, qty, d_on_hand)
                        values (now(), 'MUG', 'LON', 'receipt', 3, 3)`);
      } finally {
        await db.close();
      }
      const drift = await runVerify();
      expect(drift.code, drift.stderr).toBe(1);
      expect(drift.stdout).toMatch(/^DRIFT: 0 positions, 1 movements checked in/);
      expect(drift.stdout).toContain(
        '[3] MUG@LON: the ledger has movements for a position that is not stored',
      );
      expect(drift.stdout).toContain('[4] MUG: units of this SKU are not conserved');
    },
    SLOW,
  );
});
