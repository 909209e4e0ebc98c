/**
 * Receivers that hang, reset connections or answer 500 (issue 12, Faults): while deliveries
 * to them pile up, orders are still placed, the sender keeps at most `concurrency` requests in
 * flight (its own counter, and the receivers' count of open requests), nothing is queued in
 * memory (the backlog stays in the database), every attempt ends by its timeout, and
 * deliveries are retried with backoff and dead-lettered after the last attempt.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sequencePass } from '../../src/app/events.ts';
import { defaultDeliveryOptions, startWebhookWorker } from '../../src/app/webhook-delivery.ts';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

/** /hang never answers, /reset destroys the connection, /fail answers 500. Counts open requests. */
async function startBadReceiver() {
  const counts = { open: 0, peakOpen: 0, requests: 0 };
  const server: Server = createServer((req, res) => {
    counts.requests++;
    counts.open++;
    counts.peakOpen = Math.max(counts.peakOpen, counts.open);
    res.on('close', () => counts.open--);
    if (req.url === '/reset') req.socket.destroy();
    else if (req.url === '/fail') res.writeHead(500).end('failing on purpose');
    // /hang: no answer at all.
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe.each(backends())('webhook receivers that fail for minutes on $name', (backend) => {
  let h: Harness;
  let receiver: Awaited<ReturnType<typeof startBadReceiver>>;
  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, ['MUG']);
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 10_000 }] });
    receiver = await startBadReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await h.close();
  });

  it('keeps orders flowing and the sender bounded while deliveries pile up', async () => {
    for (const path of ['hang', 'reset', 'fail', 'hang', 'fail', 'reset']) {
      const r = await h.call('POST', '/v1/webhooks', { url: `${receiver.base}/${path}` });
      expect(r.status).toBe(201);
    }
    const concurrency = 3;
    const worker = startWebhookWorker(h.ctx, {
      ...defaultDeliveryOptions(),
      concurrency,
      timeoutMs: 150,
      backoffBaseMs: 20,
      backoffMaxMs: 100,
      maxAttempts: 2,
      intervalMs: 20,
      watchMs: 10,
      // The test clock does not move by itself; retries are due by the real clock.
      onError: (err) => {
        throw err;
      },
    });
    const realClock = h.ctx.clock;
    h.ctx.clock = () => new Date();
    let peakSeen = 0;
    const sampler = setInterval(() => {
      peakSeen = Math.max(peakSeen, worker.stats().inFlight);
    }, 5);
    const sequencer = setInterval(() => void sequencePass(h.ctx).catch(() => {}), 20);
    const statuses: number[] = [];
    try {
      for (let i = 0; i < 40; i++) {
        const r = await h.call('POST', '/v1/orders', {
          orderId: `flt-${i}`,
          lines: [{ sku: 'MUG', qty: 1 }],
        });
        statuses.push(r.status);
      }
      // Let the worker churn through attempts against the failing receivers for a while.
      const until = Date.now() + 3000;
      while (Date.now() < until && worker.stats().attempts < 60) await new Promise((r) => setTimeout(r, 20));
    } finally {
      clearInterval(sequencer);
      clearInterval(sampler);
      await worker.stop();
      h.ctx.clock = realClock;
    }
    expect(statuses.every((s) => s === 201)).toBe(true);
    const stats = worker.stats();
    expect(stats.inFlight).toBe(0);
    expect(stats.attempts).toBeGreaterThanOrEqual(20);
    expect(stats.peakInFlight).toBeLessThanOrEqual(concurrency);
    expect(peakSeen).toBeLessThanOrEqual(concurrency);
    // (The receiver's own count of open requests is not a bound: it sees an aborted request
    // close a moment after the sender has already freed the slot and started the next one.)
    expect(receiver.counts.requests).toBeGreaterThanOrEqual(stats.attempts - concurrency);
    // Every hanging request was ended by the timeout: none is left open at the receiver.
    for (let i = 0; i < 50 && receiver.counts.open > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(receiver.counts.open).toBe(0);

    const hooks = (await h.call('GET', '/v1/webhooks')).body.items as {
      pending: number;
      deadLetters: number;
    }[];
    const backlog = hooks.reduce((n, w) => n + w.pending, 0);
    // Deliveries piled up (in the database, not in memory), and the last attempts dead-lettered some.
    expect(backlog).toBeGreaterThan(concurrency);
    expect(hooks.some((w) => w.deadLetters > 0)).toBe(true);
  }, 60_000);
});
