/**
 * Back-in-stock notices tell the truth when they are sent: a subscriber is told only by an
 * announcement made after it subscribed, and only while the SKU (in its region) is sellable
 * at the moment of sending; otherwise it keeps waiting for the real restock. A seeded random
 * interleaving of subscriptions, sell-outs, restocks and notifier passes never sends a notice
 * while S <= 0.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notice } from '../../src/app/back-in-stock-delivery.ts';
import { announcePass, deliverDue, type NotifierOptions } from '../../src/app/back-in-stock-notifier.ts';
import { sequencePass } from '../../src/app/events.ts';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

describe.each(backends())('back-in-stock notices at the moment of sending on $name', (backend) => {
  let h: Harness;
  /** Each notice sent, with what the storefront said the SKU could sell at that moment. */
  const sent: { notice: Notice; sellableWhenSent: number }[] = [];

  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, ['CAP', 'PEN', 'HAT']);
    await h.call('PUT', '/v1/regions/uk', { name: 'UK', countries: ['GB'] });
    await h.call('PUT', '/v1/warehouses/LON/regions', { regions: [{ region: 'uk', deliveryDays: 1 }] });
  });
  afterAll(() => h.close());

  const sellableOf = async (sku: string, region: string | null) =>
    (await h.call('GET', `/v1/availability/${sku}${region ? `?region=${region}` : ''}`)).body
      .sellable as number;
  const options: NotifierOptions = {
    multiple: 3,
    email: null,
    webhook: async (_url, _secret, notice) => {
      sent.push({ notice, sellableWhenSent: await sellableOf(notice.sku, notice.region) });
    },
    publicUrl: 'https://stock.example.com',
  };
  const sequence = async () => {
    while (await sequencePass(h.ctx));
  };
  const announce = async () => {
    while (await announcePass(h.ctx, options));
  };
  const deliver = async () => {
    while ((await deliverDue(h.ctx, options)) > 0);
  };
  const run = async () => {
    await sequence();
    await announce();
    await deliver();
  };
  let subscribers = 0;
  const subscribe = async (sku: string, region?: string) => {
    const r = await h.call('POST', '/v1/back-in-stock-subscriptions', {
      sku,
      ...(region ? { region } : {}),
      contact: {
        webhookUrl: `https://hooks.example.com/s${++subscribers}`,
        secret: 'a-long-enough-secret-0123',
      },
    });
    expect(r.status).toBe(201);
    return r.body.subscriptionId as number;
  };
  const statusOf = async (sku: string) =>
    (
      (await h.call('GET', `/v1/back-in-stock-subscriptions?sku=${sku}`)).body.items as { status: string }[]
    ).map((s) => s.status);
  let orders = 0;
  const receive = (sku: string, qty: number) =>
    h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku, qty }] });
  const order = (sku: string, qty: number) =>
    h.call('POST', '/v1/orders', { orderId: `t-${++orders}`, lines: [{ sku, qty, warehouse: 'LON' }] });

  it('ignores an announcement written before the subscription, and tells at the real restock', async () => {
    sent.length = 0;
    expect((await receive('CAP', 2)).status).toBe(201);
    await sequence(); // sku.back_in_stock {sellable: 2} is written; the notifier has not read it
    expect((await order('CAP', 2)).status).toBe(201);
    expect(await sellableOf('CAP', null)).toBe(0);
    await subscribe('CAP');
    await run();
    expect(sent).toEqual([]);
    expect(await statusOf('CAP')).toEqual(['waiting']);
    expect((await receive('CAP', 3)).status).toBe(201);
    await run();
    expect(sent.map((s) => [s.notice.sku, s.notice.sellable, s.sellableWhenSent])).toEqual([['CAP', 3, 3]]);
    expect(await statusOf('CAP')).toEqual(['notified']);
  });

  it('keeps waiting when the SKU sold out again between the announcement and the send', async () => {
    sent.length = 0;
    await subscribe('PEN');
    expect((await receive('PEN', 1)).status).toBe(201);
    await sequence();
    await announce(); // picked for sending
    expect((await order('PEN', 1)).status).toBe(201);
    await deliver();
    expect(sent).toEqual([]);
    const items = (await h.call('GET', '/v1/back-in-stock-subscriptions?sku=PEN')).body.items;
    expect(items).toMatchObject([{ status: 'waiting' }]);
    // Back within the same sequencer pass: no new announcement, so the second look finds it.
    expect((await receive('PEN', 4)).status).toBe(201);
    await run();
    expect(sent).toEqual([]);
    h.advance(30_000);
    await run();
    expect(sent.map((s) => [s.notice.sellable, s.sellableWhenSent])).toEqual([[4, 4]]);
    expect(await statusOf('PEN')).toEqual(['notified']);
  });

  it('after a sold-out announcement, waits for the next back-in-stock one', async () => {
    sent.length = 0;
    await subscribe('CAP');
    await order('CAP', 3); // CAP: 3 -> 0
    await receive('CAP', 1);
    await sequence();
    await announce();
    await order('CAP', 1);
    await deliver(); // sold out again: waiting, to look again in 30 s
    await sequence(); // announces sku.out_of_stock
    await announce(); // ... so no second look: the next announcement will tell
    h.advance(60_000);
    await deliver();
    expect(sent).toEqual([]);
    await receive('CAP', 2);
    await run();
    expect(sent.map((s) => s.notice.sellable)).toEqual([2]);
  });

  it('never sends while S <= 0, whatever the interleaving (seeded)', async () => {
    sent.length = 0;
    // mulberry32: a small seeded generator whose low bits are as random as its high ones.
    let seed = 20_261_203;
    const random = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    const steps = backend.name === 'pglite' ? 160 : 240;
    for (let i = 0; i < steps; i++) {
      const sellable = await sellableOf('HAT', null);
      // Sell-outs take everything left, so notices read late would often be stale.
      switch (
        ['subscribe', 'subscribe', 'receive', 'sellOut', 'sellOut', 'sequence', 'announce', 'deliver'][
          random(8)
        ]
      ) {
        case 'subscribe':
          await subscribe('HAT', random(2) === 0 ? 'uk' : undefined);
          break;
        case 'receive':
          await receive('HAT', 1 + random(3));
          break;
        case 'sellOut':
          if (sellable > 0) expect((await order('HAT', sellable)).status).toBe(201);
          break;
        case 'sequence':
          await sequence();
          break;
        case 'announce':
          await announce();
          break;
        default:
          await deliver();
      }
    }
    // Finally a restock that stays: the waiting are told (the first ones, up to the cap).
    await receive('HAT', 5);
    await run();
    h.advance(60_000);
    await run();
    expect(sent.length).toBeGreaterThan(0);
    for (const s of sent) expect(s.sellableWhenSent, JSON.stringify(s.notice)).toBeGreaterThan(0);
    // Nobody was told twice, and everyone told is recorded notified.
    const ids = sent.map((s) => s.notice.subscriptionId);
    expect(new Set(ids).size).toBe(ids.length);
    const rows = (await h.call('GET', '/v1/back-in-stock-subscriptions?sku=HAT&limit=1000')).body.items as {
      subscriptionId: number;
      status: string;
    }[];
    for (const id of ids) expect(rows.find((r) => r.subscriptionId === id)?.status).toBe('notified');
  });
});
