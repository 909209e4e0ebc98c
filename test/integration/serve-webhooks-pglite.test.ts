/**
 * On PGlite, `stockroom serve` delivers webhooks without watching the log: the one process that
 * can open the folder numbers every event itself, and its sequencer tells the webhook worker
 * (src/cli/serve.ts). The worker's interval is set to ten minutes here, so an event that arrives
 * at all was sent because the sequencer told of it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { seededDataDir } from '../helpers/backends.ts';
import { startServer, tempDir, type Reply, type ServerProcess } from '../helpers/server-process.ts';

const TIMEOUT = 120_000;
const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function ok(reply: Promise<Reply>): Promise<Reply> {
  const r = await reply;
  if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

it(
  'sends each new event as soon as it is numbered, with no watch and no interval tick',
  async () => {
    const received: { type: string; id: string }[] = [];
    let arrived = () => {};
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        const event = JSON.parse(body) as { type: string };
        received.push({ type: event.type, id: String(req.headers['stockroom-event-id']) });
        res.writeHead(204).end();
        arrived();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise((r) => receiver.close(r)));
    const dir = tempDir('stockroom-serve-webhooks-');
    cleanups.push(dir.remove);
    const server: ServerProcess = await startServer({
      data: { dataDir: seededDataDir(dir.path) },
      env: { STOCKROOM_WEBHOOK_INTERVAL_MS: '600000', STOCKROOM_WEBHOOK_ALLOW_HOSTS: '127.0.0.1' },
    });
    cleanups.push(() => server.kill());
    const { port } = receiver.address() as AddressInfo;
    await ok(
      server.call('POST', '/v1/webhooks', {
        url: `http://127.0.0.1:${port}/hook`,
        eventTypes: ['order.reserved'],
      }),
    );
    await ok(server.call('PUT', '/v1/warehouses/LON', { name: 'London', region: 'uk' }));
    await ok(server.call('PUT', '/v1/skus/HOOK', { name: 'Hook' }));
    await ok(server.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'HOOK', qty: 5 }] }));
    for (const orderId of ['hook-1', 'hook-2']) {
      const delivered = new Promise<void>((r) => (arrived = r));
      await ok(server.call('POST', '/v1/orders', { orderId, lines: [{ sku: 'HOOK', qty: 1 }] }));
      await delivered;
    }
    expect(received.map((e) => e.type)).toEqual(['order.reserved', 'order.reserved']);
    expect(new Set(received.map((e) => e.id)).size).toBe(2);
  },
  TIMEOUT,
);
