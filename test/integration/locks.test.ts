/**
 * Locks through the API: lock and unlock by hand, scheduled waves and `until` carried out by
 * `releaseDueLocks` exactly once, bad input refused with nothing changed, idempotent replays,
 * the ledger rebuilding the positions; and locks racing orders for the last units (PostgreSQL).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { releaseDueLocks } from '../../src/app/locks.ts';
import { allPositions, rebuildPositionsFromLedger } from '../../src/db/stock.ts';
import { backends, pgAdminUrl, postgres } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness, type Reply } from '../helpers/harness.ts';
import {
  throwawayDataSource,
  newAdminKey,
  openInProcess,
  startServer,
  type ServerProcess,
} from '../helpers/server-process.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface Movement {
  type: string;
  qty: number;
  reason: string | null;
  reference: string | null;
  deltas: Record<string, number>;
}

describe.each(backends())('locks on $name', (backend) => {
  let h: Harness;
  let n = 0;
  let sku: string;
  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, []);
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    sku = `LK-${++n}`;
    await h.call('PUT', `/v1/skus/${sku}`, { name: sku });
  });

  const ok = async (reply: Promise<Reply>) => {
    const r = await reply;
    if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r;
  };
  const receive = (warehouse: string, qty: number) =>
    ok(h.call('POST', '/v1/receipts', { warehouse, lines: [{ sku, qty }] }));
  const position = async (warehouse = 'LON') =>
    (await h.call('GET', `/v1/stock/${sku}`)).body.positions.find(
      (p: { warehouse: string }) => p.warehouse === warehouse,
    );
  const unlocks = async (): Promise<Movement[]> =>
    (await h.call('GET', `/v1/movements?sku=${sku}`)).body.items.filter((m: Movement) => m.type === 'unlock');
  const at = (ms: number) => new Date(h.now().getTime() + ms).toISOString();
  const lock = (body: Record<string, unknown>, headers?: Record<string, string>) =>
    h.call('POST', '/v1/locks', { warehouse: 'LON', sku, reason: 'promo', ...body }, headers);

  it('lock takes units out of sellable, and is refused beyond sellable', async () => {
    await receive('LON', 10);
    expect(await position()).toMatchObject({ onHand: 10, locked: 0, sellable: 10 });
    const r = await lock({ qty: 6, reason: 'black friday' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      sku,
      warehouse: 'LON',
      reason: 'black friday',
      qty: 6,
      locked: 6,
      released: 0,
      active: true,
      until: null,
      waves: [],
      position: { onHand: 10, locked: 6, sellable: 4 },
    });
    const refused = await lock({ qty: 5 });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('insufficient_stock');
    expect(refused.body.error.details).toMatchObject({ requested: 5, sellable: 4 });
    expect(await position()).toMatchObject({ locked: 6, sellable: 4 });
    // A lock on a position that has never held stock is refused too.
    const empty = await lock({ qty: 1, warehouse: 'AMS' });
    expect(empty.status).toBe(409);
    expect(empty.body.error.details).toMatchObject({ requested: 1, sellable: 0 });
    const all = (await h.call('GET', `/v1/locks?sku=${sku}`)).body.items;
    expect(all).toHaveLength(1);
    const movements = (await h.call('GET', `/v1/movements?sku=${sku}`)).body.items as Movement[];
    expect(movements.filter((m) => m.type === 'lock')).toEqual([
      expect.objectContaining({
        qty: 6,
        deltas: { locked: 6 },
        reason: 'black friday',
        reference: r.body.lockId,
      }),
    ]);
  });

  it('unlocks part, then all; refuses more than is still locked', async () => {
    await receive('LON', 10);
    const { lockId } = (await ok(lock({ qty: 8 }))).body;
    const part = await h.call('POST', `/v1/locks/${lockId}/unlock`, { qty: 3 });
    expect(part.status).toBe(200);
    expect(part.body).toMatchObject({ unlocked: 3, locked: 5, released: 3, active: true });
    expect(part.body.position).toMatchObject({ locked: 5, sellable: 5 });
    const over = await h.call('POST', `/v1/locks/${lockId}/unlock`, { qty: 6 });
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({
      code: 'exceeds_locked',
      details: { lockId, requested: 6, locked: 5 },
    });
    expect(await position()).toMatchObject({ locked: 5 });
    const rest = await h.call('POST', `/v1/locks/${lockId}/unlock`);
    expect(rest.status).toBe(200);
    expect(rest.body).toMatchObject({ unlocked: 5, locked: 0, released: 8, active: false });
    expect(rest.body.releasedAt).toBe(h.now().toISOString());
    expect(rest.body.position).toMatchObject({ locked: 0, sellable: 10 });
    expect((await h.call('POST', `/v1/locks/${lockId}/unlock`, { qty: 1 })).body.error.code).toBe(
      'exceeds_locked',
    );
    expect((await h.call('POST', `/v1/locks/${lockId}/unlock`)).body.error.code).toBe('invalid_state');
    expect((await unlocks()).map((m) => m.qty)).toEqual([3, 5]);
    const detail = (await h.call('GET', `/v1/locks/${lockId}`)).body;
    expect(detail.releases.map((r: { qty: number; reason: string }) => [r.qty, r.reason])).toEqual([
      [3, 'unlocked'],
      [5, 'unlocked'],
    ]);
    expect((await h.call('POST', '/v1/locks/lck_nope/unlock')).status).toBe(404);
    expect((await h.call('GET', '/v1/locks/lck_nope')).body.error.code).toBe('unknown_lock');
  });

  it('releases each wave at its time exactly once, and the rest at until', async () => {
    await receive('LON', 20);
    const created = await ok(
      lock({
        qty: 10,
        until: at(3 * HOUR),
        waves: [
          { at: at(HOUR), qty: 3 },
          { at: at(2 * HOUR), qty: 4 },
        ],
      }),
    );
    const { lockId } = created.body;
    expect(created.body.waves).toEqual([
      { wave: 1, at: at(HOUR), qty: 3, released: 0, releasedAt: null },
      { wave: 2, at: at(2 * HOUR), qty: 4, released: 0, releasedAt: null },
    ]);
    expect(await position()).toMatchObject({ locked: 10, sellable: 10 });

    h.advance(HOUR - 1);
    expect((await releaseDueLocks(h.ctx)).releases).toEqual([]);
    h.advance(1);
    expect((await releaseDueLocks(h.ctx)).releases).toEqual([
      { lockId, sku, warehouse: 'LON', qty: 3, reason: 'wave 1 of 2' },
    ]);
    expect((await releaseDueLocks(h.ctx)).releases).toEqual([]);
    expect(await position()).toMatchObject({ locked: 7, sellable: 13 });

    h.advance(HOUR);
    await releaseDueLocks(h.ctx);
    await releaseDueLocks(h.ctx);
    expect(await position()).toMatchObject({ locked: 3, sellable: 17 });

    h.advance(HOUR);
    await releaseDueLocks(h.ctx);
    await releaseDueLocks(h.ctx);
    expect(await position()).toMatchObject({ locked: 0, sellable: 20 });

    expect((await unlocks()).map((m) => [m.qty, m.reason, m.reference])).toEqual([
      [3, 'wave 1 of 2', lockId],
      [4, 'wave 2 of 2', lockId],
      [3, 'lock expired', lockId],
    ]);
    const detail = (await h.call('GET', `/v1/locks/${lockId}`)).body;
    expect(detail).toMatchObject({
      locked: 0,
      released: 10,
      active: false,
      releasedAt: h.now().toISOString(),
    });
    expect(detail.waves.map((w: { released: number }) => w.released)).toEqual([3, 4]);
    expect(detail.releases).toHaveLength(3);
    expect((await h.call('GET', `/v1/locks?sku=${sku}&active=true`)).body.items).toEqual([]);
    expect((await h.call('GET', `/v1/locks?sku=${sku}&active=false`)).body.items).toHaveLength(1);
  });

  it('catches up on every due wave at once after a pause', async () => {
    await receive('LON', 6);
    const { lockId } = (
      await ok(
        lock({
          qty: 6,
          waves: [
            { at: at(MINUTE), qty: 1 },
            { at: at(2 * MINUTE), qty: 2 },
            { at: at(3 * MINUTE), qty: 3 },
          ],
        }),
      )
    ).body;
    h.advance(10 * MINUTE);
    const { releases } = await releaseDueLocks(h.ctx);
    expect(releases.map((r) => [r.qty, r.reason])).toEqual([
      [1, 'wave 1 of 3'],
      [2, 'wave 2 of 3'],
      [3, 'wave 3 of 3'],
    ]);
    expect((await releaseDueLocks(h.ctx)).releases).toEqual([]);
    expect((await h.call('GET', `/v1/locks/${lockId}`)).body).toMatchObject({ locked: 0, active: false });
  });

  it('waves release only what a manual unlock left locked', async () => {
    await receive('LON', 10);
    const { lockId } = (
      await ok(
        lock({
          qty: 5,
          waves: [
            { at: at(MINUTE), qty: 2 },
            { at: at(2 * MINUTE), qty: 3 },
          ],
        }),
      )
    ).body;
    await ok(h.call('POST', `/v1/locks/${lockId}/unlock`, { qty: 4 }));
    h.advance(MINUTE);
    expect((await releaseDueLocks(h.ctx)).releases.map((r) => r.qty)).toEqual([1]);
    h.advance(MINUTE);
    expect((await releaseDueLocks(h.ctx)).releases).toEqual([]);
    const detail = (await h.call('GET', `/v1/locks/${lockId}`)).body;
    expect(detail.waves.map((w: { released: number; releasedAt: string | null }) => w.released)).toEqual([
      1, 0,
    ]);
    expect(detail.waves.every((w: { releasedAt: string | null }) => w.releasedAt !== null)).toBe(true);
    expect(await position()).toMatchObject({ locked: 0, sellable: 10 });
  });

  it('refuses bad input with a stable code and changes nothing', async () => {
    await receive('LON', 10);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ qty: 0 }, 400, 'invalid_request'],
      [{ qty: -1 }, 400, 'invalid_request'],
      [{ qty: 1.5 }, 400, 'invalid_request'],
      [{ qty: 2, reason: '' }, 400, 'invalid_request'],
      [{ qty: 2, until: 'tomorrow' }, 400, 'invalid_request'],
      [{ qty: 2, waves: [] }, 400, 'invalid_request'],
      [{ qty: 2, waves: [{ at: at(MINUTE), qty: 0 }] }, 400, 'invalid_request'],
      [{ qty: 2, extra: true }, 400, 'invalid_request'],
      [
        {
          qty: 5,
          waves: [
            { at: at(MINUTE), qty: 3 },
            { at: at(2 * MINUTE), qty: 3 },
          ],
        },
        400,
        'invalid_schedule',
      ],
      [
        {
          qty: 5,
          waves: [
            { at: at(2 * MINUTE), qty: 1 },
            { at: at(MINUTE), qty: 1 },
          ],
        },
        400,
        'invalid_schedule',
      ],
      [{ qty: 5, until: at(MINUTE), waves: [{ at: at(2 * MINUTE), qty: 1 }] }, 400, 'invalid_schedule'],
      [{ qty: 5, until: at(MINUTE), waves: [{ at: at(MINUTE), qty: 1 }] }, 400, 'invalid_schedule'],
      [{ qty: 5, until: at(-MINUTE) }, 400, 'invalid_schedule'],
      [{ qty: 5, waves: [{ at: at(0), qty: 1 }] }, 400, 'invalid_schedule'],
      [{ qty: 1, sku: 'NO-SUCH-SKU' }, 404, 'unknown_sku'],
      [{ qty: 1, warehouse: 'NOPE' }, 404, 'unknown_warehouse'],
      [{ qty: 11 }, 409, 'insufficient_stock'],
    ];
    for (const [body, status, code] of cases) {
      const r = await lock(body);
      expect([JSON.stringify(body), r.status, r.body.error?.code]).toEqual([
        JSON.stringify(body),
        status,
        code,
      ]);
    }
    const lockId = (await ok(lock({ qty: 2 }))).body.lockId;
    for (const body of [{ qty: 0 }, { qty: 'all' }, { qty: 1, extra: 1 }]) {
      const r = await h.call('POST', `/v1/locks/${lockId}/unlock`, body);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('invalid_request');
    }
    expect((await h.call('GET', `/v1/locks?sku=${sku}`)).body.items).toHaveLength(1);
    expect(await position()).toMatchObject({ locked: 2, sellable: 8 });
    expect(await unlocks()).toEqual([]);
  });

  it('answers a replayed Idempotency-Key with the first answer and changes nothing', async () => {
    await receive('LON', 10);
    const key = { 'idempotency-key': `${sku}-lock` };
    const body = { qty: 4, waves: [{ at: at(HOUR), qty: 2 }] };
    const first = await lock(body, key);
    expect(first.status).toBe(201);
    h.advance(1000);
    const again = await lock(body, key);
    expect(again).toEqual(first);
    const other = await lock({ qty: 3 }, key);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    expect((await h.call('GET', `/v1/locks?sku=${sku}`)).body.items).toHaveLength(1);
    expect(await position()).toMatchObject({ locked: 4 });

    const unlockKey = { 'idempotency-key': `${sku}-unlock` };
    const path = `/v1/locks/${first.body.lockId}/unlock`;
    const u1 = await h.call('POST', path, { qty: 1 }, unlockKey);
    const u2 = await h.call('POST', path, { qty: 1 }, unlockKey);
    expect(u1.status).toBe(200);
    expect(u2).toEqual(u1);
    expect(await position()).toMatchObject({ locked: 3 });
    expect((await unlocks()).map((m) => m.qty)).toEqual([1]);
    // A refused attempt leaves no answer behind: the key can be used again.
    const refusedKey = { 'idempotency-key': `${sku}-big` };
    expect((await lock({ qty: 100 }, refusedKey)).status).toBe(409);
    expect((await lock({ qty: 1 }, refusedKey)).status).toBe(201);
  });

  it('honours operator warehouse access', async () => {
    await receive('LON', 5);
    const made = await ok(
      h.call('POST', '/v1/api-keys', { name: `ams-${sku}`, role: 'operator', warehouses: ['AMS'] }),
    );
    const as = (method: 'GET' | 'POST', path: string, body?: unknown) =>
      h.call(method, path, body, { authorization: `Bearer ${made.body.key}` });
    const denied = await as('POST', '/v1/locks', { warehouse: 'LON', sku, qty: 1, reason: 'x' });
    expect(denied.status).toBe(403);
    const { lockId } = (await ok(lock({ qty: 2 }))).body;
    expect((await as('POST', `/v1/locks/${lockId}/unlock`)).status).toBe(403);
    // Reads too: a lock at another warehouse is not readable by a limited key (docs/access.md).
    expect((await as('GET', `/v1/locks/${lockId}`)).status).toBe(403);
    expect(await position()).toMatchObject({ locked: 2 });
  });

  it('lists locks with filters and pages', async () => {
    await receive('LON', 10);
    await receive('AMS', 10);
    const ids: string[] = [];
    for (const warehouse of ['LON', 'AMS', 'LON']) {
      ids.push((await ok(lock({ qty: 1, warehouse }))).body.lockId);
      h.advance(1);
    }
    await ok(h.call('POST', `/v1/locks/${ids[0]}/unlock`));
    const byId = (items: { lockId: string }[]) => items.map((i) => i.lockId);
    expect(byId((await h.call('GET', `/v1/locks?sku=${sku}`)).body.items)).toEqual(ids);
    expect(byId((await h.call('GET', `/v1/locks?sku=${sku}&warehouse=LON`)).body.items)).toEqual([
      ids[0],
      ids[2],
    ]);
    expect(byId((await h.call('GET', `/v1/locks?sku=${sku}&active=true`)).body.items)).toEqual([
      ids[1],
      ids[2],
    ]);
    const p1 = (await h.call('GET', `/v1/locks?sku=${sku}&limit=2`)).body;
    expect(byId(p1.items)).toEqual(ids.slice(0, 2));
    const p2 = (await h.call('GET', `/v1/locks?sku=${sku}&limit=2&cursor=${p1.nextCursor}`)).body;
    expect(byId(p2.items)).toEqual(ids.slice(2));
    expect(p2.nextCursor).toBeNull();
  });

  it('rebuilding every position from the ledger gives the stored positions', async () => {
    await receive('LON', 3);
    const { lockId } = (await ok(lock({ qty: 3, until: at(MINUTE) }))).body;
    await ok(h.call('POST', `/v1/locks/${lockId}/unlock`, { qty: 1 }));
    h.advance(MINUTE);
    await releaseDueLocks(h.ctx);
    expect(await rebuildPositionsFromLedger(h.db)).toEqual(await allPositions(h.db));
  });
});

describe.skipIf(!pgAdminUrl())('locks racing orders on PostgreSQL', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(postgres);
    await seedCatalogue(h, ['RACE', 'WAVES']);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('locks and single-unit orders for the last units never take more than on hand', async () => {
    const STOCK = 40;
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'RACE', qty: STOCK }] });
    const replies = await Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        i % 2 === 0
          ? h.call('POST', '/v1/locks', { warehouse: 'LON', sku: 'RACE', qty: 1, reason: `race ${i}` })
          : h.call('POST', '/v1/orders', {
              orderId: `race-${i}`,
              lines: [{ sku: 'RACE', qty: 1, warehouse: 'LON' }],
            }),
      ),
    );
    const won = replies.filter((r) => r.status === 201).length;
    const lost = replies.filter((r) => r.status === 409 && r.body.error.code === 'insufficient_stock').length;
    expect(won + lost).toBe(replies.length);
    expect(won).toBe(STOCK);
    const pos = (await h.call('GET', '/v1/stock/RACE')).body.positions[0];
    expect(pos.sellable).toBe(0);
    expect(pos.locked + pos.reserved).toBe(STOCK);
    expect(pos.locked).toBe(replies.filter((r, i) => i % 2 === 0 && r.status === 201).length);
    expect(await rebuildPositionsFromLedger(h.db)).toEqual(await allPositions(h.db));
  });

  it('several release passes at once release each wave exactly once', async () => {
    await h.call('POST', '/v1/receipts', { warehouse: 'AMS', lines: [{ sku: 'WAVES', qty: 300 }] });
    const at = (ms: number) => new Date(h.now().getTime() + ms).toISOString();
    for (let i = 0; i < 30; i++) {
      const r = await h.call('POST', '/v1/locks', {
        warehouse: 'AMS',
        sku: 'WAVES',
        qty: 10,
        reason: `promo ${i}`,
        until: at(3 * MINUTE),
        waves: [
          { at: at(MINUTE), qty: 3 },
          { at: at(2 * MINUTE), qty: 3 },
        ],
      });
      expect(r.status).toBe(201);
    }
    h.advance(10 * MINUTE);
    const passes = await Promise.all(Array.from({ length: 6 }, () => releaseDueLocks(h.ctx, 7)));
    // Drain whatever the parallel passes skipped.
    while ((await releaseDueLocks(h.ctx, 7)).locks > 0);
    const released = passes.flatMap((p) => p.releases).reduce((s, r) => s + r.qty, 0);
    expect(released).toBeLessThanOrEqual(300);
    const all: Movement[] = [];
    let cursor: string | null = null;
    do {
      const page: Reply = await h.call(
        'GET',
        `/v1/movements?sku=WAVES&limit=1000${cursor ? `&cursor=${cursor}` : ''}`,
      );
      all.push(...(page.body.items as Movement[]));
      cursor = page.body.nextCursor;
    } while (cursor);
    const unlocks = all.filter((m) => m.type === 'unlock');
    expect(unlocks).toHaveLength(90);
    expect(unlocks.reduce((s, m) => s + m.qty, 0)).toBe(300);
    expect((await h.call('GET', '/v1/stock/WAVES')).body.positions[0]).toMatchObject({
      locked: 0,
      sellable: 300,
    });
  });
});

describe('lock waves across a restart (real server)', () => {
  const TIMEOUT = 300_000;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  /**
   * From the lock to its first wave: an in-process request and a close, well under a second even
   * on a loaded machine, with margin (the test says so if not). Until then the service is down.
   */
  const FIRST_WAVE_MS = 3000;
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  }, TIMEOUT);

  const variants = [
    { name: 'PGlite, one process back', postgres: false, serversAfter: 1 },
    { name: 'PostgreSQL, two processes back at once', postgres: true, serversAfter: 2 },
  ];
  for (const v of variants) {
    it.skipIf(v.postgres && !pgAdminUrl())(
      `waves and until that fell due while the server was down are released once: ${v.name}`,
      async () => {
        const data = await throwawayDataSource(v.postgres, 'stockroom-locks-restart-', cleanups);
        const adminKey = newAdminKey();
        const servers: ServerProcess[] = [];
        cleanups.push(async () => {
          await Promise.all(servers.map((s) => s.kill()));
        });
        const ok = async (reply: Promise<Reply>) => {
          const r = await reply;
          if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
          return r;
        };

        // The lock is written by the service in this process, which runs no background loops, so
        // only a restarted process can release: a child would prove nothing more here, and costs
        // seconds to start.
        const first = await openInProcess({ data, adminKey });
        let firstClosed = false;
        cleanups.push(async () => {
          if (!firstClosed) await first.close();
        });
        await ok(first.call('PUT', '/v1/warehouses/LON', { name: 'LON', region: 'uk' }));
        await ok(first.call('PUT', '/v1/skus/PROMO', { name: 'PROMO' }));
        await ok(
          first.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'PROMO', qty: 10 }] }),
        );
        const t0 = Date.now();
        const at = (ms: number) => new Date(t0 + ms).toISOString();
        const created = await ok(
          first.call('POST', '/v1/locks', {
            warehouse: 'LON',
            sku: 'PROMO',
            qty: 8,
            reason: 'launch',
            until: at(FIRST_WAVE_MS + 1000),
            waves: [
              { at: at(FIRST_WAVE_MS), qty: 2 },
              { at: at(FIRST_WAVE_MS + 500), qty: 3 },
            ],
          }),
        );
        const { lockId } = created.body;
        await first.close();
        firstClosed = true;
        expect(Date.now(), 'the service was down before the first wave').toBeLessThan(t0 + FIRST_WAVE_MS);

        await sleep(Math.max(0, t0 + FIRST_WAVE_MS + 1500 - Date.now()));
        const restartedAt = Date.now();
        const after = await Promise.all(
          Array.from({ length: v.serversAfter }, () => startServer({ data, adminKey })),
        );
        servers.push(...after);
        const main = after[0]!;
        const deadline = Date.now() + 60_000;
        while ((await ok(main.call('GET', `/v1/locks/${lockId}`))).body.active) {
          if (Date.now() > deadline) throw new Error('the lock was not released after the restart');
          await sleep(200);
        }
        // A few more ticks of every process: nothing may be released twice.
        await sleep(1000);
        const ledger = (await ok(main.call('GET', '/v1/movements?sku=PROMO'))).body.items as (Movement & {
          at: string;
        })[];
        const unlocks = ledger.filter((m) => m.type === 'unlock');
        expect(unlocks.map((m) => [m.qty, m.reason, m.reference])).toEqual([
          [2, 'wave 1 of 2', lockId],
          [3, 'wave 2 of 2', lockId],
          [3, 'lock expired', lockId],
        ]);
        for (const m of unlocks) expect(Date.parse(m.at)).toBeGreaterThanOrEqual(restartedAt);
        const stock = (await ok(main.call('GET', '/v1/stock/PROMO'))).body.positions[0];
        expect(stock).toMatchObject({ onHand: 10, locked: 0, sellable: 10 });
        const detail = (await ok(main.call('GET', `/v1/locks/${lockId}`))).body;
        expect(detail.waves.map((w: { released: number }) => w.released)).toEqual([2, 3]);
        expect(detail.releases).toHaveLength(3);
      },
      TIMEOUT,
    );
  }
});
