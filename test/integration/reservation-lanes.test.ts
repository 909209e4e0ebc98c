/**
 * The reservation batcher's lanes (src/app/reservation-batcher.ts) and the statistics keeper
 * (src/app/statistics.ts). Lanes let orders on unrelated SKUs commit side by side; the guard
 * stays in the SQL write, so orders racing over shared SKUs through several lanes must still
 * sell exactly the stock there is, on both back ends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/app/create-context.ts';
import { placeOrder } from '../../src/app/orders.ts';
import { laneOf, ReservationBatcher } from '../../src/app/reservation-batcher.ts';
import { analyzeStaleTables } from '../../src/app/statistics.ts';
import { loadConfig } from '../../src/config.ts';
import { allPositions, rebuildPositionsFromLedger } from '../../src/db/stock.ts';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

const ADMIN = { id: 'test', role: 'admin' as const, warehouses: null };

describe('laneOf', () => {
  it('puts every order of one SKU in one lane, whatever else it holds, and spreads SKUs over all lanes', () => {
    const lane = laneOf({ lines: [{ sku: 'HOT-1', qty: 1 }] }, 4);
    for (let i = 0; i < 50; i++) {
      // An order's lane is its smallest SKU's: 'HOT-1' sorts before these.
      expect(
        laneOf(
          {
            lines: [
              { sku: `Z-${i}`, qty: 1 },
              { sku: 'HOT-1', qty: 2 },
            ],
          },
          4,
        ),
      ).toBe(lane);
    }
    const used = new Set(
      Array.from({ length: 100 }, (_, i) => laneOf({ lines: [{ sku: `SKU-${i}`, qty: 1 }] }, 4)),
    );
    expect(used).toEqual(new Set([0, 1, 2, 3]));
    expect(laneOf({ lines: [{ sku: 'ANY', qty: 1 }] }, 1)).toBe(0);
  });
});

describe('STOCKROOM_RESERVATION_LANES', () => {
  it('is 1 unless set, takes 1 to 16, and refuses anything else', () => {
    expect(loadConfig({}).reservationLanes).toBe(1);
    expect(loadConfig({ STOCKROOM_RESERVATION_LANES: '4' }).reservationLanes).toBe(4);
    expect(loadConfig({ STOCKROOM_RESERVATION_LANES: '16' }).reservationLanes).toBe(16);
    for (const bad of ['0', '17', '2.5', 'many', '-1']) {
      expect(() => loadConfig({ STOCKROOM_RESERVATION_LANES: bad })).toThrow(
        `STOCKROOM_RESERVATION_LANES must be a whole number from 1 to 16, got "${bad}"`,
      );
    }
  });
});

describe.each(backends())('reservation lanes on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, []);
  });
  afterAll(() => h.close());

  it('the context has the lanes asked for on PostgreSQL, and one on PGlite, which runs one transaction at a time', () => {
    const lanesOf = (ctx: ReturnType<typeof createContext>) => {
      expect(ctx.reservations).toBeInstanceOf(ReservationBatcher);
      return (ctx.reservations as ReservationBatcher).laneCount;
    };
    expect(lanesOf(createContext(h.db))).toBe(1);
    expect(lanesOf(createContext(h.db, {}, { reservationLanes: 4 }))).toBe(
      backend.name === 'postgres' ? 4 : 1,
    );
  });

  it('600 one- to three-line orders over 8 scarce SKUs through 4 lanes: reserved equals acknowledged', async () => {
    const skus = Array.from({ length: 8 }, (_, i) => `LANE-${i}`);
    const supply = new Map(skus.map((s, i) => [s, 20 + 10 * i]));
    for (const sku of skus) {
      expect((await h.call('PUT', `/v1/skus/${sku}`, { name: sku })).status).toBeLessThan(300);
      for (const warehouse of ['LON', 'AMS']) {
        const r = await h.call('POST', '/v1/receipts', {
          warehouse,
          lines: [{ sku, qty: supply.get(sku)! / 2 }],
        });
        expect(r.status).toBe(201);
      }
    }
    // Four lanes on either back end (PGlite's default is one): the guard must not care.
    const ctx = { ...h.ctx, reservations: new ReservationBatcher(h.db, h.ctx.clock, 256, () => {}, 4) };
    const orders = Array.from({ length: 600 }, (_, i) => {
      const n = 1 + (i % 3);
      const lines = Array.from({ length: n }, (_, k) => ({
        sku: skus[(i * 5 + k * 3) % skus.length]!,
        qty: 1 + (k % 2),
        ...(i % 4 === 0 && { warehouse: i % 8 ? 'LON' : 'AMS' }),
      }));
      return { orderId: `lane-${i}`, lines: i % 2 ? lines : [...lines].reverse() };
    });
    const settled = await Promise.allSettled(orders.map((o) => placeOrder(ctx, o, { actor: ADMIN })));
    const sold = new Map<string, number>();
    let placed = 0;
    for (const [i, s] of settled.entries()) {
      if (s.status === 'rejected') {
        expect((s.reason as { code?: string }).code).toBe('insufficient_stock');
        continue;
      }
      expect(s.value.created).toBe(true);
      placed++;
      for (const l of orders[i]!.lines) sold.set(l.sku, (sold.get(l.sku) ?? 0) + l.qty);
    }
    expect(placed).toBeGreaterThan(0);
    expect(placed).toBeLessThan(600);
    for (const sku of skus) {
      const stock = (await h.call('GET', `/v1/stock/${sku}`)).body;
      expect(stock.totals.reserved, sku).toBe(sold.get(sku) ?? 0);
      expect(stock.totals.reserved, sku).toBeLessThanOrEqual(supply.get(sku)!);
    }
    const { rows } = await h.db.query<{ n: number }>(
      `select count(*)::int as n from orders where order_id like 'lane-%'`,
    );
    expect(rows[0]!.n).toBe(placed);
    expect(await rebuildPositionsFromLedger(h.db)).toEqual(await allPositions(h.db));
  }, 300_000);

  it('64 orders arriving together through HTTP share a few transactions, not one each', async () => {
    // Embedded PGlite runs its queries without ever yielding to the event loop, so a batch
    // that started at once would hold back every request still being parsed: each order then
    // committed alone (1.0 orders a batch in the benchmark). The batcher yields first.
    expect((await h.call('PUT', '/v1/skus/TOGETHER', { name: 'together' })).status).toBeLessThan(300);
    const receipt = await h.call('POST', '/v1/receipts', {
      warehouse: 'LON',
      lines: [{ sku: 'TOGETHER', qty: 1000 }],
    });
    expect(receipt.status).toBe(201);
    const batches = async () => {
      const metric = await h.ctx.metrics.reservations.batchSize.get();
      const count = metric.values.find((v) => v.metricName === 'stockroom_reservation_batch_size_count');
      return count?.value ?? 0;
    };
    const before = await batches();
    const answers = await Promise.all(
      Array.from({ length: 64 }, (_, i) =>
        h.call('POST', '/v1/orders', {
          orderId: `together-${i}`,
          lines: [{ sku: 'TOGETHER', qty: 1, warehouse: 'LON' }],
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 64 }, () => 201));
    const used = (await batches()) - before;
    expect(used).toBeGreaterThan(0);
    expect(used).toBeLessThanOrEqual(8);
    const stock = (await h.call('GET', '/v1/stock/TOGETHER')).body;
    expect(stock.totals.reserved).toBe(64);
  });

  it('the statistics keeper analyzes tables much changed since their last ANALYZE (PostgreSQL)', async () => {
    if (backend.name !== 'postgres') {
      expect(await analyzeStaleTables(h.ctx)).toEqual([]);
      return;
    }
    for (let i = 0; i < 300; i++) {
      expect((await h.call('PUT', `/v1/skus/STAT-${i}`, { name: `stat ${i}` })).status).toBeLessThan(300);
    }
    // Counters reach pg_stat_user_tables when a backend reports them (at most a second after a
    // transaction, or when it goes idle): wait until the view shows the new SKUs.
    const deadline = Date.now() + 20_000;
    let analyzed: string[] = [];
    while (Date.now() < deadline) {
      analyzed = [...analyzed, ...(await analyzeStaleTables(h.ctx))];
      if (analyzed.includes('public.skus')) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(analyzed).toContain('public.skus');
    const { rows } = await h.db.query<{ reltuples: number; analyzed: boolean }>(
      `select c.reltuples::int as reltuples, t.last_analyze is not null as analyzed
       from pg_class c join pg_stat_user_tables t on t.relid = c.oid where c.relname = 'skus'`,
    );
    expect(rows[0]!.analyzed).toBe(true);
    expect(rows[0]!.reltuples).toBeGreaterThanOrEqual(300);
  });

  it('ANALYZE keeps no statistics of the JSON payloads no plan reads (migration 045)', async () => {
    expect((await h.call('PUT', '/v1/skus/PAYLOAD', { name: 'payload' })).status).toBeLessThan(300);
    const receipt = { warehouse: 'LON', lines: [{ sku: 'PAYLOAD', qty: 5 }] };
    expect((await h.call('POST', '/v1/receipts', receipt)).status).toBe(201);
    const order = { orderId: 'STATS-PAYLOAD', lines: [{ sku: 'PAYLOAD', qty: 1, warehouse: 'LON' }] };
    expect((await h.call('POST', '/v1/orders', order)).status).toBe(201);
    await h.db.exec('analyze events; analyze orders; analyze idempotency_keys');
    const { rows } = await h.db.query<{ table: string; column: string }>(
      `select tablename as table, attname as column from pg_stats
       where schemaname = 'public' and tablename in ('events', 'orders', 'idempotency_keys')
       order by 1, 2`,
    );
    const analyzed = rows.map((r) => `${r.table}.${r.column}`);
    expect(analyzed).toEqual(expect.arrayContaining(['events.stream', 'events.type', 'orders.order_id']));
    expect(analyzed).not.toContain('events.data');
    expect(analyzed).not.toContain('orders.placed_response');
  });

  it('two keepers at once analyze a much-changed table once (PostgreSQL)', async () => {
    if (backend.name !== 'postgres') {
      expect(await Promise.all([analyzeStaleTables(h.ctx), analyzeStaleTables(h.ctx)])).toEqual([[], []]);
      return;
    }
    for (let i = 0; i < 300; i++) {
      expect((await h.call('PUT', `/v1/skus/TWICE-${i}`, { name: `twice ${i}` })).status).toBeLessThan(300);
    }
    // Wait until the view shows the new SKUs as changed since the last ANALYZE.
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { rows } = await h.db.query<{ changed: number }>(
        `select n_mod_since_analyze::int as changed from pg_stat_user_tables where relname = 'skus'`,
      );
      if (rows[0]!.changed >= 300 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    // Each table is analyzed in a transaction of its own under the keeper's lock; the one that
    // comes second finds the lock taken or the table's counter reset, and leaves it.
    const [first, second] = await Promise.all([analyzeStaleTables(h.ctx), analyzeStaleTables(h.ctx)]);
    expect([...first!, ...second!].filter((t) => t === 'public.skus')).toEqual(['public.skus']);
  });
});
