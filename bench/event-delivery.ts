/**
 * Event delivery figures for issue 22 (`npm run bench`, or alone: `npx tsx bench/event-delivery.ts`).
 * Everything in one process on a throwaway PostgreSQL database, loopback only:
 *
 *   (a) order throughput (POST /v1/orders through app.inject, BENCH_CLIENTS at once, for
 *       BENCH_SECONDS) with 0, 1 and 6 subscribers to all events, the sequencer and the webhook
 *       worker running as in `serve` (default settings), receivers answering 204 at once; with
 *       the deliveries made in that window and events produced per second;
 *   (b) the delivery ceiling: a backlog of BENCH_BACKLOG_ORDERS orders' events, drained by the
 *       worker to 1 and to 10 fast local receivers, per mode: log order one event per request
 *       (the default), log order 50 events per request (batchSize), per-stream ordering;
 *   (c) the live stream: server memory per idle client, 50 clients that never read
 *       (heap growth plus the unsent bytes held, from the server's own counters).
 *
 * Results: bench/results/event-delivery-latest.json. Ratios of one run; the machine is shared.
 */
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApiKey } from '../src/app/api-keys.ts';
import type { AppContext } from '../src/app/context.ts';
import { createContext } from '../src/app/create-context.ts';
import { NO_RATE_LIMITS } from '../src/config.ts';
import { sequencePass, startEventSequencer } from '../src/app/events.ts';
import { defaultDeliveryOptions, startWebhookWorker } from '../src/app/webhook-delivery.ts';
import { migrate } from '../src/db/migrate.ts';
import { openPostgres } from '../src/db/postgres.ts';
import type { StreamStats } from '../src/http/event-stream.ts';
import { buildServer } from '../src/http/server.ts';
import { ROOT } from './server.ts';
import { createThrowawayDatabase, DEFAULT_ADMIN_URL } from './throwaway-db.ts';

// The receivers listen on loopback, which the outbound (SSRF) policy refuses unless allowed.
process.env.STOCKROOM_WEBHOOK_ALLOW_HOSTS ??= '127.0.0.1,localhost,::1';

const num = (name: string, fallback: number) => Number(process.env[name] || fallback);
const settings = {
  adminUrl: process.env.BENCH_DATABASE_URL || DEFAULT_ADMIN_URL,
  seconds: num('BENCH_SECONDS', 8),
  clients: num('BENCH_CLIENTS', 16),
  backlogOrders: num('BENCH_BACKLOG_ORDERS', 1500),
  idleClients: num('BENCH_IDLE_CLIENTS', 50),
};
const log = (m: string) => console.error(`[bench] ${m}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function receiver(): Promise<{ url: string; count: () => number; close: () => Promise<void> }> {
  let n = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      n += Number(req.headers['stockroom-event-count'] ?? 1);
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    count: () => n,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

async function freshService() {
  const db = await createThrowawayDatabase(settings.adminUrl);
  const conn = openPostgres(db.url, { max: 20 });
  await migrate(conn);
  const ctx = createContext(conn);
  const app = await buildServer(ctx, { rateLimits: NO_RATE_LIMITS });
  const { key } = await createApiKey(ctx, { name: 'bench', role: 'admin' });
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${key}` }, ...(payload ? { payload } : {}) });
  const ok = async (r: Promise<{ statusCode: number; body: string }>) => {
    const res = await r;
    if (res.statusCode >= 300) throw new Error(`bench setup failed: ${res.statusCode} ${res.body}`);
  };
  await ok(call('PUT', '/v1/warehouses/LON', { name: 'LON', region: 'uk' }));
  for (let i = 0; i < 200; i += 50) {
    const lines = Array.from({ length: 50 }, (_, j) => ({ code: `SKU-${i + j}`, name: `SKU ${i + j}` }));
    for (const l of lines) await ok(call('PUT', `/v1/skus/${l.code}`, { name: l.name, price: 10 }));
    await ok(
      call('POST', '/v1/receipts', {
        warehouse: 'LON',
        lines: lines.map((l) => ({ sku: l.code, qty: 1_000_000 })),
      }),
    );
  }
  return {
    ctx,
    app,
    key,
    call,
    async close() {
      await app.close();
      await conn.close();
      await db.drop();
    },
  };
}

let orderNo = 0;
const placeOrder = (call: Awaited<ReturnType<typeof freshService>>['call']) =>
  call('POST', '/v1/orders', {
    orderId: `b-${++orderNo}`,
    lines: [{ sku: `SKU-${orderNo % 200}`, qty: 1 }],
  });

async function maxSeq(ctx: AppContext) {
  const { rows } = await ctx.db.query<{ s: number }>('select coalesce(max(seq), 0)::int as s from events');
  return rows[0]!.s;
}

/** (a) orders/s with n subscribers to all events, and what was delivered meanwhile. */
async function orderThroughput(subscribers: number) {
  const s = await freshService();
  const receivers = await Promise.all(Array.from({ length: subscribers }, () => receiver()));
  for (const r of receivers) await s.call('POST', '/v1/webhooks', { url: r.url });
  const sequencer = startEventSequencer(s.ctx, { intervalMs: 100, onError: () => {} });
  const worker = startWebhookWorker(s.ctx, { ...defaultDeliveryOptions(), onError: () => {} });
  const seqBefore = await maxSeq(s.ctx);
  let ok = 0;
  const until = Date.now() + settings.seconds * 1000;
  await Promise.all(
    Array.from({ length: settings.clients }, async () => {
      while (Date.now() < until) if ((await placeOrder(s.call)).statusCode === 201) ok++;
    }),
  );
  await sleep(300);
  const events = (await maxSeq(s.ctx)) - seqBefore;
  const delivered = receivers.reduce((n, r) => n + r.count(), 0);
  await worker.stop();
  await sequencer.stop();
  await Promise.all(receivers.map((r) => r.close()));
  await s.close();
  return {
    subscribers,
    ordersPerSecond: ok / settings.seconds,
    eventsPerSecond: events / settings.seconds,
    deliveriesPerSecondPerSubscriber: subscribers ? delivered / subscribers / settings.seconds : null,
  };
}

/** (b) a backlog drained to `n` receivers, one subscription each, in one mode. */
async function ceiling(n: number, mode: { batchSize?: number; ordering?: 'stream' }) {
  const s = await freshService();
  for (let i = 0; i < settings.backlogOrders; i += 50)
    await Promise.all(Array.from({ length: 50 }, () => placeOrder(s.call)));
  while (await sequencePass(s.ctx));
  const events = await maxSeq(s.ctx);
  const receivers = await Promise.all(Array.from({ length: n }, () => receiver()));
  // Created after the backlog: each follows from seq 0 by moving its cursor back.
  for (const r of receivers) await s.call('POST', '/v1/webhooks', { url: r.url, ...mode });
  await s.ctx.db.query('update webhooks set cursor_seq = 0');
  const started = performance.now();
  const worker = startWebhookWorker(s.ctx, { ...defaultDeliveryOptions(), onError: () => {} });
  const total = () => receivers.reduce((m, r) => m + r.count(), 0);
  const deadline = Date.now() + 120_000;
  while (total() < events * n && Date.now() < deadline) await sleep(50);
  const seconds = (performance.now() - started) / 1000;
  await worker.stop();
  const delivered = total();
  await Promise.all(receivers.map((r) => r.close()));
  await s.close();
  return {
    receivers: n,
    mode: `${mode.ordering ?? 'log'} ordering, ${mode.batchSize ?? 1} per request`,
    events,
    delivered,
    seconds,
    deliveriesPerSecond: delivered / seconds,
  };
}

/** (c) memory per client that never reads, with a log several times the bound. */
async function idleClients() {
  const s = await freshService();
  for (let i = 0; i < 2000; i += 50) await Promise.all(Array.from({ length: 50 }, () => placeOrder(s.call)));
  while (await sequencePass(s.ctx));
  const eventsInLog = await maxSeq(s.ctx);
  const stats: StreamStats[] = [];
  const app = await buildServer(s.ctx, {
    eventStreams: { limits: { maxPerKey: settings.idleClients }, onStream: (x) => stats.push(x) },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  global.gc?.();
  await sleep(200);
  const before = process.memoryUsage();
  const sockets: Socket[] = [];
  for (let i = 0; i < settings.idleClients; i++) {
    const socket = connect({ host: '127.0.0.1', port }, () =>
      socket.write(
        `GET /v1/events/stream?after=0 HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${s.key}\r\n\r\n`,
      ),
    );
    socket.pause();
    socket.on('error', () => {});
    sockets.push(socket);
  }
  for (let i = 0; stats.length < settings.idleClients; i++) {
    if (i > 600) throw new Error(`only ${stats.length} of ${settings.idleClients} streams opened`);
    await sleep(50);
  }
  // Wait for every stream to stop at its bound (writes blocked; not yet dropped: 30 s default).
  await sleep(3000);
  global.gc?.();
  const after = process.memoryUsage();
  const unsent = stats.reduce((n, x) => n + x.peakBufferedBytes, 0);
  for (const x of sockets) x.destroy();
  await app.close();
  await s.close();
  return {
    clients: settings.idleClients,
    eventsInLog,
    heapPerClientKiB: (after.heapUsed - before.heapUsed) / 1024 / settings.idleClients,
    rssPerClientKiB: (after.rss - before.rss) / 1024 / settings.idleClients,
    peakUnsentPerClientKiB: unsent / 1024 / settings.idleClients,
    gcExposed: Boolean(global.gc),
  };
}

const results: Record<string, unknown> = { settings };
if (process.env.BENCH_PARTS?.includes('stream') ?? true) {
  log('idle stream clients');
  results.stream = await idleClients();
  log(JSON.stringify(results.stream));
}
results.orders = [];
for (const n of (process.env.BENCH_PARTS?.includes('orders') ?? true) ? [0, 1, 6] : []) {
  const r = await orderThroughput(n);
  log(JSON.stringify(r));
  (results.orders as unknown[]).push(r);
}
results.ceiling = [];
for (const n of (process.env.BENCH_PARTS?.includes('ceiling') ?? true) ? [1, 10] : [])
  for (const mode of [{}, { batchSize: 50 }, { ordering: 'stream' as const }]) {
    const r = await ceiling(n, mode);
    log(JSON.stringify(r));
    (results.ceiling as unknown[]).push(r);
  }
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(join(ROOT, 'bench/results/event-delivery-latest.json'), JSON.stringify(results, null, 2));
console.log(JSON.stringify(results, null, 2));
