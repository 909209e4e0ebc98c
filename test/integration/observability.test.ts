/**
 * What an operator watches: GET /metrics names request rate and latency by route and status,
 * reservation outcomes and batch sizes, outbox, expiry and lock-wave lag, webhook backlog,
 * the pool (PostgreSQL) and the process; every response carries a request id, and request
 * logs are debug when they succeed, info when they fail, each line with the id.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertPass } from '../../src/app/alerts.ts';
import { sequencePass } from '../../src/app/events.ts';
import { buildServer } from '../../src/http/server.ts';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

/** The value of one series in a Prometheus text page, or undefined when absent. */
function sample(page: string, series: string): number | undefined {
  const line = page.split('\n').find((l) => l.startsWith(series + ' '));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe.each(backends())('observability on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, ['MUG']);
  });
  afterAll(async () => {
    await h?.close();
  });

  const metrics = async () => {
    const res = await h.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${h.adminKey}` } });
    expect(res.statusCode).toBe(200);
    return res.body;
  };

  it('counts requests by route template and status, and reservations by outcome', async () => {
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 3 }] });
    const placed = await h.call('POST', '/v1/orders', { orderId: 'obs-1', lines: [{ sku: 'MUG', qty: 2 }] });
    expect(placed.status).toBe(201);
    const refused = await h.call('POST', '/v1/orders', { orderId: 'obs-2', lines: [{ sku: 'MUG', qty: 2 }] });
    expect(refused.status).toBe(409);
    expect((await h.call('GET', '/v1/orders/obs-1')).status).toBe(200);
    expect((await h.call('GET', '/v1/orders/nope')).status).toBe(404);

    const page = await metrics();
    const count = (route: string, status: number, method = 'GET') =>
      sample(
        page,
        `stockroom_http_request_duration_seconds_count{method="${method}",route="${route}",status="${status}"}`,
      );
    expect(count('/v1/orders', 201, 'POST')).toBe(1);
    expect(count('/v1/orders', 409, 'POST')).toBe(1);
    // The template, not the order id: one series however many orders there are.
    expect(count('/v1/orders/:orderId', 200)).toBe(1);
    expect(count('/v1/orders/:orderId', 404)).toBe(1);
    expect(page).not.toContain('obs-1');
    expect(sample(page, 'stockroom_reservations_total{outcome="placed"}')).toBe(1);
    expect(sample(page, 'stockroom_reservations_total{outcome="refused"}')).toBe(1);
    expect(sample(page, 'stockroom_reservation_batch_size_count')).toBe(2);
  });

  it('shows expiry lag, lock-wave lag, outbox lag and the webhook backlog', async () => {
    const hour = 3_600_000;
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 10 }] });
    const order = await h.call('POST', '/v1/orders', {
      orderId: 'obs-expiring',
      lines: [{ sku: 'MUG', qty: 1 }],
      expiresInSeconds: 60,
    });
    expect(order.status).toBe(201);
    const lock = await h.call('POST', '/v1/locks', {
      warehouse: 'LON',
      sku: 'MUG',
      reason: 'promo',
      qty: 2,
      waves: [{ at: new Date(h.now().getTime() + hour).toISOString(), qty: 2 }],
    });
    expect(lock.status).toBe(201);
    let page = await metrics();
    expect(sample(page, 'stockroom_expiry_lag_seconds')).toBe(0);
    expect(sample(page, 'stockroom_lock_wave_lag_seconds')).toBe(0);
    // Nobody runs the expiry loop nor the lock loop here: both fall behind as the clock moves.
    h.advance(2 * hour);
    page = await metrics();
    expect(sample(page, 'stockroom_expiry_lag_seconds')).toBe(2 * 3600 - 60);
    expect(sample(page, 'stockroom_lock_wave_lag_seconds')).toBe(3600);
    // Events were written and nobody sequences them: the outbox is behind.
    expect(sample(page, 'stockroom_outbox_lag_seconds')).toBeGreaterThan(0);

    // Sequenced, the outbox is caught up; the alert evaluator has not read the log yet.
    while (await sequencePass(h.ctx));
    page = await metrics();
    expect(sample(page, 'stockroom_outbox_lag_seconds')).toBe(0);
    const logEnd = Number(
      (await h.db.query<{ s: string }>('select max(seq)::text as s from events')).rows[0]!.s,
    );
    expect(logEnd).toBeGreaterThan(0);
    await h.db.query(
      `insert into event_followers (name, after_seq) values ('alerts', 0) on conflict (name) do update set after_seq = 0`,
    );
    page = await metrics();
    expect(sample(page, 'stockroom_event_follower_lag_events{follower="alerts"}')).toBe(logEnd);
    while ((await alertPass(h.ctx)).more);
    page = await metrics();
    expect(sample(page, 'stockroom_event_follower_lag_events{follower="alerts"}')).toBe(0);

    expect(sample(page, 'stockroom_webhook_deliveries_pending')).toBe(0);
    await h.db.query(
      `insert into webhooks (id, url, secret, created_at, cursor_seq) values ('wh_obs', 'https://example.com/', 's', now(), 0)`,
    );
    await h.db.query(
      `insert into webhook_deliveries (id, webhook_id, event_seq, event_id, event_type, status, next_attempt_at, created_at)
       select 'whd_' || n, 'wh_obs', n, 'evt_' || n, 'stock.changed', case when n <= 3 then 'pending' else 'dead' end, now(), now()
       from generate_series(1, 5) n`,
    );
    page = await metrics();
    expect(sample(page, 'stockroom_webhook_deliveries_pending')).toBe(3);
    expect(sample(page, 'stockroom_webhook_deliveries_dead')).toBe(2);
  });

  it('shows the process (memory, event-loop lag) and, on PostgreSQL, the pool', async () => {
    const page = await metrics();
    expect(sample(page, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(page).toContain('nodejs_eventloop_lag_p99_seconds');
    if (backend.name === 'postgres') {
      expect(sample(page, 'stockroom_db_pool_connections{state="in_use"}')).toBeGreaterThanOrEqual(0);
      expect(sample(page, 'stockroom_db_pool_connections{state="idle"}')).toBeGreaterThan(0);
      // The scrape's own queries may be waiting for a connection: a count, not a fixed value.
      expect(sample(page, 'stockroom_db_pool_waiting')).toBeGreaterThanOrEqual(0);
    } else {
      expect(page).not.toContain('stockroom_db_pool_connections');
    }
  });

  it('answers every request with a request id, the client’s own when it is sane', async () => {
    const fresh = await h.app.inject({ url: '/healthz' });
    expect(fresh.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const other = await h.app.inject({ url: '/healthz' });
    expect(other.headers['request-id']).not.toBe(fresh.headers['request-id']);
    const given = await h.app.inject({ url: '/v1/skus', headers: { 'request-id': 'shop-7f3a.1' } });
    expect(given.statusCode).toBe(401);
    expect(given.headers['request-id']).toBe('shop-7f3a.1');
    const odd = await h.app.inject({ url: '/healthz', headers: { 'request-id': 'a b\u00e9'.repeat(50) } });
    expect(odd.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs a successful request at debug and a failed one at info, each with its id', async () => {
    let log = '';
    const capture = new Writable({
      write(chunk: Buffer, _enc, done) {
        log += chunk.toString('utf8');
        done();
      },
    });
    const app = await buildServer(h.ctx, { logger: { level: 'debug', stream: capture } });
    try {
      await app.inject({ url: '/healthz', headers: { 'request-id': 'ok-request' } });
      await app.inject({ url: '/v1/skus', headers: { 'request-id': 'failed-request' } });
    } finally {
      await app.close();
    }
    const lines = log
      .trim()
      .split('\n')
      .map(
        (l) => JSON.parse(l) as { level: number; reqId?: string; msg: string; res?: { statusCode: number } },
      );
    const of = (id: string) => lines.filter((l) => l.reqId === id);
    expect(of('ok-request')).toEqual([
      expect.objectContaining({ level: 20, msg: 'request completed', res: { statusCode: 200 } }),
    ]);
    expect(of('failed-request')).toContainEqual(
      expect.objectContaining({ level: 30, msg: 'request failed', res: { statusCode: 401 } }),
    );
    // Nothing is logged without the id of the request it is about.
    expect(lines.filter((l) => l.msg.startsWith('request') && !l.reqId)).toEqual([]);
  });
});
