/**
 * Webhook throughput options (issue 22): `batchSize` sends several events per request as
 * `{"events": [...]}` in log order; `ordering: "stream"` sends different streams in parallel
 * (up to the endpoint concurrency) while keeping each stream in order.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sequencePass } from '../../src/app/events.ts';
import { defaultDeliveryOptions, deliverWebhooksPass } from '../../src/app/webhook-delivery.ts';
import { verifySignature } from '../../src/domain/signing.ts';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

interface Got {
  path: string;
  body: string;
  signature: string;
}

describe.each(backends())('webhook batches and per-stream ordering on $name', (backend) => {
  let h: Harness;
  let server: Server;
  let base: string;
  const got: Got[] = [];
  let open = 0;
  let peakOpen = 0;
  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, ['MUG']);
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 1000 }] });
    server = createServer((req, res) => {
      open++;
      peakOpen = Math.max(peakOpen, open);
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        got.push({
          path: req.url ?? '',
          body: Buffer.concat(chunks).toString('utf8'),
          signature: String(req.headers['stockroom-signature']),
        });
        // Answer a little later, so that parallel requests overlap.
        setTimeout(() => {
          open--;
          res.writeHead(204).end();
        }, 30);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await h.close();
  });

  it('batches in log order, and runs streams in parallel in order within each', async () => {
    const secret = 'a-test-secret-of-some-length';
    const batch = await h.call('POST', '/v1/webhooks', {
      url: `${base}/batch`,
      eventTypes: ['order.reserved', 'order.confirmed'],
      batchSize: 4,
      secret,
    });
    expect([batch.status, batch.body.batchSize, batch.body.ordering]).toEqual([201, 4, 'log']);
    const streams = await h.call('POST', '/v1/webhooks', {
      url: `${base}/streams`,
      eventTypes: ['order.reserved', 'order.confirmed'],
      ordering: 'stream',
      secret,
    });
    expect([streams.status, streams.body.ordering]).toEqual([201, 'stream']);
    for (let i = 0; i < 6; i++) {
      expect(
        (await h.call('POST', '/v1/orders', { orderId: `tp-${i}`, lines: [{ sku: 'MUG', qty: 1 }] })).status,
      ).toBe(201);
      expect((await h.call('POST', `/v1/orders/tp-${i}/confirm`)).status).toBe(200);
    }
    while (await sequencePass(h.ctx));
    const options = defaultDeliveryOptions({ concurrency: 8, endpointConcurrency: 4 });
    for (let i = 0; i < 40 && got.length < 100; i++) {
      if ((await deliverWebhooksPass(h.ctx, options)).length === 0) break;
    }

    type E = { seq: number; stream: string; type: string };
    const batches = got.filter((g) => g.path === '/batch');
    for (const b of batches) expect(verifySignature(secret, b.signature, b.body, h.now()).ok).toBe(true);
    const batched = batches.map((b) => (JSON.parse(b.body) as { events: E[] }).events);
    expect(batched.every((events) => events.length >= 1 && events.length <= 4)).toBe(true);
    expect(batched.length).toBeLessThan(12);
    const inLog = batched.flat().map((e) => e.seq);
    expect(inLog).toHaveLength(12);
    expect(inLog).toEqual([...inLog].sort((a, b) => a - b));

    const perStream = got.filter((g) => g.path === '/streams').map((g) => JSON.parse(g.body) as E);
    expect(perStream).toHaveLength(12);
    for (let i = 0; i < 6; i++) {
      expect(perStream.filter((e) => e.stream === `order:tp-${i}`).map((e) => e.type)).toEqual([
        'order.reserved',
        'order.confirmed',
      ]);
    }
    // Streams went in parallel: more than one request to the receiver at once.
    expect(peakOpen).toBeGreaterThan(1);
  });
});
