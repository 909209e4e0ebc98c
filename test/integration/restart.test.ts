/**
 * Unpaid orders expire even when the server was down at their expiry: a restarted process
 * releases what came due while it was gone, each order exactly once, also when several
 * processes come back at the same time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { pgAdminUrl } from '../helpers/backends.ts';
import {
  throwawayDataSource,
  inParallel,
  newAdminKey,
  startServer,
  type Reply,
  type ServerProcess,
} from '../helpers/server-process.ts';

/** Generous: a first PGlite start alone can take 20 s or more on a loaded machine. */
const TIMEOUT = 300_000;
/** Long enough for the paid order to be confirmed before it expires. */
const EXPIRES_IN_SECONDS = 2;

type Quantities = Record<
  'onHand' | 'reserved' | 'damaged' | 'qcPending' | 'locked' | 'transferReserved' | 'virtual',
  number
>;
interface Allocation {
  sku: string;
  warehouse: string;
  qty: number;
}
interface Movement {
  id: number;
  at: string;
  sku: string;
  warehouse: string;
  type: string;
  qty: number;
  deltas: Partial<Quantities>;
  reason: string | null;
  orderId: string | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function ok(reply: Promise<Reply>): Promise<Reply> {
  const r = await reply;
  if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

/** The whole ledger for a filter, following nextCursor. */
async function movements(server: ServerProcess, query: string): Promise<Movement[]> {
  const all: Movement[] = [];
  let cursor: string | null = null;
  do {
    const page: Reply = await ok(
      server.call('GET', `/v1/movements?${query}&limit=1000${cursor ? `&cursor=${cursor}` : ''}`),
    );
    all.push(...(page.body.items as Movement[]));
    cursor = page.body.nextCursor;
  } while (cursor);
  return all;
}

/** Invariant 3 over HTTP: each position of the SKU is the sum of its movements. */
async function expectLedgerRebuildsStock(server: ServerProcess, sku: string) {
  const stock = (await ok(server.call('GET', `/v1/stock/${sku}`))).body;
  const rebuilt = new Map<string, Quantities>();
  for (const m of await movements(server, `sku=${sku}`)) {
    const q = rebuilt.get(m.warehouse) ?? {
      onHand: 0,
      reserved: 0,
      damaged: 0,
      qcPending: 0,
      locked: 0,
      transferReserved: 0,
      virtual: 0,
    };
    for (const [bucket, delta] of Object.entries(m.deltas)) q[bucket as keyof Quantities] += delta;
    rebuilt.set(m.warehouse, q);
  }
  for (const p of stock.positions as (Quantities & { warehouse: string })[]) {
    const { warehouse, ...stored } = p;
    const q = rebuilt.get(warehouse);
    expect(q, `${sku}@${warehouse} has movements`).toBeDefined();
    for (const bucket of Object.keys(q!) as (keyof Quantities)[]) {
      expect(q![bucket], `${sku}@${warehouse} ${bucket}`).toBe(stored[bucket]);
    }
  }
}

/** Polls until every order is released, or fails naming the ones still open. */
async function waitUntilReleased(server: ServerProcess, orderIds: string[], timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let open = orderIds;
  while (open.length > 0) {
    const views = await inParallel(open, 8, (id) => ok(server.call('GET', `/v1/orders/${id}`)));
    open = open.filter((_, i) => views[i]!.body.status !== 'released');
    if (open.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(`still not released after ${timeoutMs} ms: ${open.slice(0, 10).join(', ')}`);
    }
    await sleep(250);
  }
}

/** An expired order: released for that reason, one release per allocation, after `since`. */
async function expectExpiredOnce(server: ServerProcess, orderId: string, placed: Allocation[], since: Date) {
  const order = (await ok(server.call('GET', `/v1/orders/${orderId}`))).body;
  expect(order).toMatchObject({ orderId, status: 'released', releasedReason: 'expired' });
  for (const a of order.allocations) expect(a, orderId).toMatchObject({ released: a.qty, open: 0 });
  const ledger = await movements(server, `order=${orderId}`);
  const releases = ledger.filter((m) => m.type === 'release');
  const reserves = ledger.filter((m) => m.type === 'reserve');
  const byPosition = (ms: { sku: string; warehouse: string; qty: number }[]) =>
    ms.map((m) => `${m.sku}@${m.warehouse}:${m.qty}`).sort();
  expect(byPosition(reserves), `${orderId} reserves`).toEqual(byPosition(placed));
  expect(byPosition(releases), `${orderId} releases`).toEqual(byPosition(placed));
  for (const r of releases) {
    expect(r.reason).toBe('expired');
    expect(r.deltas).toEqual({ reserved: -r.qty });
    expect(new Date(r.at).getTime(), `${orderId} released by the restarted process`).toBeGreaterThanOrEqual(
      since.getTime(),
    );
  }
}

interface Scenario {
  /** Orders that must expire: their id and what they reserved. */
  expiring: Map<string, Allocation[]>;
  /** The latest expiry among them. */
  lastExpiry: number;
}

/** Catalogue and stock, then orders: some expiring, one paid (confirmed), one long-lived. */
async function placeOrders(server: ServerProcess, backlog: number): Promise<Scenario> {
  for (const [code, region] of [
    ['AMS', 'eu'],
    ['LON', 'uk'],
  ]) {
    await ok(server.call('PUT', `/v1/warehouses/${code}`, { name: code, region }));
  }
  for (const sku of ['R-A', 'R-B', 'R-C']) await ok(server.call('PUT', `/v1/skus/${sku}`, { name: sku }));
  await ok(
    server.call('POST', '/v1/receipts', {
      warehouse: 'LON',
      lines: [
        { sku: 'R-A', qty: 1000 },
        { sku: 'R-B', qty: 1000 },
        { sku: 'R-C', qty: 1000 },
      ],
    }),
  );
  await ok(
    server.call('POST', '/v1/receipts', {
      warehouse: 'AMS',
      lines: [
        { sku: 'R-A', qty: 500 },
        { sku: 'R-C', qty: 500 },
      ],
    }),
  );

  const expiring = new Map<string, Allocation[]>();
  const expiries: number[] = [];
  const place = async (body: object) => {
    const r = await ok(server.call('POST', '/v1/orders', body));
    return r.body as { orderId: string; expiresAt: string | null; allocations: Allocation[] };
  };
  // Placed first, the one order that must outlive the restart.
  await place({ orderId: 'long', lines: [{ sku: 'R-B', qty: 5, warehouse: 'LON' }], expiresInSeconds: 3600 });
  // A backlog of unpaid orders over overlapping positions, in varied line order.
  const bulk = Array.from({ length: backlog }, (_, i) => {
    const lines = [
      { sku: 'R-C', qty: 1 + (i % 3), warehouse: i % 2 ? 'AMS' : 'LON' },
      { sku: 'R-A', qty: 1, warehouse: i % 3 ? 'LON' : 'AMS' },
      ...(i % 4 === 0 ? [{ sku: 'R-B', qty: 1 }] : []),
    ];
    return {
      orderId: `bulk-${i}`,
      lines: i % 5 < 2 ? lines.reverse() : lines,
      expiresInSeconds: EXPIRES_IN_SECONDS,
    };
  });
  for (const placed of await inParallel(bulk, 8, place)) {
    expiring.set(placed.orderId, placed.allocations);
    expiries.push(Date.parse(placed.expiresAt!));
  }
  for (const body of [
    {
      orderId: 'exp-1',
      lines: [
        { sku: 'R-A', qty: 2, warehouse: 'LON' },
        { sku: 'R-B', qty: 1 },
      ],
    },
    {
      orderId: 'exp-2',
      lines: [
        { sku: 'R-B', qty: 2, warehouse: 'LON' },
        { sku: 'R-A', qty: 4, warehouse: 'AMS' },
      ],
    },
    { orderId: 'exp-3', lines: [{ sku: 'R-A', qty: 1 }] },
    {
      orderId: 'paid',
      lines: [
        { sku: 'R-A', qty: 3, warehouse: 'AMS' },
        { sku: 'R-B', qty: 1 },
      ],
    },
  ]) {
    const placed = await place({ ...body, expiresInSeconds: EXPIRES_IN_SECONDS });
    if (placed.orderId !== 'paid') expiring.set(placed.orderId, placed.allocations);
    expiries.push(Date.parse(placed.expiresAt!));
  }
  const confirmed = await ok(server.call('POST', '/v1/orders/paid/confirm'));
  expect(confirmed.body).toMatchObject({ status: 'confirmed', expiresAt: null });
  return { expiring, lastExpiry: Math.max(...expiries) };
}

/** After the expiry: only the paid and the long-lived order still hold stock. */
async function expectStockBack(server: ServerProcess) {
  const stock = async (sku: string) => {
    const body = (await ok(server.call('GET', `/v1/stock/${sku}`))).body;
    return Object.fromEntries(
      (body.positions as (Quantities & { warehouse: string })[]).map((p) => [
        p.warehouse,
        { onHand: p.onHand, reserved: p.reserved },
      ]),
    );
  };
  const paid = (await ok(server.call('GET', '/v1/orders/paid'))).body;
  expect(paid).toMatchObject({ status: 'confirmed', releasedReason: null });
  const paidAt = (sku: string, warehouse: string) =>
    (paid.allocations as Allocation[])
      .filter((a) => a.sku === sku && a.warehouse === warehouse)
      .reduce((n, a) => n + a.qty, 0);
  const long = (await ok(server.call('GET', '/v1/orders/long'))).body;
  expect(long).toMatchObject({ status: 'reserved' });

  expect(await stock('R-A')).toEqual({
    AMS: { onHand: 500, reserved: 3 },
    LON: { onHand: 1000, reserved: 0 },
  });
  expect(await stock('R-B')).toEqual({
    LON: { onHand: 1000, reserved: 5 + paidAt('R-B', 'LON') },
  });
  expect(await stock('R-C')).toEqual({
    AMS: { onHand: 500, reserved: 0 },
    LON: { onHand: 1000, reserved: 0 },
  });
  for (const m of await movements(server, 'order=paid')) expect(m.type).toBe('reserve');
  for (const sku of ['R-A', 'R-B', 'R-C']) await expectLedgerRebuildsStock(server, sku);
}

const variants: {
  name: string;
  postgres: boolean;
  stop: 'kill' | 'stop';
  backlog: number;
  serversAfter: number;
}[] = [
  { name: 'PGlite, crash (SIGKILL)', postgres: false, stop: 'kill', backlog: 0, serversAfter: 1 },
  { name: 'PGlite, graceful stop (SIGTERM)', postgres: false, stop: 'stop', backlog: 0, serversAfter: 1 },
  {
    name: 'PostgreSQL, crash (SIGKILL), two processes after the restart',
    postgres: true,
    stop: 'kill',
    backlog: 150,
    serversAfter: 2,
  },
];

describe('expiry across a restart', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  }, TIMEOUT);

  for (const v of variants) {
    it.skipIf(v.postgres && !pgAdminUrl())(
      v.name,
      async () => {
        const data = await throwawayDataSource(v.postgres, 'stockroom-restart-', cleanups);
        const adminKey = newAdminKey();
        const servers: ServerProcess[] = [];
        cleanups.push(async () => {
          await Promise.all(servers.map((s) => s.kill()));
        });

        // The first process never ticks its expiry loop, so it cannot expire anything itself,
        // however long placing the orders takes on a loaded machine (no race with the clock).
        const first = await startServer({ data, adminKey, env: { STOCKROOM_EXPIRY_INTERVAL_MS: '3600000' } });
        servers.push(first);
        const scenario = await placeOrders(first, v.backlog);
        // Nothing was released before the stop: whatever is released later, a restart released.
        for (const sku of ['R-A', 'R-B', 'R-C']) {
          const released = (await movements(first, `sku=${sku}`)).filter((m) => m.type === 'release');
          expect(released, `${sku}: released before the stop`).toEqual([]);
        }
        if (v.stop === 'kill') await first.kill();
        else expect(await first.stop(), first.output()).toBe(0);

        // Down while the orders expire: the restart comes after the last expiry.
        await sleep(Math.max(0, scenario.lastExpiry - Date.now()) + 500);
        const restartedAt = new Date();
        const after = await Promise.all(
          Array.from({ length: v.serversAfter }, () => startServer({ data, adminKey })),
        );
        servers.push(...after);
        const [main] = after as [ServerProcess];

        const ids = [...scenario.expiring.keys()];
        await waitUntilReleased(main, ids);
        // Give every process a few more expiry ticks to release something twice, if it would.
        await sleep(1_000);
        await inParallel(ids, 8, (id) =>
          expectExpiredOnce(main, id, scenario.expiring.get(id)!, restartedAt),
        );
        await expectStockBack(main);

        // Every process reads the same outcome.
        for (const other of after.slice(1)) {
          const view = (await ok(other.call('GET', '/v1/orders/exp-2'))).body;
          expect(view).toMatchObject({ status: 'released', releasedReason: 'expired' });
        }
        const failedTicks = after.map((s) => (s.output().match(/expiring orders failed/g) ?? []).length);
        if (failedTicks.some((n) => n > 0)) {
          console.log(`${v.name}: failed expiry ticks per process (retried): ${failedTicks.join(', ')}`);
        }
        const codes = await Promise.all(after.map((s) => s.stop()));
        expect(codes, after.map((s) => s.output()).join('\n')).toEqual(after.map(() => 0));
      },
      TIMEOUT,
    );
  }
});
