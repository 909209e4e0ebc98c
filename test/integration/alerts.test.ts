/**
 * Alerts: every kind opens when its condition starts and resolves when it ends, incrementally
 * (following stock.changed) or by the sweep (time-based kinds); never twice for one condition;
 * acknowledge; filters and paging; alert.opened / alert.resolved in the event log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertPass, alertSweep, alertSweepIfDue } from '../../src/app/alerts.ts';
import { createApiKey } from '../../src/app/api-keys.ts';
import { createContext } from '../../src/app/create-context.ts';
import { sequencePass } from '../../src/app/events.ts';
import { migrate } from '../../src/db/migrate.ts';
import { applyMovements } from '../../src/db/stock.ts';
import { moves } from '../../src/domain/movements.ts';
import { buildServer } from '../../src/http/server.ts';
import { backends, openMigratedBefore } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

const DAY = 86_400_000;

interface Alert {
  alertId: string;
  kind: string;
  subject: string;
  status: string;
  sku: string | null;
  warehouse: string | null;
  details: Record<string, unknown>;
}

describe.each(backends())('alerts on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, ['MUG', 'TEE', 'CAP', 'PEN']);
  });
  afterAll(() => h.close());

  /** Numbers committed events, then lets the evaluator follow them. */
  const evaluate = async () => {
    while (await sequencePass(h.ctx));
    while ((await alertPass(h.ctx)).more);
  };
  const sweep = async () => {
    await evaluate();
    await alertSweep(h.ctx);
  };
  const active = async (subject: string): Promise<string[]> => {
    const all: Alert[] = (await h.call('GET', '/v1/alerts?limit=1000')).body.items;
    return all
      .filter((a) => a.subject === subject && a.status !== 'resolved')
      .map((a) => a.kind)
      .sort();
  };
  const receive = (warehouse: string, sku: string, qty: number) =>
    h.call('POST', '/v1/receipts', { warehouse, lines: [{ sku, qty }] });
  let orders = 0;
  const order = (sku: string, qty: number, warehouse = 'LON') =>
    h.call('POST', '/v1/orders', { orderId: `al-${++orders}`, lines: [{ sku, qty, warehouse }] });

  it('low stock and out of stock follow the stock, incrementally', async () => {
    await receive('LON', 'MUG', 10);
    await evaluate();
    expect(await active('MUG@LON')).toEqual([]);
    await order('MUG', 6);
    await evaluate();
    expect(await active('MUG@LON')).toEqual(['low_stock']);
    // Repeated evaluation, incremental and full, never opens a second alert.
    await evaluate();
    await alertSweep(h.ctx);
    await alertSweep(h.ctx);
    const { rows } = await h.db.query<{ n: number }>(
      `select count(*)::int as n from alerts where subject = 'MUG@LON' and kind = 'low_stock'`,
    );
    expect(rows[0]!.n).toBe(1);
    await order('MUG', 4);
    await evaluate();
    expect(await active('MUG@LON')).toEqual(['out_of_stock']);
    await receive('LON', 'MUG', 20);
    await evaluate();
    expect(await active('MUG@LON')).toEqual([]);
  });

  it('rules: a reorder point on the SKU wins over the default threshold', async () => {
    const put = await h.call('PUT', '/v1/alert-rules', { scope: { sku: 'MUG' }, reorderPoint: 25 });
    expect(put.status).toBe(201);
    expect(put.body).toMatchObject({ scope: { sku: 'MUG', warehouse: null }, reorderPoint: 25 });
    expect((await h.call('PUT', '/v1/alert-rules', { scope: { sku: 'MUG' }, reorderPoint: 25 })).status).toBe(
      200,
    );
    await sweep();
    const [low] = (await h.call('GET', '/v1/alerts?kind=low_stock&sku=MUG&status=open')).body.items;
    expect(low).toMatchObject({
      subject: 'MUG@LON',
      details: { sellable: 20, threshold: 25, basis: 'reorder_point' },
    });
    // Back to the default (5): 20 units are no longer low.
    await h.call('PUT', '/v1/alert-rules', { scope: { sku: 'MUG' } });
    await sweep();
    expect(await active('MUG@LON')).toEqual([]);
    const rules = (await h.call('GET', '/v1/alert-rules')).body;
    expect(rules.defaults).toMatchObject({ lowStockThreshold: 5, deadStockDays: 90, overstockDays: 180 });
    const unknown = await h.call('PUT', '/v1/alert-rules', { scope: { sku: 'NOPE' }, lowStockThreshold: 1 });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('unknown_sku');
    const bad = await h.call('PUT', '/v1/alert-rules', { scope: {}, deadStockDays: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
  });

  it('oversold opens with the record and resolves it when S is back >= 0', async () => {
    await receive('LON', 'TEE', 2);
    await order('TEE', 2);
    const damage = await h.call('POST', '/v1/damage', {
      warehouse: 'LON',
      sku: 'TEE',
      qty: 1,
      reason: 'broken',
    });
    expect(damage.body).toMatchObject({ position: { sellable: -1 } });
    await evaluate();
    expect(await active('TEE@LON')).toEqual(['out_of_stock', 'oversold']);
    expect((await h.call('GET', '/v1/oversold?sku=TEE')).body.items[0].resolvedAt).toBeNull();
    await receive('LON', 'TEE', 5);
    await evaluate();
    expect(await active('TEE@LON')).toEqual(['low_stock']);
    expect((await h.call('GET', '/v1/oversold?sku=TEE')).body.items[0].resolvedAt).toBe(
      h.now().toISOString(),
    );
  });

  it('dead stock and overstock come from the sweep, with time', async () => {
    await h.call('PUT', '/v1/alert-rules', { scope: { sku: 'CAP', warehouse: 'AMS' }, overstockDays: 100 });
    await receive('AMS', 'CAP', 50);
    await sweep();
    expect(await active('CAP@AMS')).toEqual([]);
    h.advance(90 * DAY);
    await sweep();
    expect(await active('CAP@AMS')).toEqual(['dead_stock']);
    // A sale ends dead stock; 1 unit in 30 days is 1,470 days of cover for the 49 left.
    await order('CAP', 1, 'AMS');
    await evaluate();
    expect(await active('CAP@AMS')).toEqual(['overstock']);
    const [over] = (await h.call('GET', '/v1/alerts?kind=overstock&warehouse=AMS')).body.items;
    expect(over.details).toMatchObject({ onHand: 50, coverDays: 1500, thresholdDays: 100 });
    // A month later the demand window is empty: no cover to speak of (dead stock takes over later).
    h.advance(31 * DAY);
    await sweep();
    expect(await active('CAP@AMS')).toEqual([]);
  });

  it('overstock reads the demand from the daily counts the placement keeps', async () => {
    // 4 on hand are overstocked at 30 days while under 4 units are reserved in 30 days.
    await h.call('PUT', '/v1/alert-rules', { scope: { sku: 'MUG', warehouse: 'AMS' }, overstockDays: 30 });
    await receive('AMS', 'MUG', 4);
    await order('MUG', 1, 'AMS');
    await evaluate();
    expect(await active('MUG@AMS')).toEqual(['low_stock', 'overstock']);
    const [over] = (await h.call('GET', '/v1/alerts?kind=overstock&warehouse=AMS&sku=MUG')).body.items;
    expect(over.details).toMatchObject({ onHand: 4, dailyDemand: 0.033, coverDays: 120, thresholdDays: 30 });
    // Three units reserved: 40 days of cover, still more than 30.
    const first = (await order('MUG', 1, 'AMS')).body.orderId;
    const second = (await order('MUG', 1, 'AMS')).body.orderId;
    await evaluate();
    expect(await active('MUG@AMS')).toEqual(['low_stock', 'overstock']);
    // Released orders still count as demand: 6 units reserved, 20 days of cover. Not
    // overstocked; the last order took the last unit.
    for (const id of [first, second])
      expect((await h.call('POST', `/v1/orders/${id}/cancel`)).status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await order('MUG', 1, 'AMS')).status).toBe(201);
    await evaluate();
    expect(await active('MUG@AMS')).toEqual(['out_of_stock']);
    const { rows } = await h.db.query<{ units: number }>(
      `select units from position_demand_days where sku = 'MUG' and warehouse = 'AMS'`,
    );
    expect(rows).toEqual([{ units: 6 }]);
    await h.call('PUT', '/v1/alert-rules', { scope: { sku: 'MUG', warehouse: 'AMS' } });
  });

  it('a reserve movement applied outside the placement is counted too', async () => {
    // Only placements reserve today; stockroom_apply_movements counts one all the same, so that
    // a later path cannot leave the overstock demand short.
    await receive('AMS', 'PEN', 10);
    await h.db.transaction((tx) =>
      applyMovements(tx, [moves.reserve({ sku: 'PEN', warehouse: 'AMS' }, 3)], { at: h.now() }),
    );
    const { rows } = await h.db.query<{ units: number }>(
      `select units from position_demand_days where sku = 'PEN' and warehouse = 'AMS'`,
    );
    expect(rows).toEqual([{ units: 3 }]);
    await h.db.transaction((tx) =>
      applyMovements(tx, [moves.release({ sku: 'PEN', warehouse: 'AMS' }, 3)], { at: h.now() }),
    );
  });

  it('an overdue transfer opens after 7 days and resolves when received', async () => {
    await receive('LON', 'PEN', 10);
    await h.call('POST', '/v1/transfers', {
      transferId: 'tr-al',
      from: 'LON',
      to: 'AMS',
      lines: [{ sku: 'PEN', qty: 3 }],
    });
    await h.call('POST', '/v1/transfers/tr-al/ship', {});
    h.advance(6 * DAY);
    await sweep();
    expect(await active('transfer:tr-al')).toEqual([]);
    h.advance(1 * DAY);
    await sweep();
    expect(await active('transfer:tr-al')).toEqual(['transfer_overdue']);
    const [late] = (await h.call('GET', '/v1/alerts?kind=transfer_overdue')).body.items;
    expect(late).toMatchObject({ warehouse: 'AMS', sku: null, details: { inTransit: 3, daysInTransit: 7 } });
    await h.call('POST', '/v1/transfers/tr-al/receive', { lines: [{ sku: 'PEN', received: 3 }] });
    await sweep();
    expect(await active('transfer:tr-al')).toEqual([]);
  });

  it('a lock expiring within 24 hours opens, and resolves when released', async () => {
    const until = new Date(h.now().getTime() + 48 * 3_600_000).toISOString();
    const lock = await h.call('POST', '/v1/locks', {
      warehouse: 'LON',
      sku: 'PEN',
      qty: 2,
      reason: 'promo',
      until,
    });
    expect(lock.status).toBe(201);
    const subject = `lock:${lock.body.lockId}`;
    await sweep();
    expect(await active(subject)).toEqual([]);
    h.advance(25 * 3_600_000);
    await sweep();
    expect(await active(subject)).toEqual(['lock_expiring']);
    await h.call('POST', `/v1/locks/${lock.body.lockId}/unlock`);
    await sweep();
    expect(await active(subject)).toEqual([]);
  });

  it('acknowledges an open alert once, with who, when and note', async () => {
    await order('PEN', 6);
    await evaluate();
    const [low] = (await h.call('GET', '/v1/alerts?kind=low_stock&sku=PEN&status=open')).body.items;
    expect(low).toBeDefined();
    const ack = await h.call(
      'POST',
      `/v1/alerts/${low.alertId}/acknowledge`,
      { who: 'sam', note: 'reordered' },
      { 'idempotency-key': 'ack-1' },
    );
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: 'sam',
      acknowledgeNote: 'reordered',
      acknowledgedAt: h.now().toISOString(),
    });
    const replay = await h.call(
      'POST',
      `/v1/alerts/${low.alertId}/acknowledge`,
      { who: 'sam', note: 'reordered' },
      { 'idempotency-key': 'ack-1' },
    );
    expect(replay.body).toEqual(ack.body);
    const again = await h.call('POST', `/v1/alerts/${low.alertId}/acknowledge`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invalid_state');
    expect((await h.call('POST', '/v1/alerts/alr_nope/acknowledge')).body.error.code).toBe('unknown_alert');
    expect((await h.call('GET', '/v1/alerts/alr_nope')).status).toBe(404);
    // Acknowledged is still active: no second alert, and it resolves by itself.
    await sweep();
    expect(await active('PEN@LON')).toEqual(['low_stock']);
    expect((await h.call('GET', `/v1/alerts/${low.alertId}`)).body.status).toBe('acknowledged');
    await receive('LON', 'PEN', 10);
    await evaluate();
    expect((await h.call('GET', `/v1/alerts/${low.alertId}`)).body.status).toBe('resolved');
  });

  it('filters and pages, newest first', async () => {
    const byStatus = async (status: string) =>
      (await h.call('GET', `/v1/alerts?status=${status}&limit=1000`)).body.items as Alert[];
    const resolved = await byStatus('resolved');
    expect(resolved.length).toBeGreaterThan(5);
    expect(resolved.every((a) => a.status === 'resolved')).toBe(true);
    const tee = (await h.call('GET', '/v1/alerts?sku=TEE&warehouse=LON')).body.items as Alert[];
    expect(tee.every((a) => a.subject === 'TEE@LON')).toBe(true);
    expect(tee.map((a) => a.kind)).toEqual(expect.arrayContaining(['low_stock', 'out_of_stock', 'oversold']));
    const all = (await h.call('GET', '/v1/alerts?limit=1000')).body.items as Alert[];
    const paged: Alert[] = [];
    let cursor: string | null = null;
    do {
      const r: { items: Alert[]; nextCursor: string | null } = (
        await h.call('GET', `/v1/alerts?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
      ).body;
      paged.push(...r.items);
      cursor = r.nextCursor;
    } while (cursor);
    expect(paged.map((a) => a.alertId)).toEqual(all.map((a) => a.alertId));
    expect((await h.call('GET', '/v1/alerts?kind=exploded')).body.error.code).toBe('invalid_request');
  });

  it('writes alert.opened and alert.resolved to the event log', async () => {
    while (await sequencePass(h.ctx));
    const events = (await h.call('GET', '/v1/events?types=alert.opened,alert.resolved&limit=1000')).body
      .items;
    const mug = events.filter(
      (e: { data: { subject: string; kind: string } }) =>
        e.data.subject === 'MUG@LON' && ['low_stock', 'out_of_stock'].includes(e.data.kind),
    );
    expect(mug.map((e: { type: string; data: { kind: string } }) => `${e.type} ${e.data.kind}`)).toEqual([
      'alert.opened low_stock',
      'alert.resolved low_stock',
      'alert.opened out_of_stock',
      'alert.resolved out_of_stock',
      'alert.opened low_stock',
      'alert.resolved low_stock',
    ]);
    expect(mug[0].stream).toBe(`alert:${mug[0].data.alertId}`);
  });

  it('the scheduled sweep runs once an interval, whichever process asks', async () => {
    const MINUTE = 60_000;
    // Every server process's timer asks; the first one in an interval sweeps.
    expect(await alertSweepIfDue(h.ctx, MINUTE)).not.toBeNull();
    expect(await alertSweepIfDue(h.ctx, MINUTE)).toBeNull();
    h.advance(30_000);
    expect(await alertSweepIfDue(h.ctx, MINUTE)).toBeNull();
    // 55 s after it: a timer that fires a little early still finds it due.
    h.advance(25_000);
    expect(await alertSweepIfDue(h.ctx, MINUTE)).not.toBeNull();
    expect(await alertSweepIfDue(h.ctx, MINUTE)).toBeNull();
    // A sweep that is due does the sweep's work: stock that no pass has looked at yet.
    expect([200, 201]).toContain((await h.call('PUT', '/v1/skus/BOX', { name: 'Box' })).status);
    await receive('LON', 'BOX', 3);
    h.advance(MINUTE);
    expect((await alertSweepIfDue(h.ctx, MINUTE))?.opened).toBeGreaterThanOrEqual(1);
    expect(await active('BOX@LON')).toEqual(['low_stock']);
  });
});

describe.each(backends())(
  'migration 044 on $name: the daily demand counts of an existing ledger',
  (backend) => {
    it('fills the last 31 days from the ledger, whole days only, and counts every reserve after it', async () => {
      const { db, drop } = await openMigratedBefore(backend, '044');
      try {
        const ctx = createContext(db);
        const app = await buildServer(ctx);
        const { key } = await createApiKey(ctx, { name: 'admin', role: 'admin' });
        const call = async (method: 'POST' | 'PUT', url: string, payload: object) => {
          const r = await app.inject({ method, url, headers: { authorization: `Bearer ${key}` }, payload });
          expect(r.statusCode, r.body).toBeLessThan(300);
        };
        await call('PUT', '/v1/regions/uk', { name: 'UK', lat: 51.5, lon: -0.1, countries: ['GB'] });
        await call('PUT', '/v1/warehouses/LON', { name: 'London', region: 'uk' });
        await call('PUT', '/v1/skus/MUG', { name: 'Mug' });
        await call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 100 }] });
        // Reserves as the ledger before 044 holds them, written straight into it: today's
        // functions (applied in their current text whatever the version) already count into the
        // table 044 creates, so orders cannot be placed through the API before it. Today and 29
        // days ago count; 40 days ago does not.
        await db.query(
          `insert into movements (at, sku, warehouse, type, qty, d_reserved)
           values (now(), 'MUG', 'LON', 'reserve', 2, 2),
                  (now(), 'MUG', 'LON', 'reserve', 3, 3),
                  (now() - interval '29 days', 'MUG', 'LON', 'reserve', 4, 4),
                  (now() - interval '40 days', 'MUG', 'LON', 'reserve', 5, 5)`,
        );
        await app.close();

        await migrate(db);
        const days = async () =>
          (
            await db.query<{ day: string; units: number }>(
              `select day::text as day, units from position_demand_days where sku = 'MUG' order by day`,
            )
          ).rows;
        const today = (await db.query<{ d: string }>(`select (now() at time zone 'UTC')::date::text as d`))
          .rows[0]!.d;
        const back29 = (
          await db.query<{ d: string }>(
            `select ((now() - interval '29 days') at time zone 'UTC')::date::text as d`,
          )
        ).rows[0]!.d;
        expect(await days()).toEqual([
          { day: back29, units: 4 },
          { day: today, units: 5 },
        ]);

        // From now on the placement counts: one more order today.
        const after = await buildServer(ctx);
        const r = await after.inject({
          method: 'POST',
          url: '/v1/orders',
          headers: { authorization: `Bearer ${key}` },
          payload: { orderId: 'm44-after', lines: [{ sku: 'MUG', qty: 6, warehouse: 'LON' }] },
        });
        expect(r.statusCode, r.body).toBe(201);
        await after.close();
        expect(await days()).toEqual([
          { day: back29, units: 4 },
          { day: today, units: 11 },
        ]);
      } finally {
        await drop();
      }
    });
  },
);
