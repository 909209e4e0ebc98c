/**
 * PostgreSQL restarts under load, and the service rides it out (issue 21): a throwaway cluster
 * of the test's own (initdb + pg_ctl, its own folder and port) is stopped twice while orders
 * pour in, once with `-m fast` (sessions terminated) and once with `-m immediate` (a crash,
 * with recovery on start). Meanwhile requests fail fast with 503 database_unavailable and
 * Retry-After, /readyz says not ready and /healthz stays up, no background loop crashes or
 * floods; after each start the service serves again by itself, and at the end every
 * acknowledged order is in the database with its reservation, the loops have caught up
 * (expiry, event sequencing, webhook delivery) and `verify` is clean.
 *
 * PostgreSQL only by nature (PGlite lives inside the process). Runs on every CI run; outside CI
 * it is skipped, saying so, when the PostgreSQL 15 binaries are missing.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { startAlertEvaluator } from '../../src/app/alerts.ts';
import { createApiKey } from '../../src/app/api-keys.ts';
import { startBackInStock } from '../../src/app/back-in-stock-loop.ts';
import { createContext } from '../../src/app/create-context.ts';
import { startEventSequencer } from '../../src/app/events.ts';
import { startExpiryLoop } from '../../src/app/expiry.ts';
import { startLockReleaseLoop } from '../../src/app/lock-release-loop.ts';
import { startForecastRefresher } from '../../src/app/replenishment.ts';
import { verifyStock } from '../../src/app/verify.ts';
import { defaultDeliveryOptions, startWebhookWorker } from '../../src/app/webhook-delivery.ts';
import { isUnavailable } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { buildServer } from '../../src/http/server.ts';
import { createPgCluster, pgBinariesPresent, PG_BIN, type PgCluster } from '../helpers/pg-cluster.ts';

const CI = process.env.CI === 'true';
const runnable = pgBinariesPresent() || CI;
if (!runnable) {
  console.log(`db-restart test skipped: no PostgreSQL binaries at ${PG_BIN} (set STOCKROOM_TEST_PG_BIN)`);
}

const WORKERS = 16;
const SKUS = ['S0', 'S1', 'S2', 'S3'];
/** A request that has not answered after this long is hanging, not failing fast. */
const HANG_MS = 10_000;
/** Generous on a loaded machine: the figure itself is printed, this only catches "never". */
const RECOVERY_LIMIT_MS = 20_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Attempt {
  orderId: string;
  qty: number;
  status: number;
  code: string | undefined;
  retryAfter: string | undefined;
  ms: number;
  startedAt: number;
}

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number) {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

describe.skipIf(!runnable)('a PostgreSQL restart under load', () => {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  afterAll(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  }, 60_000);

  it('fails fast while it is down and recovers by itself, losing nothing acknowledged', async () => {
    const cluster: PgCluster = await createPgCluster();
    cleanups.push(() => cluster.destroy());
    const db = openPostgres(cluster.url, { max: 10, connectTimeoutMs: 1_000 });
    cleanups.push(() => db.close());
    await migrate(db);
    const ctx = createContext(db);
    const app = await buildServer(ctx);
    cleanups.push(() => app.close());
    const { key } = await createApiKey(ctx, { name: 'restart test', role: 'admin' });
    const headers = { authorization: `Bearer ${key}` };
    const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
      const res = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
      return {
        status: res.statusCode,
        body: res.body ? JSON.parse(res.body) : undefined,
        headers: res.headers,
      };
    };
    const must = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
      const r = await call(method, url, payload);
      if (r.status >= 300) throw new Error(`${method} ${url}: ${r.status} ${JSON.stringify(r.body)}`);
      return r;
    };
    await must('PUT', '/v1/warehouses/W1', { name: 'W1', region: 'eu' });
    for (const sku of SKUS) await must('PUT', `/v1/skus/${sku}`, { name: sku });
    await must('POST', '/v1/receipts', {
      warehouse: 'W1',
      lines: SKUS.map((sku) => ({ sku, qty: 1_000_000 })),
    });

    // A receiver for order.released: proves expiry, sequencing and webhook delivery resume.
    const released = new Set<string>();
    const receiver: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        const event = JSON.parse(body) as { data: { orderId: string } };
        released.add(event.data.orderId);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise((r) => receiver.close(r)));
    const { port } = receiver.address() as AddressInfo;
    await must('POST', '/v1/webhooks', {
      url: `http://127.0.0.1:${port}/hook`,
      eventTypes: ['order.released'],
    });

    // The background loops of `stockroom serve`, with short intervals.
    const reported = new Map<string, unknown[]>();
    const onError = (loop: string) => (err: unknown) => {
      reported.set(loop, [...(reported.get(loop) ?? []), err]);
    };
    const loops = [
      startExpiryLoop(ctx, { intervalMs: 100, onError: onError('expiry') }),
      startLockReleaseLoop(ctx, { intervalMs: 100, onError: onError('locks') }),
      startEventSequencer(ctx, { intervalMs: 100, onError: onError('sequencer') }),
      startWebhookWorker(ctx, {
        ...defaultDeliveryOptions({ intervalMs: 100, backoffBaseMs: 100, backoffMaxMs: 500 }),
        onError: onError('webhooks'),
      }),
      startAlertEvaluator(ctx, { intervalMs: 200, sweepIntervalMs: 1_000, onError: onError('alerts') }),
      startBackInStock(
        ctx,
        {
          smtpUrl: undefined,
          smtpFrom: 'x@localhost',
          backInStockMultiple: 3,
          publicUrl: 'http://127.0.0.1',
        },
        { intervalMs: 200, onError: onError('back-in-stock') },
      ),
      startForecastRefresher(ctx, { intervalMs: 500, onError: onError('forecasts') }),
    ];
    cleanups.push(() => Promise.all(loops.map((l) => l.stop())));

    // The load: order placements from many clients at once; a 503 is retried after a pause,
    // as a client honouring Retry-After would (shortened so the test stays short).
    const attempts: Attempt[] = [];
    let loading = true;
    const worker = async (w: number) => {
      for (let i = 0; loading; i++) {
        const orderId = `o-${w}-${i}`;
        const qty = 1 + (i % 3);
        const startedAt = performance.now();
        const res = await app.inject({
          method: 'POST',
          url: '/v1/orders',
          headers,
          payload: { orderId, lines: [{ sku: SKUS[(w + i) % SKUS.length], qty, warehouse: 'W1' }] },
        });
        const body = res.body ? JSON.parse(res.body) : {};
        attempts.push({
          orderId,
          qty,
          status: res.statusCode,
          code: body.error?.code,
          retryAfter: res.headers['retry-after'] as string | undefined,
          ms: performance.now() - startedAt,
          startedAt,
        });
        if (res.statusCode === 503) await sleep(100);
      }
    };
    const load = Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));

    const acked = () => attempts.filter((a) => a.status === 201).length;
    const expiring: string[] = [];
    const outage = async (mode: 'fast' | 'immediate') => {
      const before = acked();
      await until('orders to flow', () => acked() >= before + 50, 20_000);
      // Due while the database is away: the expiry loop must release them once it is back.
      for (let i = 0; i < 3; i++) {
        const orderId = `expiring-${mode}-${i}`;
        await must('POST', '/v1/orders', { orderId, lines: [{ sku: 'S0', qty: 1 }], expiresInSeconds: 1 });
        expiring.push(orderId);
      }
      await cluster.stop(mode);
      const stoppedAt = performance.now();
      await until(
        'a 503 under load',
        () => attempts.some((a) => a.startedAt > stoppedAt && a.status === 503),
        10_000,
      );

      const ready = await call('GET', '/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body.error).toMatchObject({
        code: 'not_ready',
        details: { reason: 'database_unavailable' },
      });
      expect(ready.headers['retry-after']).toBeDefined();
      expect((await call('GET', '/healthz')).status).toBe(200);
      expect((await call('GET', '/health')).status).toBe(503);
      const order = await call('POST', '/v1/orders', {
        orderId: `down-${mode}`,
        lines: [{ sku: 'S1', qty: 1 }],
      });
      expect(order.status).toBe(503);
      expect(order.body.error.code).toBe('database_unavailable');
      expect(Number(order.headers['retry-after'])).toBeGreaterThan(0);
      // Reads too, and the key lookup when it is not cached.
      expect((await call('GET', '/v1/stock/S1')).status).toBe(503);
      await sleep(1_500);

      await cluster.start();
      const startedAt = performance.now();
      let readyAt = 0;
      await until(
        'readiness after the restart',
        async () => {
          if ((await call('GET', '/readyz')).status !== 200) return false;
          readyAt = performance.now();
          return true;
        },
        RECOVERY_LIMIT_MS,
      );
      await until(
        'an order placed after the restart',
        () => attempts.some((a) => a.startedAt > startedAt && a.status === 201),
        RECOVERY_LIMIT_MS,
      );
      const servingAt = Math.min(
        ...attempts.filter((a) => a.startedAt > startedAt && a.status === 201).map((a) => a.startedAt + a.ms),
      );
      const during = attempts.filter((a) => a.startedAt > stoppedAt && a.startedAt < startedAt);
      return {
        mode,
        failedFast: during.filter((a) => a.status === 503).length,
        slowest503Ms: Math.max(...during.filter((a) => a.status === 503).map((a) => a.ms)),
        readyAfterMs: Math.round(readyAt - startedAt),
        ordersAfterMs: Math.round(servingAt - startedAt),
      };
    };

    const results = [await outage('fast'), await outage('immediate')];
    await until('more orders after both restarts', () => attempts.at(-1)!.status === 201, 10_000);
    loading = false;
    await load;
    for (const r of results) {
      console.log(
        `PostgreSQL stop -m ${r.mode}: ${r.failedFast} requests answered 503 meanwhile (slowest ${Math.round(r.slowest503Ms)} ms); ` +
          `after the start: /readyz 200 in ${r.readyAfterMs} ms, orders placed again in ${r.ordersAfterMs} ms`,
      );
      expect(r.failedFast, 'requests were refused while the database was down').toBeGreaterThan(0);
      expect(r.slowest503Ms, 'no request hung while the database was down').toBeLessThan(HANG_MS);
    }

    // Every answer was a success or a fast, explained 503: never a 500 or a hang.
    const byOutcome: Record<string, number> = {};
    for (const a of attempts) {
      const label = `${a.status} ${a.code ?? ''}`.trim();
      byOutcome[label] = (byOutcome[label] ?? 0) + 1;
    }
    console.log(`order placements under load: ${JSON.stringify(byOutcome)}`);
    expect(Object.keys(byOutcome).sort()).toEqual(['201', '503 database_unavailable']);
    for (const a of attempts.filter((a) => a.status === 503)) expect(a.retryAfter).toBeDefined();

    // Nothing acknowledged is lost: each 201 is in the database with its reservation.
    const ackedOrders = attempts.filter((a) => a.status === 201);
    const { rows } = await db.query<{ order_id: string; status: string; qty: number }>(
      `select o.order_id, o.status, coalesce(sum(a.qty - a.released - a.shipped), 0) as qty
         from orders o left join order_allocations a using (order_id)
        where o.order_id = any($1) group by o.order_id, o.status`,
      [ackedOrders.map((a) => a.orderId)],
    );
    const stored = new Map(rows.map((r) => [r.order_id, r]));
    const missing = ackedOrders.filter(
      (a) => stored.get(a.orderId)?.qty !== a.qty || stored.get(a.orderId)?.status !== 'reserved',
    );
    expect(
      missing.map((a) => a.orderId),
      'acknowledged orders not stored with their reservation',
    ).toEqual([]);
    // Reserved stock is exactly what the stored orders hold (a 503 whose commit got through counts).
    const held = await db.query<{ ok: boolean }>(
      `select (select coalesce(sum(reserved), 0) from stock_positions)
            = (select coalesce(sum(qty - released - shipped), 0) from order_allocations) as ok`,
    );
    expect(held.rows[0]!.ok).toBe(true);

    // The loops came back: orders due during the outages expired and their events were delivered.
    // What is proven is that they come back by themselves, not how fast: on a loaded CI machine a
    // delivery retried during the outage may wait out its backoff first (seen: over 20 s).
    await until(
      'expired orders released and delivered to the webhook',
      () => expiring.every((id) => released.has(id)),
      60_000,
    );
    const report = await verifyStock(ctx);
    expect(report.ok, JSON.stringify(report.problems)).toBe(true);

    // Each loop reported an outage once, not on every tick, and nothing but the outage.
    const counts = Object.fromEntries([...reported].map(([loop, errs]) => [loop, errs.length]));
    console.log(`background loop reports over two outages: ${JSON.stringify(counts)}`);
    for (const [loop, errs] of reported) {
      expect(
        errs.filter((e) => !isUnavailable(e)),
        `${loop}: errors other than the outage`,
      ).toEqual([]);
      expect(errs.length, `${loop} reported the outage on every tick`).toBeLessThanOrEqual(6);
    }
  }, 120_000);
});
