/**
 * Retention (docs/retention.md): delivered events and finished webhook deliveries are pruned
 * after the window, never an event some consumer still needs; a reader behind the kept log is
 * told so (410 events_pruned); the ledger is kept, partitioned by month, and reads across
 * months still work; pruning is visible in /metrics. The clock is the harness's.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/app/api-keys.ts';
import { createContext } from '../../src/app/create-context.ts';
import { sequencePass } from '../../src/app/events.ts';
import { ensureMovementPartitions, runRetention } from '../../src/app/retention.ts';
import { defaultDeliveryOptions, deliverWebhooksPass } from '../../src/app/webhook-delivery.ts';
import { DEFAULT_RETENTION } from '../../src/config.ts';
import { migrate } from '../../src/db/migrate.ts';
import { buildServer } from '../../src/http/server.ts';
import { backends, openMigratedBefore } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

const DAY = 86_400_000;
const WINDOW = DEFAULT_RETENTION.eventRetentionMs;

/** A receiver on 127.0.0.1: paths under /fail answer 500, the rest 200. */
async function startReceiver() {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(req.url!.startsWith('/fail') ? 500 : 200).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe.each(backends())('retention on $name', (backend) => {
  let h: Harness;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const options = defaultDeliveryOptions({
    backoffBaseMs: 10,
    backoffMaxMs: 10,
    maxAttempts: 2,
    random: () => 0,
  });
  let orderNo = 0;

  beforeAll(async () => {
    receiver = await startReceiver();
    h = await startHarness(backend);
    await seedCatalogue(h, ['MUG']);
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 1000 }] });
  });
  afterAll(async () => {
    await receiver.close();
    await h.close();
  });
  // Each test starts with no consumer holding events back, and all earlier events past the window.
  beforeEach(async () => {
    await h.db.query('delete from webhooks');
    await h.db.query('delete from nats_cursors');
    await h.db.query('delete from event_followers');
    h.advance(WINDOW + DAY);
    await runRetention(h.ctx);
  });

  const placeOrder = async () => {
    const r = await h.call('POST', '/v1/orders', {
      orderId: `o-${++orderNo}`,
      lines: [{ sku: 'MUG', qty: 1 }],
    });
    expect(r.status).toBe(201);
  };
  const subscribe = async (path: string) => {
    const r = await h.call('POST', '/v1/webhooks', {
      url: `${receiver.base}${path}`,
      eventTypes: ['order.reserved'],
    });
    expect(r.status).toBe(201);
    return r.body.webhookId as string;
  };
  const sequence = async () => {
    while (await sequencePass(h.ctx));
  };
  /** Runs the webhook worker until nothing is due now. */
  const deliver = async () => {
    await sequence();
    while ((await deliverWebhooksPass(h.ctx, options)).length > 0);
  };
  /** One pass of the worker: each due delivery is attempted once. */
  const pass = async () => {
    await sequence();
    return deliverWebhooksPass(h.ctx, options);
  };
  const seqs = async () =>
    (await h.db.query<{ seq: number }>('select seq from events where seq is not null order by seq')).rows.map(
      (r) => r.seq,
    );
  const deliveries = async () =>
    (
      await h.db.query<{ event_seq: number; status: string }>(
        'select event_seq, status from webhook_deliveries order by event_seq',
      )
    ).rows;

  it('prunes the daily demand counts of days before the alert window, and keeps the window', async () => {
    const demandDays = async () =>
      (await h.db.query<{ n: number }>('select count(*)::int as n from position_demand_days')).rows[0]!.n;
    await placeOrder();
    await sequence(); // its event numbered now, before a later test subscribes a webhook
    expect(await demandDays()).toBe(1);
    expect(await runRetention(h.ctx)).toMatchObject({ demandDays: 0 });
    // 29 days on, the order's day is the window's first: kept.
    h.advance(29 * DAY);
    expect(await runRetention(h.ctx)).toMatchObject({ demandDays: 0 });
    expect(await demandDays()).toBe(1);
    h.advance(2 * DAY);
    expect(await runRetention(h.ctx)).toMatchObject({ ran: true, demandDays: 1 });
    expect(await demandDays()).toBe(0);
  });

  it('prunes delivered events and deliveries past the window, and nothing newer', async () => {
    await subscribe('/ok');
    await placeOrder();
    await placeOrder();
    await deliver();
    await runRetention(h.ctx); // what the earlier tests left
    const old = await seqs();
    expect((await deliveries()).map((d) => d.status)).toEqual(['delivered', 'delivered']);

    h.advance(WINDOW - 1);
    expect(await runRetention(h.ctx)).toMatchObject({ events: 0, webhookDeliveries: 0 });
    expect(await seqs()).toEqual(old);

    h.advance(2);
    await placeOrder(); // a fresh event and delivery: kept
    await deliver();
    const run = await runRetention(h.ctx);
    expect(run).toMatchObject({ ran: true, events: old.length, webhookDeliveries: 2 });
    const kept = await seqs();
    expect(kept.length).toBeGreaterThan(0);
    expect(Math.min(...kept)).toBe(Math.max(...old) + 1);
    const left = await deliveries();
    expect(left).toHaveLength(1);
    expect(left[0]!.status).toBe('delivered');
    expect(kept).toContain(left[0]!.event_seq);
    const attempts = await h.db.query<{ n: number }>('select count(*)::int as n from webhook_attempts');
    expect(attempts.rows[0]!.n).toBe(1);
  });

  it('always keeps the newest event, so the log keeps counting from it', async () => {
    await placeOrder();
    await sequence();
    const last = Math.max(...(await seqs()));
    h.advance(WINDOW + DAY);
    await runRetention(h.ctx);
    expect(await seqs()).toEqual([last]);
    await placeOrder();
    await sequence();
    expect(Math.min(...(await seqs()).filter((s) => s > last))).toBe(last + 1);
  });

  it('keeps every event a pending delivery, a NATS cursor or a follower of the log still needs', async () => {
    await subscribe('/fail-forever');
    await placeOrder();
    await pass(); // the first attempt fails: pending, retried later
    const [pending] = await deliveries();
    expect(pending!.status).toBe('pending');
    const p = pending!.event_seq;
    await placeOrder();
    await placeOrder();
    await sequence();
    h.advance(WINDOW + DAY);
    await placeOrder(); // the newest events, inside the window
    await sequence();
    await runRetention(h.ctx);
    // The pending delivery's event and everything after it stay.
    expect(Math.min(...(await seqs()))).toBe(p);

    await h.db.query('delete from webhooks');
    await h.db.query(`insert into nats_cursors (stream, cursor_seq) values ('STOCKROOM', $1)`, [p + 1]);
    await runRetention(h.ctx);
    // Published up to p + 1: the next event is the oldest one NATS still needs.
    expect(Math.min(...(await seqs()))).toBe(p + 2);

    await h.db.query('delete from nats_cursors');
    await h.db.query(`insert into event_followers (name, after_seq) values ('alerts', $1)`, [p + 2]);
    await runRetention(h.ctx);
    expect(Math.min(...(await seqs()))).toBe(p + 3);
  });

  it('tells a reader behind the kept log that events were pruned (410), from the oldest id on it is served', async () => {
    for (let i = 0; i < 3; i++) await placeOrder();
    await sequence();
    h.advance(WINDOW + DAY);
    await placeOrder();
    await sequence();
    await runRetention(h.ctx);
    const oldest = Math.min(...(await seqs()));
    expect(oldest).toBeGreaterThan(2);

    const gone = await h.call('GET', '/v1/events?after=1');
    expect(gone.status).toBe(410);
    expect(gone.body.error.code).toBe('events_pruned');
    expect(gone.body.error.details).toMatchObject({ after: 1, oldestSeq: oldest });
    expect(gone.body.error.details.oldestEventId).toMatch(/^evt_\d+$/);
    const stream = await h.call('GET', '/v1/events/stream', undefined, { 'last-event-id': '1' });
    expect(stream.status).toBe(410);
    expect(stream.body.error).toMatchObject({ code: 'events_pruned', details: { oldestSeq: oldest } });
    const streamAfter = await h.call('GET', `/v1/events/stream?after=${oldest - 2}`);
    expect(streamAfter.status).toBe(410);

    const fromOldest = await h.call('GET', `/v1/events?after=${oldest - 1}`);
    expect(fromOldest.status).toBe(200);
    expect(fromOldest.body.items[0].seq).toBe(oldest);
    // after=0: from the start of the log as it is kept.
    expect((await h.call('GET', '/v1/events')).body.items[0].seq).toBe(oldest);
  });

  it('refuses to replay a dead letter whose event was pruned, and replays one whose event is kept', async () => {
    const hook = await subscribe('/fail-dead');
    await placeOrder();
    await pass(); // attempt 1 fails
    h.advance(2 * DAY);
    await pass(); // attempt 2 fails: dead, two days after its event
    expect((await deliveries())[0]!.status).toBe('dead');
    h.advance(WINDOW - DAY);
    await placeOrder();
    await pass(); // a second dead letter, recent
    h.advance(1000);
    await pass();
    expect((await deliveries()).map((d) => d.status)).toEqual(['dead', 'dead']);
    const run = await runRetention(h.ctx);
    // The first dead letter's event is past the window; the dead letter itself is not yet.
    expect(run.webhookDeliveries).toBe(0);
    expect(run.events).toBeGreaterThan(0);

    const all = await h.call('POST', `/v1/webhooks/${hook}/dead-letters/replay`);
    expect(all.status).toBe(410);
    expect(all.body.error.code).toBe('events_pruned');
    const [prunedId] = all.body.error.details.deliveryIds;
    expect(all.body.error.details.deliveryIds).toHaveLength(1);
    expect((await deliveries()).map((d) => d.status)).toEqual(['dead', 'dead']);

    const one = await h.call('POST', `/v1/webhooks/${hook}/dead-letters/${prunedId}/replay`);
    expect(one.status).toBe(410);
    const { rows } = await h.db.query<{ id: string }>(`select id from webhook_deliveries where id <> $1`, [
      prunedId,
    ]);
    const kept = await h.call('POST', `/v1/webhooks/${hook}/dead-letters/${rows[0]!.id}/replay`);
    expect(kept.status).toBe(200);
    expect(kept.body.replayed).toBe(1);
  });

  it('shows pruning in /metrics, to an admin key or the metrics token only', async () => {
    await placeOrder();
    await sequence();
    h.advance(WINDOW + DAY);
    await placeOrder();
    await sequence();
    const pruned = (body: string) =>
      Number(/stockroom_retention_pruned_rows_total\{table="events"\} (\d+)/.exec(body)?.[1] ?? 0);
    const scrapeAs = (key: string) =>
      h.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${key}` } });
    const before = pruned((await scrapeAs(h.adminKey)).body);
    const run = await runRetention(h.ctx);
    expect(run.events).toBeGreaterThan(0);
    const scrape = await h.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${h.adminKey}` },
    });
    expect(scrape.statusCode).toBe(200);
    expect(scrape.headers['content-type']).toMatch(/^text\/plain/);
    expect(pruned(scrape.body)).toBe(before + run.events);
    expect(scrape.body).toMatch(/stockroom_retention_last_run_timestamp_seconds \d+/);
    expect(scrape.body).toMatch(/stockroom_events_oldest_retained_seq \d+/);
    expect(scrape.body).toMatch(/stockroom_events_oldest_retained_age_seconds \d+/);
    expect(scrape.body).toMatch(/stockroom_idempotency_keys_stored 0/);
    expect(scrape.body).toContain('process_resident_memory_bytes');

    expect((await h.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const storefront = (await createApiKey(h.ctx, { name: 'shop', role: 'storefront' })).key;
    const refused = await h.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${storefront}` },
    });
    expect(refused.statusCode).toBe(403);
    const withToken = await buildServer(h.ctx, { metricsToken: 'scrape-secret-0123456789' });
    try {
      const ok = await withToken.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: 'Bearer scrape-secret-0123456789' },
      });
      expect(ok.statusCode).toBe(200);
      const wrong = await withToken.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: 'Bearer scrape-secret-0123456788' },
      });
      expect(wrong.statusCode).toBe(401);
    } finally {
      await withToken.close();
    }
  });
});

describe.each(backends())('the movement ledger by month on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
    // The harness clock starts at 2030-01-01: the job prepares that month and the next two
    // before anything is written (as the server does at start-up).
    expect(await ensureMovementPartitions(h.ctx)).toBe(3);
    expect(await ensureMovementPartitions(h.ctx)).toBe(0);
    await seedCatalogue(h, ['MUG']);
  });
  afterAll(async () => h.close());

  it('keeps the ledger partitioned by month: verify and as-of reads across two months', async () => {
    h.advance(14 * DAY); // 2030-01-15
    await h.call('POST', '/v1/receipts', { warehouse: 'AMS', lines: [{ sku: 'MUG', qty: 10 }] });
    const january = h.now();
    h.advance(31 * DAY); // 2030-02-15
    await h.call('POST', '/v1/receipts', { warehouse: 'AMS', lines: [{ sku: 'MUG', qty: 5 }] });
    const ship = await h.call('POST', '/v1/orders', {
      orderId: 'feb',
      lines: [{ sku: 'MUG', qty: 2, warehouse: 'AMS' }],
    });
    expect(ship.status).toBe(201);

    const { rows } = await h.db.query<{ part: string; n: number }>(
      `select tableoid::regclass::text as part, count(*)::int as n from movements
       where warehouse = 'AMS' group by 1 order by 1`,
    );
    expect(rows).toEqual([
      { part: 'movements_y2030m01', n: 1 },
      { part: 'movements_y2030m02', n: 2 },
    ]);
    const asOf = async (at: Date) => {
      const r = await h.call('GET', `/v1/stock/MUG?asOf=${at.toISOString()}`);
      expect(r.status).toBe(200);
      return r.body.positions.find((p: { warehouse: string }) => p.warehouse === 'AMS');
    };
    expect(await asOf(january)).toMatchObject({ onHand: 10, reserved: 0 });
    expect(await asOf(h.now())).toMatchObject({ onHand: 15, reserved: 2 });
    const verify = await h.call('GET', '/v1/admin/verify');
    expect(verify.body).toMatchObject({ ok: true, problemCount: 0 });
    const moves = await h.call('GET', '/v1/movements?warehouse=AMS');
    expect(moves.body.items.map((m: { qty: number }) => m.qty)).toEqual([10, 5, 2]);

    // A month with no partition yet still takes movements (the default partition), and the
    // ledger stays append-only in every partition.
    h.advance(400 * DAY);
    expect(
      (await h.call('POST', '/v1/receipts', { warehouse: 'AMS', lines: [{ sku: 'MUG', qty: 1 }] })).status,
    ).toBe(201);
    const late = await h.db.query<{ part: string }>(
      `select tableoid::regclass::text as part from movements order by id desc limit 1`,
    );
    expect(late.rows[0]!.part).toBe('movements_default');
    // Its month is not given a partition later (the row would have to move): it stays readable.
    expect(await ensureMovementPartitions(h.ctx, 0)).toBe(0);
    const scrape = await h.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${h.adminKey}` },
    });
    expect(scrape.body).toContain('stockroom_movements_default_partition_rows 1');
    expect((await h.call('GET', '/v1/admin/verify')).body.ok).toBe(true);
    await expect(h.db.query(`delete from movements where warehouse = 'AMS'`)).rejects.toThrow(/append-only/);
    await expect(h.db.query(`update movements_y2030m01 set qty = 0`)).rejects.toThrow(/append-only/);
  });
});

describe.each(backends())('migrating an existing ledger to monthly partitions on $name', (backend) => {
  it('copies every movement into its month, keeps ids, and the ledger still verifies', async () => {
    const { db, drop } = await openMigratedBefore(backend, '020');
    try {
      let now = new Date('2026-10-20T12:00:00Z');
      const ctx = createContext(db, { clock: () => now });
      const app = await buildServer(ctx);
      const { key } = await createApiKey(ctx, { name: 'admin', role: 'admin' });
      const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
        const r = await app.inject({
          method,
          url,
          headers: { authorization: `Bearer ${key}` },
          ...(payload ? { payload } : {}),
        });
        return { status: r.statusCode, body: r.json() };
      };
      // The data as the schema before 020 holds it, written directly: today's routes, and the SQL
      // functions (src/db/functions/, applied in their current text whatever the version), may
      // use columns that later migrations add. A receipt of 7, an order reserving 2, then a loss
      // of 6 booked as a fact, which oversells the order (rows as the write path leaves them).
      const october = now;
      const november = new Date('2026-11-03T08:00:00Z');
      await db.query(
        `insert into warehouses (code, name, region, created_at, updated_at) values ('LON', 'LON', 'uk', $1, $1)`,
        [october],
      );
      await db.query(`insert into skus (sku, name, created_at, updated_at) values ('MUG', 'MUG', $1, $1)`, [
        october,
      ]);
      await db.query(
        `insert into stock_positions (sku, warehouse, on_hand, reserved, updated_at) values ('MUG', 'LON', 1, 2, $1)`,
        [november],
      );
      await db.query(
        `insert into movements (at, sku, warehouse, type, qty, d_on_hand, d_reserved, reason, order_id, actor)
         values ($1, 'MUG', 'LON', 'receipt', 7, 7, 0, null, null, 'admin'),
                ($2, 'MUG', 'LON', 'reserve', 2, 0, 2, 'order placed', 'before', 'admin'),
                ($2, 'MUG', 'LON', 'adjustment', 6, -6, 0, 'flood', null, 'admin')`,
        [october, november],
      );
      await db.query(
        `insert into orders (order_id, status, request_hash, placed_response, created_at, updated_at)
         values ('before', 'reserved', 'h', '{}', $1, $1)`,
        [november],
      );
      await db.query(`insert into order_lines (order_id, line_no, sku, qty) values ('before', 1, 'MUG', 2)`);
      await db.query(
        `insert into order_allocations (order_id, sku, warehouse, qty) values ('before', 'MUG', 'LON', 2)`,
      );
      await db.query(
        `insert into oversold_events (at, sku, warehouse, movement_id, sellable_after, orders_at_risk)
         select $1, 'MUG', 'LON', max(id), -1, '{before}' from movements`,
        [november],
      );
      now = november;
      const before = (await db.query('select * from movements order by id')).rows;
      expect(before).toHaveLength(3);
      const oversold = await db.query<{ movement_id: number }>('select movement_id from oversold_events');
      expect(oversold.rows).toHaveLength(1);

      await migrate(db);
      expect((await db.query('select * from movements order by id')).rows).toEqual(before);
      const parts = await db.query<{ part: string; n: number }>(
        `select tableoid::regclass::text as part, count(*)::int as n from movements group by 1 order by 1`,
      );
      expect(parts.rows).toEqual([
        { part: 'movements_y2026m10', n: 1 },
        { part: 'movements_y2026m11', n: 2 },
      ]);
      const { rows: kind } = await db.query<{ relkind: string }>(
        `select relkind from pg_class where relname = 'movements'`,
      );
      expect(kind[0]!.relkind).toBe('p');
      // The oversold record still finds its movement; new movements continue the id sequence.
      const joined = await db.query(
        'select 1 from oversold_events o join movements m on m.id = o.movement_id',
      );
      expect(joined.rows).toHaveLength(1);
      await call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 1 }] });
      const { rows: last } = await db.query<{ id: number }>('select max(id)::int as id from movements');
      expect(last[0]!.id).toBe(Math.max(...before.map((m) => Number(m.id))) + 1);
      expect((await call('GET', '/v1/admin/verify')).body).toMatchObject({ ok: true, problemCount: 0 });
      await app.close();
    } finally {
      await drop();
    }
  });
});
