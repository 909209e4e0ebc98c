/**
 * One `stockroom serve` with STOCKROOM_WORKERS=2 on PostgreSQL: two worker processes behind one
 * port (node:cluster hands each new connection to the next worker). Every request here opens a
 * connection of its own, so requests spread over both workers, and each answer names the worker
 * that served it (`Stockroom-Worker`). The guarantees of one process must hold across both:
 * no oversell, each expiry and each webhook delivery done once, and a live stream that sees
 * what the other worker caused.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planWorkers } from '../../src/cli/cluster.ts';
import type { Database } from '../../src/db/database.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { allPositions, rebuildPositionsFromLedger } from '../../src/db/stock.ts';
import { createThrowawayDatabase, pgAdminUrl } from '../helpers/backends.ts';
import {
  inParallel,
  newAdminKey,
  startServer,
  summarise,
  type ServerProcess,
} from '../helpers/server-process.ts';

const TIMEOUT = 300_000;

interface FreshReply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  worker: string | undefined;
  /** Stockroom-Read-Source, for reads that may lag. */
  source: string | undefined;
}

/** One request on a connection of its own (no keep-alive): the cluster picks the worker. */
function fresh(
  server: ServerProcess,
  method: string,
  path: string,
  body?: unknown,
  key = server.adminKey,
): Promise<FreshReply> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path,
        agent: false,
        headers: {
          authorization: `Bearer ${key}`,
          connection: 'close',
          ...(payload !== undefined && {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
          }),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: text ? JSON.parse(text) : undefined,
            worker: res.headers['stockroom-worker'] as string | undefined,
            source: res.headers['stockroom-read-source'] as string | undefined,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function ok(reply: Promise<FreshReply>): Promise<FreshReply> {
  const r = await reply;
  if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

async function waitFor<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await probe();
    if (got !== null) return got;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('how many workers', () => {
  it('one per core on a PostgreSQL server unless STOCKROOM_WORKERS says; always one on PGlite', () => {
    const pg = 'postgres://db/stock';
    expect(planWorkers({ databaseUrl: pg, workers: undefined }, 8)).toEqual({ count: 8, note: null });
    expect(planWorkers({ databaseUrl: pg, workers: 3 }, 8)).toEqual({ count: 3, note: null });
    expect(planWorkers({ databaseUrl: pg, workers: 1 }, 8)).toEqual({ count: 1, note: null });
    expect(planWorkers({ databaseUrl: undefined, workers: undefined }, 8)).toEqual({ count: 1, note: null });
    const pglite = planWorkers({ databaseUrl: undefined, workers: 4 }, 8);
    expect(pglite.count).toBe(1);
    expect(pglite.note).toContain('PGlite serves from one process');
  });
});

describe.skipIf(!pgAdminUrl())('STOCKROOM_WORKERS=2: one port, two worker processes, one PostgreSQL', () => {
  let database: { url: string; drop: () => Promise<void> };
  let db: Database;
  let server: ServerProcess;

  beforeAll(async () => {
    database = await createThrowawayDatabase(pgAdminUrl()!, { empty: true });
    // No separate `migrate`: the primary applies the migrations before it forks.
    server = await startServer({
      data: { databaseUrl: database.url },
      adminKey: newAdminKey(),
      env: {
        STOCKROOM_WORKERS: '2',
        STOCKROOM_WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
        STOCKROOM_RATE_LIMIT_PER_KEY: '0',
        // Long enough that only a sibling's message, not the time to live, can retire an answer.
        STOCKROOM_AVAILABILITY_CACHE: '60s',
      },
    });
    db = openPostgres(database.url, { max: 2 });
    await ok(fresh(server, 'PUT', '/v1/warehouses/LON', { name: 'London', region: 'uk' }));
  }, TIMEOUT);

  afterAll(async () => {
    const code = await server?.stop();
    await db?.close();
    await database?.drop();
    // The primary passes SIGTERM on and exits 0 once both workers stopped cleanly.
    expect(code).toBe(0);
  }, TIMEOUT);

  /**
   * Fresh connections until both workers answered (the primary hands each to a free worker, so
   * a busy one may miss a few in a row); every answer is kept.
   */
  const untilBoth = async (request: () => Promise<FreshReply>, max = 200): Promise<FreshReply[]> => {
    const replies: FreshReply[] = [];
    while (new Set(replies.map((r) => r.worker)).size < 2) {
      if (replies.length >= max) throw new Error(`${max} requests all reached worker ${replies[0]?.worker}`);
      replies.push(...(await Promise.all([request(), request()])));
    }
    return replies;
  };

  it('serves from both workers on the one port', async () => {
    const replies = await untilBoth(() => ok(fresh(server, 'GET', '/v1/skus?limit=1')));
    expect(new Set(replies.map((r) => r.worker))).toEqual(new Set(['1', '2']));
  });

  it('a key revoked through one worker stops at once on the other, though both had it cached', async () => {
    const made = await ok(fresh(server, 'POST', '/v1/api-keys', { name: 'short-lived', role: 'operator' }));
    const { id, key } = made.body as { id: string; key: string };
    // Used through both workers: each has the lookup in its cache for the next 5 s.
    const before = await untilBoth(() => fresh(server, 'GET', '/v1/skus?limit=1', undefined, key));
    expect(new Set(before.map((r) => r.status))).toEqual(new Set([200]));
    await ok(fresh(server, 'DELETE', `/v1/api-keys/${id}`));
    const after = await untilBoth(() => fresh(server, 'GET', '/v1/skus?limit=1', undefined, key));
    expect(new Set(after.map((r) => r.status))).toEqual(new Set([401]));
  });

  it('an order through one worker retires the availability answer the other had cached', async () => {
    await ok(fresh(server, 'PUT', '/v1/skus/SEEN', { name: 'Seen everywhere' }));
    await ok(fresh(server, 'POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'SEEN', qty: 10 }] }));
    // A key of its own: each worker looks it up (and records its use) while warming up, and not
    // again for 5 s, so nothing but the sibling's message retires the answers in the second below.
    const made = await ok(fresh(server, 'POST', '/v1/api-keys', { name: 'shop', role: 'storefront' }));
    const shopKey = (made.body as { key: string }).key;
    const read = () => ok(fresh(server, 'GET', '/v1/availability/SEEN', undefined, shopKey));
    // Until each worker has answered from its cache: both hold the answer for the next 60 s.
    const cachedBy = new Set<string>();
    for (let round = 0; cachedBy.size < 2; round++) {
      if (round >= 100) throw new Error(`only worker(s) ${[...cachedBy].join(', ')} answered from the cache`);
      for (const r of await untilBoth(read)) {
        expect(r.body.sellable).toBe(10);
        if (r.source === 'cache') cachedBy.add(r.worker!);
      }
    }
    await ok(fresh(server, 'POST', '/v1/orders', { orderId: 'seen-1', lines: [{ sku: 'SEEN', qty: 1 }] }));
    // The sibling's message is on its way while the client reads: within a second (not the
    // 60 s time to live) both workers answer with the order counted.
    const latest = new Map<string, number>();
    const deadline = Date.now() + 1_000;
    while (!(latest.get('1') === 9 && latest.get('2') === 9)) {
      if (Date.now() > deadline) throw new Error(`still ${JSON.stringify([...latest])} after 1 s`);
      for (const r of await untilBoth(read)) latest.set(r.worker!, r.body.sellable);
    }
  });

  it(
    '2,000 orders from 64 connections on one hot SKU of 300 units: reserved equals acknowledged',
    async () => {
      await ok(fresh(server, 'PUT', '/v1/skus/HOT', { name: 'Hot' }));
      await ok(
        fresh(server, 'POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'HOT', qty: 300 }] }),
      );
      const replies = await inParallel(
        Array.from({ length: 2000 }, (_, i) => i),
        64,
        (i) =>
          fresh(server, 'POST', '/v1/orders', {
            orderId: `hot-${i}`,
            lines: [i % 2 ? { sku: 'HOT', qty: 1 } : { sku: 'HOT', qty: 1, warehouse: 'LON' }],
          }),
      );
      expect(summarise(replies)).toEqual({ '201': 300, '409 insufficient_stock': 1700 });
      // Both workers sold some of it.
      const soldBy = new Set(replies.filter((r) => r.status === 201).map((r) => r.worker));
      expect(soldBy).toEqual(new Set(['1', '2']));
      const { rows } = await db.query<{ reserved: number; orders: number }>(
        `select (select reserved from stock_positions where sku = 'HOT') as reserved,
                (select count(*)::int from orders where order_id like 'hot-%') as orders`,
      );
      expect(rows[0]).toEqual({ reserved: 300, orders: 300 });
      expect(await rebuildPositionsFromLedger(db)).toEqual(await allPositions(db));
    },
    TIMEOUT,
  );

  it(
    'each webhook delivery has one sender: every event arrives once, whichever worker caused it',
    async () => {
      const received: string[] = [];
      const receiver = http.createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          received.push(String(req.headers['stockroom-event-id']));
          res.writeHead(200).end();
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      try {
        const port = (receiver.address() as AddressInfo).port;
        await ok(
          fresh(server, 'POST', '/v1/webhooks', {
            url: `http://127.0.0.1:${port}/hook`,
            eventTypes: ['order.reserved'],
          }),
        );
        await ok(fresh(server, 'PUT', '/v1/skus/HOOK', { name: 'Hook' }));
        await ok(
          fresh(server, 'POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'HOOK', qty: 100 }] }),
        );
        const placed = await inParallel(
          Array.from({ length: 40 }, (_, i) => i),
          8,
          (i) =>
            ok(
              fresh(server, 'POST', '/v1/orders', { orderId: `hook-${i}`, lines: [{ sku: 'HOOK', qty: 1 }] }),
            ),
        );
        expect(new Set(placed.map((r) => r.worker))).toEqual(new Set(['1', '2']));
        await waitFor('40 deliveries', async () => (new Set(received).size >= 40 ? true : null));
        // Both workers run the delivery loop: give a second sender every chance to show up.
        await new Promise((r) => setTimeout(r, 3_000));
        expect(received.length).toBe(40);
        expect(new Set(received).size).toBe(40);
        const { rows } = await db.query<{ n: number }>(
          `select count(*)::int as n from events where type = 'order.reserved' and data->>'orderId' like 'hook-%'`,
        );
        expect(rows[0]!.n).toBe(40);
      } finally {
        await new Promise((r) => receiver.close(r));
      }
    },
    TIMEOUT,
  );

  it(
    'a live stream (SSE) on one worker gets the events of orders placed through the other',
    async () => {
      await ok(fresh(server, 'PUT', '/v1/skus/LIVE', { name: 'Live' }));
      await ok(
        fresh(server, 'POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'LIVE', qty: 100 }] }),
      );
      const { rows } = await db.query<{ s: number }>('select coalesce(max(seq), 0)::int as s from events');
      const seen = new Set<string>();
      let streamWorker: string | undefined;
      const req = http.request({
        host: '127.0.0.1',
        port: server.port,
        path: `/v1/events/stream?types=order.reserved&after=${rows[0]!.s}`,
        agent: false,
        headers: { authorization: `Bearer ${server.adminKey}` },
      });
      const opened = new Promise<void>((resolve, reject) => {
        req.on('response', (res) => {
          streamWorker = res.headers['stockroom-worker'] as string | undefined;
          res.setEncoding('utf8');
          let buffer = '';
          res.on('data', (chunk: string) => {
            buffer += chunk;
            const lines = buffer.split('\n');
            buffer = lines.pop()!; // an unfinished line waits for the rest
            for (const line of lines) {
              if (!line.startsWith('data: ')) continue;
              const event = JSON.parse(line.slice(6)) as { data?: { orderId?: string } };
              if (event.data?.orderId) seen.add(event.data.orderId);
            }
          });
          resolve();
        });
        req.on('error', reject);
      });
      req.end();
      try {
        await opened;
        expect(['1', '2']).toContain(streamWorker);
        // Orders until at least five were placed through the other worker.
        const viaOther: string[] = [];
        for (let i = 0; viaOther.length < 5; i++) {
          if (i > 200) throw new Error('no order reached the other worker');
          const r = await ok(
            fresh(server, 'POST', '/v1/orders', { orderId: `live-${i}`, lines: [{ sku: 'LIVE', qty: 1 }] }),
          );
          if (r.worker !== streamWorker) viaOther.push(`live-${i}`);
        }
        await waitFor("the other worker's orders on the stream", async () =>
          viaOther.every((id) => seen.has(id)) ? true : null,
        );
      } finally {
        req.destroy();
      }
    },
    TIMEOUT,
  );

  it(
    'expiry runs once: 30 expiring orders through both workers are each released exactly once',
    async () => {
      await ok(fresh(server, 'PUT', '/v1/skus/EXP', { name: 'Expiring' }));
      await ok(fresh(server, 'POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'EXP', qty: 30 }] }));
      await inParallel(
        Array.from({ length: 30 }, (_, i) => i),
        8,
        (i) =>
          ok(
            fresh(server, 'POST', '/v1/orders', {
              orderId: `exp-${i}`,
              lines: [{ sku: 'EXP', qty: 1 }],
              expiresInSeconds: 1,
            }),
          ),
      );
      await waitFor('every expiring order released', async () => {
        const { rows } = await db.query<{ n: number }>(
          `select count(*)::int as n from orders where order_id like 'exp-%' and status = 'released'`,
        );
        return rows[0]!.n === 30 ? true : null;
      });
      // Both workers run the expiry loop: wait a few of its rounds, then count what each order got.
      await new Promise((r) => setTimeout(r, 1_500));
      const { rows } = await db.query<{ releases: number; events: number; reserved: number }>(
        `select (select count(*)::int from movements where type = 'release' and order_id like 'exp-%') as releases,
                (select count(*)::int from events
                 where type = 'order.released' and data->>'orderId' like 'exp-%') as events,
                (select reserved from stock_positions where sku = 'EXP') as reserved`,
      );
      expect(rows[0]).toEqual({ releases: 30, events: 30, reserved: 0 });
      expect(await rebuildPositionsFromLedger(db)).toEqual(await allPositions(db));
    },
    TIMEOUT,
  );
});
