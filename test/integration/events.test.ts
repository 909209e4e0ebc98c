/**
 * The event log: events are written in the transaction of the change (or not at all), numbered
 * after commit without gaps, readable with `after`, derived stock announcements, and the live
 * stream with resume from Last-Event-ID.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/app/create-context.ts';
import { expireDueOrders } from '../../src/app/orders.ts';
import { sequencePass } from '../../src/app/events.ts';
import { emitEvents, sequenceEvents } from '../../src/db/events.ts';
import { applyMovements } from '../../src/db/stock.ts';
import { moves } from '../../src/domain/movements.ts';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

interface Event {
  id: string;
  seq: number;
  stream: string;
  streamSeq: number;
  type: string;
  data: Record<string, unknown>;
}

describe.each(backends())('events on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, ['MUG', 'TEE', 'CAP']);
    await h.call('PUT', '/v1/regions/uk', { name: 'UK', countries: ['GB'] });
    await h.call('PUT', '/v1/regions/eu', { name: 'EU', countries: ['NL'] });
    await h.call('PUT', '/v1/warehouses/LON/regions', { regions: [{ region: 'uk', deliveryDays: 1 }] });
    await h.call('PUT', '/v1/warehouses/AMS/regions', { regions: [{ region: 'eu', deliveryDays: 1 }] });
    await drain();
  });
  afterAll(() => h.close());

  const drain = async () => {
    while (await sequencePass(h.ctx));
  };
  let cursor = 0;
  /** Sequences what committed and returns the events since the last call. */
  const newEvents = async (): Promise<Event[]> => {
    await drain();
    const page = (await h.call('GET', `/v1/events?after=${cursor}&limit=1000`)).body;
    cursor = page.lastSeq;
    return page.items;
  };
  const summary = (events: Event[]) =>
    events.map((e) =>
      e.type === 'stock.changed'
        ? `${e.type} ${e.data.sku}@${e.data.warehouse} ${e.data.movement} S=${e.data.sellable}`
        : `${e.type} ${JSON.stringify(e.data.orderId ?? e.data.transferId ?? [e.data.sku, e.data.region])}`,
    );

  it('numbers many streams in one pass: each stream counts on from its own last number', async () => {
    await newEvents();
    const emit = (streams: string[]) =>
      h.db.transaction((tx) =>
        emitEvents(
          tx,
          new Date(),
          streams.map((stream, i) => ({ type: 'test.numbered', stream, data: { i } })),
        ),
      );
    // Interleaved, so that neither the ids nor the batch's order group a stream's events.
    await emit(['seq:a', 'seq:b', 'seq:a', 'seq:c', 'seq:b', 'seq:a']);
    expect(await h.db.transaction((tx) => sequenceEvents(tx, 1000))).toBe(6);
    await emit(['seq:b', 'seq:d', 'seq:a', 'seq:a']);
    expect(await h.db.transaction((tx) => sequenceEvents(tx, 1000))).toBe(4);
    const events = (await newEvents()).filter((e) => e.type === 'test.numbered');
    expect(events.map((e) => `${e.stream}#${e.streamSeq}`)).toEqual([
      'seq:a#1',
      'seq:b#1',
      'seq:a#2',
      'seq:c#1',
      'seq:b#2',
      'seq:a#3',
      'seq:b#3',
      'seq:d#1',
      'seq:a#4',
      'seq:a#5',
    ]);
    for (const [i, e] of events.entries()) expect(e.seq).toBe(events[0]!.seq + i);
  });

  it('writes order.reserved once per placed order: none for a refusal or a replay', async () => {
    await newEvents();
    await h.call('POST', '/v1/receipts', { warehouse: 'AMS', lines: [{ sku: 'CAP', qty: 2 }] });
    const placed = await h.call('POST', '/v1/orders', {
      orderId: 'ev-once',
      lines: [{ sku: 'CAP', qty: 2 }],
    });
    expect(placed.status).toBe(201);
    const replay = await h.call('POST', '/v1/orders', {
      orderId: 'ev-once',
      lines: [{ sku: 'CAP', qty: 2 }],
    });
    expect(replay.status).toBe(200);
    const refused = await h.call('POST', '/v1/orders', {
      orderId: 'ev-short',
      lines: [{ sku: 'CAP', qty: 1 }],
    });
    expect(refused.status).toBe(409);
    const reserved = (await newEvents()).filter((e) => e.type === 'order.reserved');
    expect(reserved.map((e) => e.data)).toEqual([
      {
        orderId: 'ev-once',
        region: null,
        channel: null,
        expiresAt: null,
        allocations: [expect.objectContaining({ sku: 'CAP', warehouse: 'AMS', qty: 2 })],
      },
    ]);
    await h.call('POST', '/v1/orders/ev-once/cancel');
    await newEvents();
  });

  it('writes stock and order events with the change, numbered without gaps', async () => {
    await newEvents();
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 3 }] });
    await drain();
    await h.call('POST', '/v1/orders', { orderId: 'ev-1', lines: [{ sku: 'MUG', qty: 3 }] });
    await h.call('POST', '/v1/orders/ev-1/confirm');
    await h.call('POST', '/v1/orders/ev-1/shipments', {});
    const events = await newEvents();
    expect(summary(events)).toEqual([
      'stock.changed MUG@LON receipt S=3',
      'sku.back_in_stock ["MUG",null]',
      'sku.back_in_stock ["MUG","uk"]',
      'stock.changed MUG@LON reserve S=0',
      'order.reserved "ev-1"',
      'order.confirmed "ev-1"',
      'stock.changed MUG@LON ship S=0',
      'order.shipped "ev-1"',
      // Sold out by the time these were numbered: announced once.
      'sku.out_of_stock ["MUG",null]',
      'sku.out_of_stock ["MUG","uk"]',
    ]);
    // The announcements are derived when the events are numbered, after the receipt: they
    // follow it. Sequence numbers are consecutive; each stream counts on its own.
    for (const [i, e] of events.entries()) expect(e.seq).toBe(events[0]!.seq + i);
    const order = events.filter((e) => e.stream === 'order:ev-1').map((e) => e.streamSeq);
    expect(order).toEqual([1, 2, 3]);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(events[0]!.data).toMatchObject({ onHand: 3, reserved: 0, sellable: 3, sellableBefore: 0 });
  });

  it('announces out of stock and back in stock once per change, per region', async () => {
    await newEvents();
    await h.call('POST', '/v1/receipts', { warehouse: 'AMS', lines: [{ sku: 'TEE', qty: 1 }] });
    await h.call('POST', '/v1/orders', { orderId: 'ev-2', lines: [{ sku: 'TEE', qty: 1 }] });
    const sold = summary((await newEvents()).filter((e) => e.type.startsWith('sku.')));
    // Both happened before one sequencing pass: only the current state is announced.
    expect(sold).toEqual([]);
    await h.call('POST', '/v1/orders/ev-2/cancel');
    expect(summary((await newEvents()).filter((e) => e.type.startsWith('sku.')))).toEqual([
      'sku.back_in_stock ["TEE",null]',
      'sku.back_in_stock ["TEE","eu"]',
    ]);
    await h.call('POST', '/v1/orders', { orderId: 'ev-3', lines: [{ sku: 'TEE', qty: 1 }] });
    const out = await newEvents();
    expect(summary(out.filter((e) => e.type.startsWith('sku.')))).toEqual([
      'sku.out_of_stock ["TEE",null]',
      'sku.out_of_stock ["TEE","eu"]',
    ]);
    expect(summary(await newEvents())).toEqual([]);
  });

  it('tells why an order was released, and reports transfers', async () => {
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'CAP', qty: 5 }] });
    await newEvents();
    const from = cursor;
    await h.call('POST', '/v1/orders', {
      orderId: 'ev-4',
      lines: [{ sku: 'CAP', qty: 1 }],
      expiresInSeconds: 60,
    });
    h.advance(61_000);
    await expireDueOrders(h.ctx, 10);
    const planned = await h.call('POST', '/v1/transfers', {
      transferId: 'tr-ev',
      from: 'LON',
      to: 'AMS',
      lines: [{ sku: 'CAP', qty: 2 }],
    });
    expect(planned.status).toBe(201);
    await h.call('POST', '/v1/transfers/tr-ev/ship', {});
    await h.call('POST', '/v1/transfers/tr-ev/receive', { lines: [{ sku: 'CAP', received: 2 }] });
    const events = await newEvents();
    const released = events.find((e) => e.type === 'order.released')!;
    expect(released.data).toMatchObject({ orderId: 'ev-4', reason: 'expired' });
    expect(events.filter((e) => e.type.startsWith('transfer.')).map((e) => e.type)).toEqual([
      'transfer.planned',
      'transfer.shipped',
      'transfer.received',
    ]);
    const types = (await h.call('GET', `/v1/events?types=transfer.planned,order.released&after=${from}`)).body
      .items;
    expect(types.map((e: Event) => [e.type, e.data.orderId ?? e.data.transferId])).toEqual([
      ['order.released', 'ev-4'],
      ['transfer.planned', 'tr-ev'],
    ]);
  });

  it('writes no event for a change that does not commit, and a crashed sequencer loses nothing', async () => {
    await newEvents();
    const count = async () =>
      (await h.db.query<{ n: number }>('select count(*)::int as n from events')).rows[0]!.n;
    const before = await count();
    const refused = await h.call('POST', '/v1/orders', { orderId: 'ev-5', lines: [{ sku: 'MUG', qty: 99 }] });
    expect(refused.status).toBe(409);
    await expect(
      h.db.transaction(async (tx) => {
        await applyMovements(tx, [moves.receive({ sku: 'MUG', warehouse: 'LON' }, 5)], { at: h.now() });
        throw new Error('the process dies before commit');
      }),
    ).rejects.toThrow('dies');
    expect(await count()).toBe(before);

    // Committed but not yet numbered when "the process stopped": a new process numbers it.
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 1 }] });
    const restarted = createContext(h.db, { clock: h.now });
    while (await sequencePass(restarted));
    expect(summary(await newEvents())).toEqual([
      'stock.changed MUG@LON receipt S=1',
      'sku.back_in_stock ["MUG",null]',
      'sku.back_in_stock ["MUG","uk"]',
    ]);
  });

  it('refuses unknown event types with a stable code', async () => {
    const r = await h.call('GET', '/v1/events?types=stock.exploded');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_request');
  });
});

describe('the live event stream (SSE)', () => {
  let h: Harness;
  let base: string;
  beforeAll(async () => {
    h = await startHarness(backends()[0]!);
    await seedCatalogue(h, ['MUG']);
    await h.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => h.close());

  /** Reads SSE frames until `count` events arrived, then disconnects. */
  const readStream = async (headers: Record<string, string>, query: string, count: number) => {
    const controller = new AbortController();
    const res = await fetch(`${base}/v1/events/stream${query}`, {
      headers: { authorization: `Bearer ${h.adminKey}`, ...headers },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const frames: { id: string; event: string; data: Event }[] = [];
    while (frames.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(
          frame
            .split('\n')
            .filter((l) => l && !l.startsWith(':'))
            .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
        );
        if (fields.data)
          frames.push({ id: fields.id ?? '', event: fields.event ?? '', data: JSON.parse(fields.data) });
      }
    }
    controller.abort();
    return frames;
  };

  it('streams events as they are numbered and resumes after Last-Event-ID', async () => {
    const sequencer = setInterval(() => void sequencePass(h.ctx), 50);
    try {
      const live = readStream({}, '?after=0&types=stock.changed', 2);
      await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 1 }] });
      await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 2 }] });
      const first = await live;
      expect(first.map((f) => [f.event, f.data.data.qty])).toEqual([
        ['stock.changed', 1],
        ['stock.changed', 2],
      ]);
      expect(first.map((f) => Number(f.id))).toEqual(first.map((f) => f.data.seq));

      await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 3 }] });
      const resumed = await readStream({ 'last-event-id': first[1]!.id }, '?types=stock.changed', 1);
      expect(resumed.map((f) => f.data.data.qty)).toEqual([3]);
    } finally {
      clearInterval(sequencer);
    }
  });
});
