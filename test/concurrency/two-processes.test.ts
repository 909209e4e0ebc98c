/**
 * Two real server processes on one PostgreSQL database, driven over real HTTP at once: the
 * guard lives in the database, so together they must still sell exactly the stock there is.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { allPositions, rebuildPositionsFromLedger } from '../../src/db/stock.ts';
import { createThrowawayDatabase, pgAdminUrl } from '../helpers/backends.ts';
import {
  inParallel,
  newAdminKey,
  runCli,
  startServer,
  type Reply,
  summarise,
  type ServerProcess,
} from '../helpers/server-process.ts';

const TIMEOUT = 300_000;
const IN_FLIGHT = 64;

async function ok(reply: Promise<Reply>): Promise<Reply> {
  const r = await reply;
  if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

/** A request that fails on the network (a process died) counts as a reply with status 0. */
async function send(server: ServerProcess, path: string, body: unknown): Promise<Reply> {
  try {
    return await server.call('POST', path, body);
  } catch (err) {
    return { status: 0, body: { error: { code: `network: ${(err as Error).message}` } } };
  }
}

describe.skipIf(!pgAdminUrl())('two server processes on one PostgreSQL database', () => {
  let database: { url: string; drop: () => Promise<void> };
  let db: Database;
  let a: ServerProcess;
  let b: ServerProcess;
  const adminKey = newAdminKey();

  beforeAll(async () => {
    // A copy of the run's migrated template: nothing for `stockroom migrate` to do here (the
    // migrate command runs as a child process, on an empty database, in the test below).
    database = await createThrowawayDatabase(pgAdminUrl()!);
    // The first registers the admin key; the second starts once it is there.
    a = await startServer({ data: { databaseUrl: database.url }, adminKey });
    b = await startServer({ data: { databaseUrl: database.url }, adminKey });
    db = openPostgres(database.url, { max: 2 });
    for (const [code, region] of [
      ['AMS', 'eu'],
      ['LON', 'uk'],
    ]) {
      await ok(a.call('PUT', `/v1/warehouses/${code}`, { name: code, region }));
    }
  }, TIMEOUT);

  afterAll(async () => {
    const codes = await Promise.all([a?.stop(), b?.stop()]);
    await db?.close();
    await database?.drop();
    // A graceful stop exits 0; anything else is a shutdown bug worth seeing.
    expect(codes).toEqual([0, 0]);
  }, TIMEOUT);

  const expectLedgerRebuildsPositions = async () => {
    expect(await rebuildPositionsFromLedger(db)).toEqual(await allPositions(db));
  };

  it(
    '1,000 single-unit orders for 100 units, half through each process: exactly 100 are reserved',
    async () => {
      await ok(b.call('PUT', '/v1/skus/DUO', { name: 'DUO' }));
      await ok(a.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'DUO', qty: 60 }] }));
      await ok(b.call('POST', '/v1/receipts', { warehouse: 'AMS', lines: [{ sku: 'DUO', qty: 40 }] }));

      const orders = Array.from({ length: 1000 }, (_, i) => ({
        orderId: `duo-${i}`,
        // A third pin the warehouse; the rest let the service choose.
        lines: [
          i % 3 === 0 ? { sku: 'DUO', qty: 1, warehouse: i % 2 ? 'LON' : 'AMS' } : { sku: 'DUO', qty: 1 },
        ],
      }));
      const started = Date.now();
      const replies = await inParallel(orders, IN_FLIGHT, (o, i) => send(i % 2 ? b : a, '/v1/orders', o));
      const elapsed = Date.now() - started;

      expect(summarise(replies)).toEqual({ '201': 100, '409 insufficient_stock': 900 });
      const byProcess = [0, 1].map((p) => replies.filter((r, i) => i % 2 === p && r.status === 201).length);
      expect(byProcess[0]! + byProcess[1]!).toBe(100);

      // Both processes read the same truth.
      for (const server of [a, b]) {
        const stock = (await ok(server.call('GET', '/v1/stock/DUO'))).body;
        expect(stock.totals).toMatchObject({ onHand: 100, reserved: 100, sellable: 0 });
        for (const p of stock.positions) expect(p.sellable).toBe(0);
      }
      const { rows } = await db.query<{ n: number }>(
        `select count(*)::int as n from orders where order_id like 'duo-%'`,
      );
      expect(rows[0]!.n).toBe(100);
      await expectLedgerRebuildsPositions();
      console.log(`two processes: 1,000 orders in ${elapsed} ms; successes via A/B: ${byProcess.join('/')}`);
    },
    TIMEOUT,
  );

  it(
    '1,000 multi-line orders over 4 SKUs through both processes: each SKU sells out, never more',
    async () => {
      const skus = ['QD-A', 'QD-B', 'QD-C', 'QD-D'];
      for (const sku of skus) await ok(a.call('PUT', `/v1/skus/${sku}`, { name: sku }));
      const supply: Record<string, number> = { 'QD-A': 50, 'QD-B': 80, 'QD-C': 120, 'QD-D': 150 };
      for (const sku of skus) {
        await ok(
          a.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku, qty: supply[sku]! / 2 }] }),
        );
        await ok(
          b.call('POST', '/v1/receipts', { warehouse: 'AMS', lines: [{ sku, qty: supply[sku]! / 2 }] }),
        );
      }
      // Deterministic mix: each order takes 1 unit of 1-3 SKUs in a rotating line order.
      const orders = Array.from({ length: 1000 }, (_, i) => {
        const n = 1 + (i % 3);
        const lines = Array.from({ length: n }, (_, k) => ({ sku: skus[(i + k * 3) % 4]!, qty: 1 }));
        return { orderId: `qd-${i}`, lines: i % 2 ? lines : [...lines].reverse() };
      });
      const replies = await inParallel(orders, IN_FLIGHT, (o, i) => send(i % 2 ? a : b, '/v1/orders', o));

      const outcome = summarise(replies);
      expect(Object.keys(outcome).sort(), JSON.stringify(outcome)).toEqual(['201', '409 insufficient_stock']);
      const sold: Record<string, number> = {};
      for (const [i, r] of replies.entries()) {
        if (r.status !== 201) continue;
        for (const l of orders[i]!.lines) sold[l.sku] = (sold[l.sku] ?? 0) + l.qty;
      }
      for (const sku of skus) {
        const stock = (await ok(a.call('GET', `/v1/stock/${sku}`))).body;
        expect(stock.totals.reserved, sku).toBe(sold[sku] ?? 0);
        expect(stock.totals.reserved, sku).toBeLessThanOrEqual(supply[sku]!);
        for (const p of stock.positions) {
          expect(p.sellable, `${sku}@${p.warehouse}`).toBeGreaterThanOrEqual(0);
          expect(p.reserved, `${sku}@${p.warehouse}`).toBeLessThanOrEqual(p.onHand);
        }
      }
      // Demand far exceeds supply, and single-SKU orders are tried until the end: the scarcest
      // SKU must sell out completely.
      expect(sold['QD-A']).toBe(supply['QD-A']);
      await expectLedgerRebuildsPositions();
    },
    TIMEOUT,
  );
});

describe.skipIf(!pgAdminUrl())('server processes starting together on a fresh database', () => {
  it(
    'three processes started at once with the same STOCKROOM_ADMIN_KEY all come up',
    async () => {
      // Empty: the real `stockroom migrate` brings it to the latest schema first.
      const database = await createThrowawayDatabase(pgAdminUrl()!, { empty: true });
      const migrated = await runCli(['migrate'], { databaseUrl: database.url });
      expect(migrated.code, migrated.output).toBe(0);
      const holder = new pg.Client({ connectionString: database.url });
      await holder.connect();
      const starting: Promise<ServerProcess>[] = [];
      try {
        // Hold every process at the admin key step at once: reads of api_keys pass this lock,
        // inserts wait behind it (and processes that serialise the step wait on each other).
        await holder.query('begin');
        await holder.query('lock table api_keys in exclusive mode');
        const adminKey = newAdminKey();
        for (let i = 0; i < 3; i++)
          starting.push(startServer({ data: { databaseUrl: database.url }, adminKey }));
        const deadline = Date.now() + 60_000;
        for (;;) {
          const { rows } = await holder.query<{ n: number }>(
            // Waiting on the table, or on the start-up lock that serialises the key decision.
            `select count(*)::int as n from pg_locks
             where not granted and (relation = 'api_keys'::regclass or locktype = 'advisory')`,
          );
          if (rows[0]!.n === 3) break;
          if (Date.now() > deadline) throw new Error(`only ${rows[0]!.n} processes reached the admin key`);
          await new Promise((r) => setTimeout(r, 100));
        }
        await holder.query('commit');
        const started = await Promise.allSettled(starting);
        const failures = started.flatMap((s) =>
          s.status === 'rejected'
            ? [
                String((s.reason as Error).message)
                  .split('\n')
                  .slice(0, 2)
                  .join(' '),
              ]
            : [],
        );
        expect(failures).toEqual([]);
      } finally {
        await holder.query('rollback').catch(() => {});
        await holder.end();
        const settled = await Promise.allSettled(starting);
        await Promise.all(settled.map((s) => (s.status === 'fulfilled' ? s.value.stop() : null)));
        await database.drop();
      }
    },
    TIMEOUT,
  );
});
