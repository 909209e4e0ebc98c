/**
 * Back-in-stock under concurrency, on PostgreSQL (real connections, real row locks): while
 * several clients receive stock and place and cancel orders so that a SKU goes out of stock and
 * back in again and again, two notifiers (two contexts on their own connections, as two server
 * processes) sequence, announce and deliver at the same time. Every subscriber is sent at most
 * once, every announcement notifies at most ceil(multiple x sellable) of them, first come first
 * served, and everyone sent to is recorded `notified`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  announcePass,
  deliverDue,
  notifyCap,
  type NotifierOptions,
} from '../../src/app/back-in-stock-notifier.ts';
import type { AppContext } from '../../src/app/context.ts';
import { createContext } from '../../src/app/create-context.ts';
import { sequencePass } from '../../src/app/events.ts';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

const SUBSCRIBERS = 80;
const MULTIPLE = 3;
const pg = backends().filter((b) => b.name === 'postgres');

describe.skipIf(pg.length === 0).each(pg)(
  'back-in-stock notifications under concurrency on $name',
  (backend) => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(backend);
      await seedCatalogue(h, ['MUG']);
    });
    afterAll(() => h.close());

    it('notifies each subscriber at most once, within the cap, while two notifiers race restocks', async () => {
      for (let i = 0; i < SUBSCRIBERS; i++) {
        const r = await h.call('POST', '/v1/back-in-stock-subscriptions', {
          sku: 'MUG',
          contact: { webhookUrl: `https://hooks.example.com/s${i}`, secret: 'a-long-enough-secret-0123' },
        });
        expect(r.status).toBe(201);
      }
      /** Subscription id -> times sent, across both notifiers. */
      const sent = new Map<number, number>();
      const options: NotifierOptions = {
        multiple: MULTIPLE,
        email: null,
        webhook: async (_url, _secret, notice) => {
          sent.set(notice.subscriptionId, (sent.get(notice.subscriptionId) ?? 0) + 1);
          await sleep(Math.random() * 3); // let the other notifier interleave
        },
        publicUrl: 'https://stock.example.com',
      };
      const notifier = async (ctx: AppContext, done: () => boolean) => {
        for (;;) {
          const finished = done(); // read before the pass, so the last pass sees every change
          while (await sequencePass(ctx));
          while (await announcePass(ctx, options));
          while ((await deliverDue(ctx, options, 5)) > 0);
          if (finished) return;
          await sleep(Math.random() * 5);
        }
      };

      // Stock that keeps crossing zero: one-unit receipts, one-unit orders (a third cancelled) faster than the receipts.
      let orderNo = 0;
      const buyer = async (rounds: number) => {
        for (let i = 0; i < rounds; i++) {
          const orderId = `nc-${++orderNo}`;
          const r = await h.call('POST', '/v1/orders', {
            orderId,
            lines: [{ sku: 'MUG', qty: 1, warehouse: 'LON' }],
          });
          if (r.status === 201 && Math.random() < 0.3) {
            await sleep(Math.random() * 10);
            expect((await h.call('POST', `/v1/orders/${orderId}/cancel`)).status).toBe(200);
          }
          await sleep(10 + Math.random() * 20);
        }
      };
      const refusedReceipts: string[] = [];
      const supplier = async (rounds: number) => {
        for (let i = 0; i < rounds; i++) {
          const r = await h.call('POST', '/v1/receipts', {
            warehouse: 'LON',
            lines: [{ sku: 'MUG', qty: 1 }],
          });
          // Receipts are never refused (two first receipts at a new position once raced: 014).
          if (r.status !== 201) refusedReceipts.push(`${r.status} ${r.body.error?.code}`);
          await sleep(40 + Math.random() * 80);
        }
      };
      let mutating = true;
      const a = createContext(h.db, { clock: h.now });
      const b = createContext(h.db, { clock: h.now });
      const notifiers = Promise.all([notifier(a, () => !mutating), notifier(b, () => !mutating)]);
      await Promise.all([supplier(15), supplier(15), buyer(40), buyer(40), buyer(40)]);
      mutating = false;
      await notifiers;
      expect(refusedReceipts).toEqual([]);

      const { rows: announcements } = await h.db.query<{ seq: number; sellable: number }>(
        `select seq, (data->>'sellable')::int as sellable from events
       where type = 'sku.back_in_stock' and data->>'sku' = 'MUG' and data->>'region' is null order by seq`,
      );
      const { rows: outOfStock } = await h.db.query<{ n: number }>(
        `select count(*)::int as n from events where type = 'sku.out_of_stock' and data->>'sku' = 'MUG'
         and data->>'region' is null`,
      );
      // The SKU really went out and back in, repeatedly.
      expect(announcements.length).toBeGreaterThanOrEqual(3);
      expect(outOfStock[0]!.n).toBeGreaterThanOrEqual(2);

      const { rows: subs } = await h.db.query<{
        id: number;
        status: string;
        announcement_seq: number | null;
        note: string | null;
      }>(
        `select id, status, announcement_seq, note from back_in_stock_subscriptions where sku = 'MUG' order by id`,
      );
      expect(subs).toHaveLength(SUBSCRIBERS);
      // At most once each, and every one sent to is recorded notified (nothing left mid-way).
      expect([...sent.values()].every((n) => n === 1)).toBe(true);
      const notified = subs.filter((s) => s.status === 'notified');
      expect(subs.every((s) => s.status === 'notified' || s.status === 'waiting')).toBe(true);
      expect(notified.map((s) => s.id).sort((x, y) => x - y)).toEqual([...sent.keys()].sort((x, y) => x - y));
      // The cap per announcement.
      for (const { seq, sellable } of announcements) {
        const picked = subs.filter((s) => s.announcement_seq === seq).length;
        expect(picked, `announcement ${seq} of ${sellable} units`).toBeLessThanOrEqual(
          notifyCap(MULTIPLE, sellable),
        );
      }
      expect(notified.every((s) => announcements.some((x) => x.seq === s.announcement_seq))).toBe(true);
      // First come, first served, as far as "told only while still sellable" allows: each
      // announcement picks the earliest waiting subscribers, and one whose notice found the SKU
      // sold out again at send time goes back to waiting while a later one, sent a moment after
      // the next restock, may be told. So every subscriber still waiting below the last one told
      // was picked and passed over for that reason, never skipped.
      expect(notified.length).toBeGreaterThan(0);
      const lastTold = Math.max(...notified.map((s) => s.id));
      const skipped = subs.filter(
        (s) => s.status === 'waiting' && s.id < lastTold && !/sold out again/.test(s.note ?? ''),
      );
      expect(skipped.map((s) => s.id)).toEqual([]);
    });
  },
);
