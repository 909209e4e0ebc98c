/**
 * Webhooks: subscriptions follow the event log from their creation, deliveries are signed,
 * retried with backoff, dead-lettered and replayed, in order per subscription, in the
 * background (a hanging receiver does not slow orders), at least once across a crash, and
 * never attempted twice at once by two processes. The worker is driven pass by pass.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createContext } from '../../src/app/create-context.ts';
import { sequencePass } from '../../src/app/events.ts';
import {
  backoffMs,
  claimDeliveries,
  defaultDeliveryOptions,
  deliverWebhooksPass,
  fanOutWebhooks,
  leaseMs,
} from '../../src/app/webhook-delivery.ts';
import { verifySignature } from '../../src/domain/signing.ts';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  event: { id: string; seq: number; type: string; data: Record<string, unknown> };
}

type Behaviour = (req: Received, res: ServerResponse) => void;

/** A real receiver on 127.0.0.1: each path answers by its behaviour (200 by default). */
async function startReceiver() {
  const received: Received[] = [];
  const behaviours = new Map<string, Behaviour>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const r: Received = { path: req.url!, headers: req.headers, body, event: JSON.parse(body) };
      received.push(r);
      (behaviours.get(r.path) ?? ((_r, out) => out.writeHead(200).end('ok')))(r, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    received,
    on: (path: string, b: Behaviour) => behaviours.set(path, b),
    at: (path: string) => received.filter((r) => r.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const status =
  (code: number): Behaviour =>
  (_r, res) =>
    res.writeHead(code).end();

describe.each(backends())('webhooks on $name', (backend) => {
  let h: Harness;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const options = defaultDeliveryOptions({
    backoffBaseMs: 10,
    backoffMaxMs: 40,
    maxAttempts: 3,
    timeoutMs: 5_000,
    concurrency: 4,
    random: () => 0.99,
  });

  beforeAll(async () => {
    h = await startHarness(backend);
    receiver = await startReceiver();
    await seedCatalogue(h, ['MUG', 'TEE']);
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 1000 }] });
    await drain();
  });
  afterAll(async () => {
    await receiver.close();
    await h.close();
  });
  beforeEach(async () => {
    // Earlier tests' subscriptions would take the later tests' events.
    await drain();
    for (const w of (await h.call('GET', '/v1/webhooks')).body.items)
      await h.call('DELETE', `/v1/webhooks/${w.webhookId}`);
  });

  const drain = async () => {
    while (await sequencePass(h.ctx));
  };
  /** Sequences what committed, then runs the worker once; the clock moves past any backoff. */
  const pass = async (ctx = h.ctx) => {
    while (await sequencePass(ctx));
    const outcomes = await deliverWebhooksPass(ctx, options);
    h.advance(1_000);
    return outcomes;
  };
  let orderNo = 0;
  const placeOrder = async () => {
    const orderId = `wh-${++orderNo}`;
    const r = await h.call('POST', '/v1/orders', { orderId, lines: [{ sku: 'MUG', qty: 1 }] });
    expect(r.status).toBe(201);
    return orderId;
  };
  const subscribe = async (path: string, body: Record<string, unknown> = {}) => {
    const r = await h.call('POST', '/v1/webhooks', {
      url: `${receiver.base}${path}`,
      eventTypes: ['order.reserved'],
      ...body,
    });
    expect(r.status).toBe(201);
    return r.body;
  };

  it('delivers matching events from its creation on, signed, with the event as the body', async () => {
    const before = await placeOrder(); // before the subscription: never delivered
    await drain();
    const hook = await subscribe('/signed', { description: 'ERP' });
    expect(hook.secret).toMatch(/^whsec_/);
    expect(hook).toMatchObject({ eventTypes: ['order.reserved'], description: 'ERP', pending: 0 });
    const orderId = await placeOrder();
    await h.call('POST', `/v1/orders/${orderId}/cancel`); // order.released: not subscribed
    expect(await pass()).toEqual(['delivered']);

    const [got] = receiver.at('/signed');
    expect(receiver.at('/signed')).toHaveLength(1);
    expect(got!.event).toMatchObject({ type: 'order.reserved', data: { orderId } });
    expect(got!.event.data.orderId).not.toBe(before);
    expect(got!.headers['content-type']).toBe('application/json');
    expect(got!.headers['stockroom-event-id']).toBe(got!.event.id);
    expect(got!.headers['stockroom-event-type']).toBe('order.reserved');
    expect(got!.headers['stockroom-delivery-attempt']).toBe('1');
    const sig = got!.headers['stockroom-signature'] as string;
    expect(verifySignature(hook.secret, sig, got!.body, h.now())).toMatchObject({ ok: true });
    expect(verifySignature('whsec_wrong', sig, got!.body, h.now())).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifySignature(hook.secret, sig, got!.body + ' ', h.now())).toEqual({
      ok: false,
      reason: 'mismatch',
    });

    // The secret is never shown again; the delivery is listed.
    const read = (await h.call('GET', `/v1/webhooks/${hook.webhookId}`)).body;
    expect(read.secret).toBeUndefined();
    const list = (await h.call('GET', `/v1/webhooks/${hook.webhookId}/deliveries?status=delivered`)).body;
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      eventId: got!.event.id,
      status: 'delivered',
      attempts: 1,
      lastStatusCode: 200,
      lastError: null,
      nextAttemptAt: null,
    });
    expect(list.items[0].attemptLog).toMatchObject([{ attempt: 1, statusCode: 200, error: null }]);
    expect(await pass()).toEqual([]);
  });

  it('takes a caller-chosen secret, and "*" or no event types for every event', async () => {
    const hook = await subscribe('/all', { eventTypes: undefined, secret: 'my-own-secret-0123456789' });
    expect(hook).toMatchObject({ eventTypes: ['*'], secret: 'my-own-secret-0123456789' });
    await placeOrder();
    while ((await pass()).length > 0);
    const types = receiver.at('/all').map((r) => r.event.type);
    expect(types).toEqual(['stock.changed', 'order.reserved']);
    for (const r of receiver.at('/all')) {
      expect(
        verifySignature(
          'my-own-secret-0123456789',
          r.headers['stockroom-signature'] as string,
          r.body,
          h.now(),
        ).ok,
      ).toBe(true);
    }
  });

  it('retries with backoff until the receiver answers 2xx (500 twice, then 200)', async () => {
    let calls = 0;
    receiver.on('/flaky', (_r, res) => res.writeHead(++calls <= 2 ? 500 : 204).end());
    const hook = await subscribe('/flaky', { eventTypes: ['order.reserved'] });
    await placeOrder();
    await drain();
    // With the clock standing still a retry is not due yet: nothing is attempted.
    expect(await deliverWebhooksPass(h.ctx, options)).toEqual(['retry']);
    expect(await deliverWebhooksPass(h.ctx, options)).toEqual([]);
    h.advance(1_000);
    expect(await pass()).toEqual(['retry']);
    expect(await pass()).toEqual(['delivered']);
    const got = receiver.at('/flaky');
    expect(got.map((r) => r.headers['stockroom-delivery-attempt'])).toEqual(['1', '2', '3']);
    expect(new Set(got.map((r) => r.headers['stockroom-event-id'])).size).toBe(1);
    const [d] = (await h.call('GET', `/v1/webhooks/${hook.webhookId}/deliveries`)).body.items;
    expect(d).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 204 });
    expect(d.attemptLog.map((a: { statusCode: number; error: string }) => [a.statusCode, a.error])).toEqual([
      [500, 'HTTP 500'],
      [500, 'HTTP 500'],
      [204, null],
    ]);
  });

  it('dead-letters after the last attempt, then replays one or all', async () => {
    receiver.on('/down', status(500));
    const hook = await subscribe('/down');
    const first = await placeOrder();
    const second = await placeOrder();
    expect(await pass()).toEqual(['retry']);
    expect(await pass()).toEqual(['retry']);
    expect(await pass()).toEqual(['dead']);
    // The dead letter no longer holds up the next event.
    expect(await pass()).toEqual(['retry']);
    expect(await pass()).toEqual(['retry']);
    expect(await pass()).toEqual(['dead']);
    expect(await pass()).toEqual([]);
    const dead = (await h.call('GET', `/v1/webhooks/${hook.webhookId}/dead-letters`)).body.items;
    expect(dead.map((d: { status: string; attempts: number }) => [d.status, d.attempts])).toEqual([
      ['dead', 3],
      ['dead', 3],
    ]);
    expect((await h.call('GET', `/v1/webhooks/${hook.webhookId}`)).body).toMatchObject({
      pending: 0,
      deadLetters: 2,
    });
    expect(receiver.at('/down').map((r) => r.event.data.orderId)).toEqual([
      first,
      first,
      first,
      second,
      second,
      second,
    ]);

    receiver.on('/down', status(200));
    const one = await h.call(
      'POST',
      `/v1/webhooks/${hook.webhookId}/dead-letters/${dead[1].deliveryId}/replay`,
    );
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ replayed: 1, items: [{ status: 'pending', attempts: 3 }] });
    expect(await pass()).toEqual(['delivered']);
    const replayed = receiver.at('/down').at(-1)!;
    expect(replayed.event.data.orderId).toBe(second);
    expect(replayed.headers['stockroom-delivery-attempt']).toBe('4');
    // A delivered one is not a dead letter.
    const again = await h.call(
      'POST',
      `/v1/webhooks/${hook.webhookId}/dead-letters/${dead[1].deliveryId}/replay`,
    );
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invalid_state');

    const all = await h.call('POST', `/v1/webhooks/${hook.webhookId}/dead-letters/replay`);
    expect(all.body.replayed).toBe(1);
    expect(await pass()).toEqual(['delivered']);
    expect(receiver.at('/down').at(-1)!.event.data.orderId).toBe(first);
    expect((await h.call('GET', `/v1/webhooks/${hook.webhookId}/dead-letters`)).body.items).toEqual([]);
    expect(
      (await h.call('GET', `/v1/webhooks/${hook.webhookId}/deliveries?status=delivered`)).body.items,
    ).toHaveLength(2);
  });

  it('keeps order per subscription: event n+1 waits until n is delivered', async () => {
    let failFirst = true;
    receiver.on('/ordered', (_r, res) => {
      res.writeHead(failFirst ? 503 : 200).end();
      failFirst = false;
    });
    await subscribe('/ordered');
    const a = await placeOrder();
    const b = await placeOrder();
    const c = await placeOrder();
    // One attempt per subscription per pass, oldest first, even with free slots.
    expect(await pass()).toEqual(['retry']);
    expect(await pass()).toEqual(['delivered']);
    expect(await pass()).toEqual(['delivered']);
    expect(await pass()).toEqual(['delivered']);
    expect(receiver.at('/ordered').map((r) => r.event.data.orderId)).toEqual([a, a, b, c]);
    const seqs = receiver.at('/ordered').map((r) => r.event.seq);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
  });

  it('delivers in the background: a hanging receiver does not hold up placing orders', async () => {
    let answer: (() => void) | null = null;
    const arrived = new Promise<void>((resolve) => {
      receiver.on('/hang', (_r, res) => {
        answer = () => res.writeHead(200).end();
        receiver.on('/hang', status(200));
        resolve();
      });
    });
    await subscribe('/hang');
    await placeOrder();
    await drain();
    const delivering = deliverWebhooksPass(h.ctx, options);
    await arrived; // the receiver holds the request open
    let answered = false;
    const orderId = await placeOrder(); // completes while the receiver has not answered
    const confirm = await h.call('POST', `/v1/orders/${orderId}/confirm`);
    expect(confirm.status).toBe(200);
    expect(answered).toBe(false);
    answered = true;
    answer!();
    expect(await delivering).toEqual(['delivered']);
    expect(await pass()).toEqual(['delivered']);
  });

  it('gives up on a receiver that does not answer in time, and retries', async () => {
    receiver.on('/slow', () => {}); // never answers
    const hook = await subscribe('/slow');
    await placeOrder();
    await drain();
    expect(await deliverWebhooksPass(h.ctx, { ...options, timeoutMs: 100 })).toEqual(['retry']);
    const [d] = (await h.call('GET', `/v1/webhooks/${hook.webhookId}/deliveries?status=pending`)).body.items;
    expect(d).toMatchObject({ attempts: 1, lastStatusCode: null, lastError: 'no answer within 100 ms' });
    await h.call('DELETE', `/v1/webhooks/${hook.webhookId}`);
  });

  it('delivers after a crash: committed but not yet sequenced or sent, or claimed and never finished', async () => {
    const hook = await subscribe('/restart');
    const orderId = await placeOrder(); // committed; the process "dies" before sequencing it
    const restarted = createContext(h.db, { clock: h.now });
    expect(await pass(restarted)).toEqual(['delivered']);
    expect(receiver.at('/restart').map((r) => r.event.data.orderId)).toEqual([orderId]);

    // Claimed (leased) by a process that then died: after the lease another one attempts again.
    const next = await placeOrder();
    await drain();
    await fanOutWebhooks(h.ctx);
    expect(await claimDeliveries(h.ctx, 10, options)).toHaveLength(1);
    const other = createContext(h.db, { clock: h.now });
    expect(await deliverWebhooksPass(other, options)).toEqual([]);
    h.advance(leaseMs(options) + 1);
    expect(await deliverWebhooksPass(other, options)).toEqual(['delivered']);
    const last = receiver.at('/restart').at(-1)!;
    expect(last.event.data.orderId).toBe(next);
    expect(last.headers['stockroom-delivery-attempt']).toBe('2');
    const items = (await h.call('GET', `/v1/webhooks/${hook.webhookId}/deliveries`)).body.items;
    expect(items.map((d: { status: string }) => d.status)).toEqual(['delivered', 'delivered']);
  });

  it('two processes never make the same attempt', async () => {
    await subscribe('/twice');
    await subscribe('/twice');
    for (let i = 0; i < 5; i++) await placeOrder();
    await drain();
    const a = createContext(h.db, { clock: h.now });
    const b = createContext(h.db, { clock: h.now });
    for (let round = 0; round < 10; round++) {
      await Promise.all([deliverWebhooksPass(a, options), deliverWebhooksPass(b, options)]);
    }
    const got = receiver.at('/twice');
    expect(got).toHaveLength(10);
    const attempts = got.map(
      (r) => `${r.headers['stockroom-delivery-id']}#${r.headers['stockroom-delivery-attempt']}`,
    );
    expect(new Set(attempts).size).toBe(10);
    expect(got.every((r) => r.headers['stockroom-delivery-attempt'] === '1')).toBe(true);
  });

  it('refuses bad input with stable codes and changes nothing', async () => {
    await subscribe('/kept');
    const count = async () => (await h.call('GET', '/v1/webhooks')).body.items.length;
    const before = await count();
    for (const [body, code] of [
      [{ url: 'ftp://example.test/x' }, 'invalid_webhook'],
      [{ url: 'not a url' }, 'invalid_webhook'],
      [{ url: 'http://user:pw@127.0.0.1/x' }, 'invalid_webhook'],
      [{ url: `${receiver.base}/x`, eventTypes: ['stock.exploded'] }, 'invalid_webhook'],
      [{ url: `${receiver.base}/x`, eventTypes: ['*', 'order.reserved'] }, 'invalid_webhook'],
      [{ url: `${receiver.base}/x`, eventTypes: [] }, 'invalid_request'],
      [{ url: `${receiver.base}/x`, secret: 'short' }, 'invalid_request'],
      [{ url: `${receiver.base}/x`, extra: 1 }, 'invalid_request'],
    ] as const) {
      const r = await h.call('POST', '/v1/webhooks', body);
      expect([r.status, r.body.error.code], JSON.stringify(body)).toEqual([400, code]);
    }
    const unknown = await h.call('POST', '/v1/webhooks', {
      url: `${receiver.base}/x`,
      eventTypes: ['stock.exploded'],
    });
    expect(unknown.body.error.details).toMatchObject({ unknown: ['stock.exploded'] });
    for (const [method, path] of [
      ['GET', '/v1/webhooks/wh_nope'],
      ['DELETE', '/v1/webhooks/wh_nope'],
      ['GET', '/v1/webhooks/wh_nope/deliveries'],
      ['GET', '/v1/webhooks/wh_nope/dead-letters'],
      ['POST', '/v1/webhooks/wh_nope/dead-letters/replay'],
    ] as const) {
      const r = await h.call(method, path);
      expect([r.status, r.body.error.code], path).toEqual([404, 'unknown_webhook']);
    }
    const hook = (await h.call('GET', '/v1/webhooks')).body.items[0];
    const missing = await h.call('POST', `/v1/webhooks/${hook.webhookId}/dead-letters/dlv_nope/replay`);
    expect([missing.status, missing.body.error.code]).toEqual([404, 'unknown_delivery']);
    const badStatus = await h.call('GET', `/v1/webhooks/${hook.webhookId}/deliveries?status=lost`);
    expect([badStatus.status, badStatus.body.error.code]).toEqual([400, 'invalid_request']);
    expect(await count()).toBe(before);

    // Admin only.
    const operator = (await h.call('POST', '/v1/api-keys', { name: 'ops', role: 'operator' })).body.key;
    const asOperator = await h.call('GET', '/v1/webhooks', undefined, {
      authorization: `Bearer ${operator}`,
    });
    expect([asOperator.status, asOperator.body.error.code]).toEqual([403, 'forbidden']);
  });

  it('stops delivering once deleted', async () => {
    const hook = await subscribe('/gone');
    await placeOrder();
    const deleted = await h.call('DELETE', `/v1/webhooks/${hook.webhookId}`);
    expect(deleted.status).toBe(200);
    expect(await pass()).toEqual([]);
    expect(receiver.at('/gone')).toEqual([]);
    expect((await h.call('GET', `/v1/webhooks/${hook.webhookId}`)).status).toBe(404);
  });
});

describe('the retry schedule', () => {
  it('waits a random time up to min(max, base * 2^(n-1)): about an hour over 8 attempts by default', () => {
    const defaults = defaultDeliveryOptions({ random: () => 1 }); // the upper bound of the wait
    const caps = [1, 2, 3, 4, 5, 6, 7].map((n) => backoffMs(n, defaults));
    expect(caps).toEqual([30, 60, 120, 240, 480, 960, 1800].map((s) => s * 1000));
    expect(caps.reduce((a, b) => a + b, 0) / 60_000).toBeCloseTo(61.5, 0);
    expect(backoffMs(3, { ...defaults, random: () => 0 })).toBe(0);
    expect(backoffMs(50, defaults)).toBe(defaults.backoffMaxMs);
  });
});
