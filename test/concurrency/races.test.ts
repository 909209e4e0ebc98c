/**
 * Orders racing for the same stock on PostgreSQL: the guarded write in
 * `stockroom_apply_movements` must sell exactly what is there, never more, never deadlock,
 * and leave a ledger that rebuilds the positions exactly.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireDueOrders } from '../../src/app/orders.ts';
import type { Queryable } from '../../src/db/database.ts';
import { allPositions, applyMovements, rebuildPositionsFromLedger } from '../../src/db/stock.ts';
import { moves } from '../../src/domain/movements.ts';
import { pgAdminUrl, postgres } from '../helpers/backends.ts';
import { startHarness, type Harness, type Reply } from '../helpers/harness.ts';
import { summarise } from '../helpers/server-process.ts';

/** Generous: these run hundreds of requests and PostgreSQL deadlock checks on shared CI machines. */
const TIMEOUT = 300_000;

interface Line {
  sku: string;
  qty: number;
  warehouse?: string;
}

interface Allocation {
  sku: string;
  warehouse: string;
  qty: number;
}

/** A small seeded PRNG (mulberry32), so that a failing run can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], rnd: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Random multi-line orders: 2-4 distinct SKUs in random line order, some pinned to a warehouse. */
function randomOrders(
  rnd: () => number,
  prefix: string,
  count: number,
  skus: string[],
  warehouses: string[],
): { orderId: string; lines: Line[] }[] {
  return Array.from({ length: count }, (_, i) => {
    const n = 2 + Math.floor(rnd() * 3);
    const lines = shuffle(skus, rnd)
      .slice(0, n)
      .map((sku): Line => {
        const qty = 1 + Math.floor(rnd() * 3);
        return rnd() < 0.5
          ? { sku, qty, warehouse: warehouses[Math.floor(rnd() * warehouses.length)]! }
          : { sku, qty };
      });
    return { orderId: `${prefix}-${i}`, lines };
  });
}

const key = (sku: string, warehouse: string) => `${sku}@${warehouse}`;

/** Invariant 3: the stored positions are exactly what the ledger adds up to. */
async function expectLedgerRebuildsPositions(db: Queryable) {
  const stored = await allPositions(db);
  const rebuilt = await rebuildPositionsFromLedger(db);
  expect(rebuilt).toEqual(stored);
}

/** No position oversold: reserved within onHand, nothing negative, sellable not below zero. */
async function expectNoOversell(db: Queryable) {
  for (const p of await allPositions(db)) {
    const sellable =
      p.onHand - p.reserved - p.damaged - p.qcPending - p.locked - p.transferReserved + p.virtual;
    expect(p.reserved, `${key(p.sku, p.warehouse)} reserved`).toBeLessThanOrEqual(p.onHand);
    expect(p.reserved, `${key(p.sku, p.warehouse)} reserved`).toBeGreaterThanOrEqual(0);
    expect(sellable, `${key(p.sku, p.warehouse)} sellable`).toBeGreaterThanOrEqual(0);
  }
}

/** Invariant 5 over the whole database: each position's reserved = its open allocations. */
async function expectReservedMatchesOpenAllocations(db: Queryable) {
  const { rows } = await db.query<{ sku: string; warehouse: string; reserved: number; open: number }>(
    `select p.sku, p.warehouse, p.reserved,
       coalesce((select sum(a.qty - a.shipped - a.released) from order_allocations a
                 where a.sku = p.sku and a.warehouse = p.warehouse), 0) as open
     from stock_positions p order by p.sku, p.warehouse`,
  );
  for (const r of rows) expect(r.open, `open allocations of ${key(r.sku, r.warehouse)}`).toBe(r.reserved);
}

describe.skipIf(!pgAdminUrl())('orders racing for stock on PostgreSQL', () => {
  let h: Harness;
  let base: string;

  const inject = async (method: 'POST' | 'GET' | 'PUT', url: string, body?: unknown): Promise<Reply> => {
    const res = await h.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${h.adminKey}` },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
  };
  /** Over a real socket. */
  const http = async (method: 'POST' | 'GET', path: string, body?: unknown): Promise<Reply> => {
    const res = await fetch(base + path, {
      method,
      headers: {
        authorization: `Bearer ${h.adminKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const ok = async (reply: Promise<Reply>) => {
    const r = await reply;
    if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r;
  };
  const stockOf = async (sku: string) => (await ok(inject('GET', `/v1/stock/${sku}`))).body;

  beforeAll(async () => {
    h = await startHarness(postgres);
    await h.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    for (const [code, region] of [
      ['AMS', 'eu'],
      ['BER', 'eu'],
      ['LON', 'uk'],
      ['PAR', 'eu'],
    ]) {
      await ok(h.call('PUT', `/v1/warehouses/${code}`, { name: code, region }));
    }
  }, TIMEOUT);
  afterAll(async () => {
    await h?.close();
  });

  const skus = async (...names: string[]) => {
    for (const sku of names) await ok(h.call('PUT', `/v1/skus/${sku}`, { name: sku }));
  };

  it(
    '500 single-unit orders for 100 units at one warehouse: exactly 100 are reserved (inject)',
    async () => {
      await skus('SOLO');
      await ok(inject('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'SOLO', qty: 100 }] }));

      const replies = await Promise.all(
        Array.from({ length: 500 }, (_, i) =>
          inject('POST', '/v1/orders', {
            orderId: `solo-${i}`,
            // Half name the warehouse, half leave the choice to the service.
            lines: [i % 2 === 0 ? { sku: 'SOLO', qty: 1, warehouse: 'LON' } : { sku: 'SOLO', qty: 1 }],
          }),
        ),
      );

      expect(summarise(replies)).toEqual({ '201': 100, '409 insufficient_stock': 400 });
      for (const r of replies.filter((x) => x.status === 201)) {
        expect(r.body.allocations).toMatchObject([{ sku: 'SOLO', warehouse: 'LON', qty: 1 }]);
      }
      const stock = await stockOf('SOLO');
      expect(stock.positions).toEqual([
        expect.objectContaining({ warehouse: 'LON', onHand: 100, reserved: 100, sellable: 0 }),
      ]);
      const orders = await h.db.query<{ n: number }>(
        `select count(*)::int as n from orders where order_id like 'solo-%'`,
      );
      expect(orders.rows[0]!.n).toBe(100);
      const reserves = await h.db.query<{ n: number; units: number }>(
        `select count(*)::int as n, sum(qty)::int as units from movements where sku = 'SOLO' and type = 'reserve'`,
      );
      expect(reserves.rows[0]).toEqual({ n: 100, units: 100 });
      await expectLedgerRebuildsPositions(h.db);
    },
    TIMEOUT,
  );

  it(
    '500 single-unit orders over real HTTP for 100 units spread over 4 warehouses: exactly 100 are reserved',
    async () => {
      await skus('SPREAD');
      for (const warehouse of ['AMS', 'BER', 'LON', 'PAR']) {
        await ok(inject('POST', '/v1/receipts', { warehouse, lines: [{ sku: 'SPREAD', qty: 25 }] }));
      }

      // Every line leaves the warehouse to the service: stale reads make it retry elsewhere.
      const replies = await Promise.all(
        Array.from({ length: 500 }, (_, i) =>
          http('POST', '/v1/orders', { orderId: `spread-${i}`, lines: [{ sku: 'SPREAD', qty: 1 }] }),
        ),
      );

      expect(summarise(replies)).toEqual({ '201': 100, '409 insufficient_stock': 400 });
      const stock = await stockOf('SPREAD');
      expect(stock.totals).toMatchObject({ onHand: 100, reserved: 100, sellable: 0 });
      for (const p of stock.positions) expect(p).toMatchObject({ onHand: 25, reserved: 25, sellable: 0 });
      await expectLedgerRebuildsPositions(h.db);
    },
    TIMEOUT,
  );

  it(
    '600 multi-line orders over overlapping SKUs and 2 warehouses: no oversell, no deadlock, no 500',
    async () => {
      const seed = Number(process.env.RACE_SEED ?? 20300101);
      const rnd = random(seed);
      const names = ['ML-A', 'ML-B', 'ML-C', 'ML-D', 'ML-E', 'ML-F'];
      await skus(...names);
      for (const [i, sku] of names.entries()) {
        await ok(inject('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku, qty: 30 + 5 * i }] }));
        // ML-F has no stock at AMS at all: lines pinned there always refuse.
        if (sku !== 'ML-F') {
          await ok(inject('POST', '/v1/receipts', { warehouse: 'AMS', lines: [{ sku, qty: 20 + 3 * i }] }));
        }
      }
      const orders = randomOrders(rnd, 'ml', 600, names, ['AMS', 'LON']);

      const replies = await Promise.all(orders.map((o) => http('POST', '/v1/orders', o)));

      const outcome = summarise(replies);
      const unexpected = Object.keys(outcome).filter((k) => k !== '201' && k !== '409 insufficient_stock');
      expect(unexpected, `seed ${seed}: ${JSON.stringify(outcome)}`).toEqual([]);
      expect(outcome['201'], 'some orders succeed').toBeGreaterThan(20);
      expect(outcome['409 insufficient_stock'], 'the race is contended').toBeGreaterThan(100);

      // What the successful orders were promised, per position.
      const promised = new Map<string, number>();
      for (const [i, r] of replies.entries()) {
        if (r.status !== 201) continue;
        const order = orders[i]!;
        const allocations = r.body.allocations as Allocation[];
        for (const line of order.lines) {
          const mine = allocations.filter((a) => a.sku === line.sku);
          expect(
            mine.reduce((n, a) => n + a.qty, 0),
            `${order.orderId} ${line.sku}`,
          ).toBe(line.qty);
          if (line.warehouse) expect(mine.map((a) => a.warehouse)).toEqual([line.warehouse]);
        }
        for (const a of allocations) {
          promised.set(key(a.sku, a.warehouse), (promised.get(key(a.sku, a.warehouse)) ?? 0) + a.qty);
        }
      }
      for (const sku of names) {
        const stock = await stockOf(sku);
        for (const p of stock.positions) {
          expect(p.reserved, key(sku, p.warehouse)).toBe(promised.get(key(sku, p.warehouse)) ?? 0);
          expect(p.reserved, key(sku, p.warehouse)).toBeLessThanOrEqual(p.onHand);
          expect(p.sellable, key(sku, p.warehouse)).toBeGreaterThanOrEqual(0);
        }
        for (const warehouse of ['AMS', 'LON']) {
          const at = promised.get(key(sku, warehouse)) ?? 0;
          if (at > 0)
            expect(stock.positions.map((p: { warehouse: string }) => p.warehouse)).toContain(warehouse);
        }
      }
      // Refused orders left no trace: no order row, no movement.
      const stored = await h.db.query<{ n: number }>(
        `select count(*)::int as n from orders where order_id like 'ml-%'`,
      );
      expect(stored.rows[0]!.n).toBe(outcome['201']);
      const moved = await h.db.query<{ n: number }>(
        `select count(distinct order_id)::int as n from movements where order_id like 'ml-%'`,
      );
      expect(moved.rows[0]!.n).toBe(outcome['201']);
      await expectNoOversell(h.db);
      await expectReservedMatchesOpenAllocations(h.db);
      await expectLedgerRebuildsPositions(h.db);
    },
    TIMEOUT,
  );

  it(
    '400 routed orders (by region, some forbidding splits) racing for the last units across warehouses',
    async () => {
      const rnd = random(Number(process.env.RACE_SEED ?? 20300101) + 7);
      await ok(inject('PUT', '/v1/regions/uk', { name: 'UK', countries: ['GB'] }));
      await ok(inject('PUT', '/v1/regions/eu', { name: 'EU', countries: ['NL', 'DE', 'FR'] }));
      const names = ['RT-A', 'RT-B', 'RT-C'];
      await skus(...names);
      for (const sku of names) {
        for (const warehouse of ['AMS', 'BER', 'LON', 'PAR']) {
          const qty = 3 + Math.floor(rnd() * 8);
          await ok(inject('POST', '/v1/receipts', { warehouse, lines: [{ sku, qty }] }));
        }
      }
      const orders = Array.from({ length: 400 }, (_, i) => ({
        orderId: `rt-${i}`,
        region: rnd() < 0.5 ? 'uk' : 'eu',
        ...(rnd() < 0.5 && { routing: { allowSplit: false } }),
        lines: shuffle(names, rnd)
          .slice(0, 1 + Math.floor(rnd() * 2))
          .map((sku) => ({ sku, qty: 1 + Math.floor(rnd() * 4) })),
      }));

      const replies = await Promise.all(orders.map((o) => http('POST', '/v1/orders', o)));

      const outcome = summarise(replies);
      expect(Object.keys(outcome).sort(), JSON.stringify(outcome)).toEqual(['201', '409 insufficient_stock']);
      expect(outcome['201'], 'some orders succeed').toBeGreaterThan(20);
      expect(outcome['409 insufficient_stock'], 'the race is contended').toBeGreaterThan(100);
      const promised = new Map<string, number>();
      for (const [i, r] of replies.entries()) {
        if (r.status !== 201) continue;
        const order = orders[i]!;
        const allocations = r.body.allocations as (Allocation & { reason: string })[];
        for (const line of order.lines) {
          const mine = allocations.filter((a) => a.sku === line.sku);
          expect(
            mine.reduce((n, a) => n + a.qty, 0),
            `${order.orderId} ${line.sku}`,
          ).toBe(line.qty);
        }
        if (order.routing) expect(new Set(allocations.map((a) => a.warehouse)).size, order.orderId).toBe(1);
        for (const a of allocations) {
          expect(a.reason, `${order.orderId} explains itself`).toMatch(
            /^(fewest shipments|single warehouse)/,
          );
          promised.set(key(a.sku, a.warehouse), (promised.get(key(a.sku, a.warehouse)) ?? 0) + a.qty);
        }
      }
      for (const sku of names) {
        for (const p of (await stockOf(sku)).positions) {
          expect(p.reserved, key(sku, p.warehouse)).toBe(promised.get(key(sku, p.warehouse)) ?? 0);
        }
      }
      const stored = await h.db.query<{ n: number }>(
        `select count(*)::int as n from orders where order_id like 'rt-%'`,
      );
      expect(stored.rows[0]!.n, 'refused orders left no order row').toBe(outcome['201']);
      await expectNoOversell(h.db);
      await expectReservedMatchesOpenAllocations(h.db);
      await expectLedgerRebuildsPositions(h.db);
    },
    TIMEOUT,
  );

  it(
    'first receipts racing at a position that does not exist yet are all booked',
    async () => {
      const names = Array.from({ length: 10 }, (_, i) => `FIRST-${i}`);
      await skus(...names, 'FIRST-HTTP');
      // Straight at the write path, 20 at once per new position: the window between "no row"
      // and "insert" is narrow, so the requests must really overlap.
      const outcomes = await Promise.all(
        names.flatMap((sku) =>
          Array.from({ length: 20 }, () =>
            h.db
              .transaction((tx) =>
                applyMovements(tx, [moves.receive({ sku, warehouse: 'PAR' }, 1)], { at: h.now() }),
              )
              .then(
                () => 'booked',
                (err: Error) => err.message,
              ),
          ),
        ),
      );
      expect(outcomes.filter((o) => o !== 'booked')).toEqual([]);
      for (const sku of names) expect((await stockOf(sku)).totals).toMatchObject({ onHand: 20 });
      const replies = await Promise.all(
        Array.from({ length: 40 }, () =>
          http('POST', '/v1/receipts', { warehouse: 'PAR', lines: [{ sku: 'FIRST-HTTP', qty: 1 }] }),
        ),
      );
      expect(summarise(replies)).toEqual({ '201': 40 });
      await expectLedgerRebuildsPositions(h.db);
    },
    TIMEOUT,
  );

  /** Unpaid orders over random sets of positions, all past their expiry once the clock moves. */
  const placeDueOrders = async (prefix: string, names: string[], count: number, rnd: () => number) => {
    await skus(...names);
    for (const sku of names) {
      await ok(inject('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku, qty: 2000 }] }));
      await ok(inject('POST', '/v1/receipts', { warehouse: 'AMS', lines: [{ sku, qty: 2000 }] }));
    }
    const unpaid = randomOrders(rnd, prefix, count, names, ['AMS', 'LON']).map((o) => ({
      ...o,
      expiresInSeconds: 60,
    }));
    const placed = await Promise.all(unpaid.map((o) => inject('POST', '/v1/orders', o)));
    expect(summarise(placed)).toEqual({ '201': count });
    h.advance(61_000);
  };

  /** Runs expiry batches until nothing is due; failed batches are counted by error code. */
  const expiryWorker = async (expired: string[], failures: Record<string, number>) => {
    for (let failed = 0; failed < 10;) {
      try {
        const ids = await expireDueOrders(h.ctx, 25);
        expired.push(...ids);
        if (ids.length === 0) return;
      } catch (err) {
        failed++;
        const code = `${(err as { code?: string }).code ?? ''} ${(err as Error).message}`;
        failures[code] = (failures[code] ?? 0) + 1;
      }
    }
  };

  /** Every expired order released exactly once: one release movement per allocation. */
  const expectReleasedOnce = async (prefix: string, count: number) => {
    const { rows } = await h.db.query<{ order_id: string; status: string; n: number; allocations: number }>(
      `select o.order_id, o.status,
         (select count(*)::int from movements m where m.order_id = o.order_id and m.type = 'release') as n,
         (select count(*)::int from order_allocations a where a.order_id = o.order_id) as allocations
       from orders o where o.order_id like $1`,
      [`${prefix}-%`],
    );
    expect(rows).toHaveLength(count);
    for (const r of rows) {
      expect(r.status, r.order_id).toBe('released');
      expect(r.n, `release movements of ${r.order_id}`).toBe(r.allocations);
    }
  };

  it(
    'expiry releasing due orders while new multi-line orders reserve the same positions: no deadlock, no 500',
    async () => {
      const rnd = random(Number(process.env.RACE_SEED ?? 20300101) + 1);
      const names = ['EX-A', 'EX-B', 'EX-C', 'EX-D', 'EX-E', 'EX-F'];
      await placeDueOrders('ex-old', names, 300, rnd);

      // One expiry worker, as in a single server process, against a burst of new orders.
      const expired: string[] = [];
      const failures: Record<string, number> = {};
      const fresh = randomOrders(rnd, 'ex-new', 300, names, ['AMS', 'LON']);
      const [replies] = await Promise.all([
        Promise.all(fresh.map((o) => inject('POST', '/v1/orders', o))),
        expiryWorker(expired, failures),
      ]);
      // A final pass in quiet conditions, so the checks below see every due order released.
      await expiryWorker(expired, {});

      // Soft: report the deadlocks and 500s, and still check that no unit was lost or released twice.
      expect.soft({ orders: summarise(replies), failedExpiryBatches: failures }).toEqual({
        orders: { '201': 300 },
        failedExpiryBatches: {},
      });
      expect(expired.length, 'no order is expired twice').toBe(300);
      await expectReleasedOnce('ex-old', 300);
      await expectNoOversell(h.db);
      await expectReservedMatchesOpenAllocations(h.db);
      await expectLedgerRebuildsPositions(h.db);
    },
    TIMEOUT,
  );

  it(
    'four expiry workers (as four server processes) releasing overlapping orders: no deadlock',
    async () => {
      const rnd = random(Number(process.env.RACE_SEED ?? 20300101) + 2);
      const names = ['EW-A', 'EW-B', 'EW-C', 'EW-D', 'EW-E', 'EW-F'];
      await placeDueOrders('ew-old', names, 300, rnd);

      const expired: string[] = [];
      const failures: Record<string, number> = {};
      await Promise.all(Array.from({ length: 4 }, () => expiryWorker(expired, failures)));
      await expiryWorker(expired, {});

      expect.soft(failures, 'failed expiry batches').toEqual({});
      expect(expired.length, 'no order is expired twice').toBe(300);
      expect(new Set(expired).size).toBe(300);
      await expectReleasedOnce('ew-old', 300);
      await expectNoOversell(h.db);
      await expectReservedMatchesOpenAllocations(h.db);
      await expectLedgerRebuildsPositions(h.db);
    },
    TIMEOUT,
  );
});
