/**
 * Limits on what goes in and out of outbound calls: oversized secrets, URLs, emails and
 * credentials in URLs are refused with stable codes (webhooks and back-in-stock contacts);
 * outbound calls give up on a silent receiver, never read a receiver's answer body (an endless
 * one does not hold them), and do not send an event over the payload limit. The webhook
 * worker delivers a new event without waiting for its interval, and keeps its slots busy
 * through a backlog.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { httpWebhookSender } from '../../src/app/back-in-stock-delivery.ts';
import { sequencePass } from '../../src/app/events.ts';
import {
  defaultDeliveryOptions,
  deliverWebhooksPass,
  startWebhookWorker,
} from '../../src/app/webhook-delivery.ts';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

/** Paths: /ok answers 200; /endless answers 200 and never ends its body; /silent never answers. */
async function startReceiver() {
  const hits: { path: string; at: number }[] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      hits.push({ path: req.url!, at: Date.now() });
      if (req.url === '/silent') return;
      if (req.url === '/endless') {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        const chunk = Buffer.alloc(64 * 1024, 120);
        const pump = () => {
          while (!res.destroyed && res.write(chunk));
          if (!res.destroyed) res.once('drain', pump);
        };
        pump();
        return;
      }
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe.each(backends())('outbound limits on $name', (backend) => {
  let h: Harness;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const options = defaultDeliveryOptions({ timeoutMs: 2_000, random: () => 0.5 });

  beforeAll(async () => {
    h = await startHarness(backend);
    receiver = await startReceiver();
    await seedCatalogue(h, ['MUG']);
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 10_000 }] });
    while (await sequencePass(h.ctx));
  });
  afterAll(async () => {
    await receiver.close();
    await h.close();
  });
  beforeEach(async () => {
    while (await sequencePass(h.ctx));
    for (const w of (await h.call('GET', '/v1/webhooks')).body.items)
      await h.call('DELETE', `/v1/webhooks/${w.webhookId}`);
    receiver.hits.length = 0;
  });

  let orderNo = 0;
  const placeOrder = async () => {
    const r = await h.call('POST', '/v1/orders', {
      orderId: `lim-${++orderNo}`,
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
    return r.body as { webhookId: string };
  };

  it('refuses oversized secrets and URLs, credentials in URLs and bad emails, with stable codes', async () => {
    const long = (n: number) => 'x'.repeat(n);
    const webhooks: [unknown, string][] = [
      [{ url: `${receiver.base}/x`, secret: long(201) }, 'invalid_request'],
      [{ url: `${receiver.base}/${long(2000)}` }, 'invalid_request'],
      [{ url: 'javascript:alert(1)' }, 'invalid_webhook'],
      [{ url: 'file:///etc/passwd' }, 'invalid_webhook'],
      [{ url: `${receiver.base}/x`, description: long(501) }, 'invalid_request'],
    ];
    for (const [body, code] of webhooks) {
      const r = await h.call('POST', '/v1/webhooks', body);
      expect([r.status, r.body.error.code], JSON.stringify(body).slice(0, 80)).toEqual([400, code]);
    }
    expect(
      (await h.call('POST', '/v1/webhooks', { url: `${receiver.base}/x`, secret: long(200) })).status,
    ).toBe(201);
    const contacts: [unknown, string][] = [
      [{ webhookUrl: `${receiver.base}/x`, secret: long(201) }, 'invalid_request'],
      [{ webhookUrl: `${receiver.base}/x`, secret: long(15) }, 'invalid_request'],
      [{ webhookUrl: 'http://user:pw@127.0.0.1/x' }, 'invalid_contact'],
      [{ webhookUrl: 'javascript:alert(1)' }, 'invalid_contact'],
      [{ webhookUrl: `${receiver.base}/${long(2000)}` }, 'invalid_request'],
      [{ email: `${long(250)}@example.com` }, 'invalid_request'],
      [{ email: 'two@@example.com' }, 'invalid_contact'],
      [{ email: 'no-domain@example' }, 'invalid_contact'],
      [{ email: 'spaced out@example.com' }, 'invalid_contact'],
    ];
    for (const contact of contacts) {
      const r = await h.call('POST', '/v1/back-in-stock-subscriptions', { sku: 'MUG', contact: contact[0] });
      expect([r.status, r.body.error.code], JSON.stringify(contact[0]).slice(0, 80)).toEqual([
        400,
        contact[1],
      ]);
    }
    const { rows } = await h.db.query<{ n: number }>(
      'select count(*)::int as n from back_in_stock_subscriptions',
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('does not read a receiver answer body: an endless 200 is delivered at once', async () => {
    const hook = await subscribe('/endless');
    await placeOrder();
    while (await sequencePass(h.ctx));
    const started = Date.now();
    expect(await deliverWebhooksPass(h.ctx, options)).toEqual(['delivered']);
    expect(Date.now() - started).toBeLessThan(1_500);
    const [d] = (await h.call('GET', `/v1/webhooks/${hook.webhookId}/deliveries`)).body.items;
    expect(d).toMatchObject({ status: 'delivered', lastStatusCode: 200 });
  });

  it('dead-letters an event over the payload limit without sending it', async () => {
    const hook = await subscribe('/ok');
    await placeOrder();
    while (await sequencePass(h.ctx));
    expect(await deliverWebhooksPass(h.ctx, { ...options, maxPayloadBytes: 100 })).toEqual(['dead']);
    expect(receiver.hits).toEqual([]);
    const [d] = (await h.call('GET', `/v1/webhooks/${hook.webhookId}/dead-letters`)).body.items;
    expect(d).toMatchObject({ status: 'dead', attempts: 1, lastStatusCode: null });
    expect(d.lastError).toMatch(/^the event is \d+ bytes, over the 100-byte limit for webhook payloads$/);
    // Under the (default) limit, a replay delivers it.
    await h.call('POST', `/v1/webhooks/${hook.webhookId}/dead-letters/replay`);
    expect(await deliverWebhooksPass(h.ctx, options)).toEqual(['delivered']);
  });

  it('back-in-stock webhooks: a timeout on a silent receiver, an endless answer body not read', async () => {
    const notice = {
      subscriptionId: 1,
      sku: 'MUG',
      name: 'Mug',
      region: null,
      sellable: 1,
      at: new Date(),
      unsubscribeUrl: 'https://stock.example.com/u',
    };
    const send = httpWebhookSender(200);
    let started = Date.now();
    await expect(send(`${receiver.base}/silent`, 'a-long-enough-secret-0123', notice)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1_500);
    started = Date.now();
    await send(`${receiver.base}/endless`, 'a-long-enough-secret-0123', notice);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('the worker delivers new events without waiting for its interval, and keeps its slots busy', async () => {
    await subscribe('/ok');
    await subscribe('/ok');
    // An interval far longer than the test: only the watch and re-ticks can deliver in time.
    const worker = startWebhookWorker(h.ctx, {
      ...options,
      intervalMs: 60_000,
      watchMs: 20,
      concurrency: 2,
      onError: (err) => {
        throw err;
      },
    });
    try {
      for (let i = 0; i < 15; i++) await placeOrder();
      while (await sequencePass(h.ctx));
      const deadline = Date.now() + 10_000;
      while (receiver.hits.length < 30 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(receiver.hits).toHaveLength(30);
    } finally {
      await worker.stop();
    }
  });
});
