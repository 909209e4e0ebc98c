/**
 * Sales channels through the API: settings (warehouses, buffer, cap), ring-fenced units as
 * locks owned by the channel, the published quantity per SKU with pages and incremental sync,
 * CSV and JSON feeds, bad input refused with nothing changed, idempotent PUTs; the two helpers
 * the order placement uses (`loadChannels`, `takeFromRingFence`, with `lockChannelLimits`)
 * called in a transaction; and, on PostgreSQL, ring-fences and channel orders racing for the
 * last units.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelAvailabilityItem } from '../../src/app/channel-availability.ts';
import { loadChannels } from '../../src/app/channel-rows.ts';
import { lockChannelLimits, takeFromRingFence } from '../../src/app/ring-fences.ts';
import type { Queryable } from '../../src/db/database.ts';
import { allPositions, applyMovements, rebuildPositionsFromLedger } from '../../src/db/stock.ts';
import { splitChannelTake } from '../../src/domain/channels.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { moves } from '../../src/domain/movements.ts';
import { backends, pgAdminUrl, postgres } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness, type Reply } from '../helpers/harness.ts';
import { summarise } from '../helpers/server-process.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until every transaction that had begun when this was called has ended, anywhere on the
 * server. A sync token is the horizon of running transactions, so on a server shared with
 * other test runs a token taken after this is exact about what was written before it (it
 * could otherwise, correctly, answer a few more SKUs). PGlite returns at once.
 */
async function settle(db: Queryable): Promise<void> {
  const { rows } = await db.query<{ next: string }>(
    'select pg_snapshot_xmax(pg_current_snapshot())::text as next',
  );
  const next = BigInt(rows[0]!.next);
  for (let i = 0; i < 1000; i++) {
    const { rows: now } = await db.query<{ xmin: string }>(
      'select pg_snapshot_xmin(pg_current_snapshot())::text as xmin',
    );
    if (BigInt(now[0]!.xmin) >= next) return;
    await sleep(20);
  }
  throw new Error('other transactions did not end within 20 s');
}

interface Position {
  warehouse: string;
  onHand: number;
  reserved: number;
  locked: number;
  sellable: number;
}

describe.each(backends())('sales channels on $name', (backend) => {
  let h: Harness;
  let n = 0;
  let sku: string;
  let code: string;
  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, []);
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    n++;
    sku = `CH-${n}`;
    code = `web-${n}`;
    await ok(h.call('PUT', `/v1/skus/${sku}`, { name: sku }));
  });

  const ok = async (reply: Promise<Reply>) => {
    const r = await reply;
    if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r;
  };
  const receive = (warehouse: string, qty: number, of = sku) =>
    ok(h.call('POST', '/v1/receipts', { warehouse, lines: [{ sku: of, qty }] }));
  const put = (body: Record<string, unknown>, headers?: Record<string, string>, of = code) =>
    h.call('PUT', `/v1/channels/${of}`, { name: of, ...body }, headers);
  const position = async (warehouse = 'LON', of = sku): Promise<Position> =>
    (await h.call('GET', `/v1/stock/${of}`)).body.positions.find((p: Position) => p.warehouse === warehouse);
  /** Every item of a channel's availability, page by page, and the token of that sync. */
  const sync = async (of = code, query = '', limit = 1000) => {
    const items: ChannelAvailabilityItem[] = [];
    const tokens = new Set<string>();
    let cursor: string | null = null;
    do {
      const r: Reply = await ok(
        h.call(
          'GET',
          `/v1/channels/${of}/availability?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`,
        ),
      );
      items.push(...r.body.items);
      tokens.add(r.body.syncToken);
      cursor = r.body.nextCursor;
    } while (cursor);
    expect(tokens.size, 'one token for every page of a sync').toBe(1);
    return { items, token: [...tokens][0]! };
  };
  const publishedOf = async (of = code, s = sku) => (await sync(of)).items.find((i) => i.sku === s);

  it('creates (201) and updates (200) a channel, reads and lists it', async () => {
    const created = await put({ warehouses: ['LON'], bufferUnits: 2, bufferPercent: 12.5, cap: 100 });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      code,
      name: code,
      warehouses: ['LON'],
      bufferUnits: 2,
      bufferPercent: 12.5,
      cap: 100,
      ringFenced: [],
      createdAt: h.now().toISOString(),
      updatedAt: h.now().toISOString(),
    });
    h.advance(1000);
    const same = await put({ warehouses: ['LON'], bufferUnits: 2, bufferPercent: 12.5, cap: 100 });
    expect(same.status).toBe(200);
    expect(same.body).toEqual(created.body);
    const changed = await put({ name: 'Web shop', bufferUnits: 1 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      name: 'Web shop',
      warehouses: null,
      bufferUnits: 1,
      bufferPercent: null,
      cap: null,
      createdAt: created.body.createdAt,
      updatedAt: h.now().toISOString(),
    });
    expect((await h.call('GET', `/v1/channels/${code}`)).body).toEqual(changed.body);

    await ok(put({}, undefined, `${code}-b`));
    const p1 = (await h.call('GET', '/v1/channels?limit=1')).body;
    expect(p1.items).toHaveLength(1);
    const all: { code: string }[] = [...p1.items];
    let cursor = p1.nextCursor;
    while (cursor) {
      const p = (await h.call('GET', `/v1/channels?limit=1&cursor=${cursor}`)).body;
      all.push(...p.items);
      cursor = p.nextCursor;
    }
    const codes = all.map((c) => c.code);
    expect(codes).toEqual([...codes].sort());
    expect(codes).toEqual(expect.arrayContaining([code, `${code}-b`]));
  });

  it('publishes the pool of its warehouses, less buffer units or percent (rounded up), capped', async () => {
    await receive('LON', 10);
    await receive('AMS', 5);
    const cases: [Record<string, unknown>, { published: number; pool: number }][] = [
      [{}, { published: 15, pool: 15 }],
      [{ warehouses: ['LON'] }, { published: 10, pool: 10 }],
      [{ bufferUnits: 4 }, { published: 11, pool: 15 }],
      [{ bufferPercent: 10 }, { published: 13, pool: 15 }],
      [
        { bufferUnits: 1, bufferPercent: 10 },
        { published: 12, pool: 15 },
      ],
      [{ bufferUnits: 99 }, { published: 0, pool: 15 }],
      [{ cap: 4 }, { published: 4, pool: 15 }],
      [
        { warehouses: ['AMS'], bufferPercent: 50, cap: 9 },
        { published: 2, pool: 5 },
      ],
    ];
    for (const [settings, expected] of cases) {
      await ok(put(settings));
      expect([settings, await publishedOf()]).toMatchObject([settings, { sku, ringFenced: 0, ...expected }]);
    }
    // Publishing is a view: nothing was locked or reserved.
    expect(await position('LON')).toMatchObject({ locked: 0, reserved: 0, sellable: 10 });
  });

  it('ring-fences units for the channel alone: S drops for everyone, the channel publishes them', async () => {
    await receive('LON', 10);
    await ok(put({}, undefined, `${code}-other`));
    const fenced = await put({
      warehouses: ['LON'],
      cap: 2,
      ringFenced: [{ sku, warehouse: 'LON', qty: 4 }],
    });
    expect(fenced.status).toBe(201);
    expect(fenced.body.ringFenced).toEqual([{ sku, warehouse: 'LON', qty: 4 }]);
    expect(await position()).toMatchObject({ onHand: 10, locked: 4, sellable: 6 });
    // The channel: cap 2 of the shared 6, plus its own 4; any other channel: the shared 6.
    expect(await publishedOf()).toMatchObject({ sku, published: 6, ringFenced: 4, pool: 6 });
    expect(await publishedOf(`${code}-other`)).toMatchObject({ sku, published: 6, ringFenced: 0, pool: 6 });
    const locks = (await h.call('GET', `/v1/locks?sku=${sku}`)).body.items;
    expect(locks).toEqual([
      expect.objectContaining({
        warehouse: 'LON',
        qty: 4,
        locked: 4,
        reason: `ring-fence for channel ${code}`,
      }),
    ]);
    // An order without the channel can no longer take the ring-fenced units.
    const greedy = await h.call('POST', '/v1/orders', { orderId: `${sku}-o1`, lines: [{ sku, qty: 7 }] });
    expect(greedy.body.error.code).toBe('insufficient_stock');

    // Raising adds a lock, lowering unlocks (oldest first), leaving it out of the list releases.
    await ok(put({ warehouses: ['LON'], cap: 2, ringFenced: [{ sku, warehouse: 'LON', qty: 7 }] }));
    expect(await position()).toMatchObject({ locked: 7, sellable: 3 });
    expect((await h.call('GET', `/v1/locks?sku=${sku}&active=true`)).body.items).toHaveLength(2);
    const lowered = await put({
      warehouses: ['LON'],
      cap: 2,
      ringFenced: [{ sku, warehouse: 'LON', qty: 2 }],
    });
    expect(lowered.body.ringFenced).toEqual([{ sku, warehouse: 'LON', qty: 2 }]);
    expect(await position()).toMatchObject({ locked: 2, sellable: 8 });
    const active = (await h.call('GET', `/v1/locks?sku=${sku}&active=true`)).body.items;
    expect(active.map((l: { qty: number; locked: number }) => [l.qty, l.locked])).toEqual([[3, 2]]);
    // Settings without ringFenced leave the ring-fences as they are.
    await ok(put({ warehouses: ['LON'] }));
    expect(await position()).toMatchObject({ locked: 2 });
    // Beyond sellable: 409, and neither settings nor stock change.
    const tooMuch = await put({ name: 'renamed', ringFenced: [{ sku, warehouse: 'LON', qty: 11 }] });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error).toMatchObject({
      code: 'insufficient_stock',
      details: { channel: code, sku, warehouse: 'LON', ringFenced: 2, target: 11, requested: 9, sellable: 8 },
    });
    expect((await h.call('GET', `/v1/channels/${code}`)).body).toMatchObject({
      name: code,
      ringFenced: [{ sku, warehouse: 'LON', qty: 2 }],
    });
    expect(await position()).toMatchObject({ locked: 2, sellable: 8 });
    const released = await put({ warehouses: ['LON'], ringFenced: [] });
    expect(released.body.ringFenced).toEqual([]);
    expect(await position()).toMatchObject({ locked: 0, sellable: 10 });

    const ledger = (await h.call('GET', `/v1/movements?sku=${sku}`)).body.items as {
      type: string;
      qty: number;
      reason: string;
      reference: string;
    }[];
    expect(ledger.filter((m) => m.type !== 'receipt').map((m) => [m.type, m.qty, m.reason])).toEqual([
      ['lock', 4, `ring-fence for channel ${code}`],
      ['lock', 3, `ring-fence for channel ${code}`],
      ['unlock', 4, `ring-fence for channel ${code} lowered`],
      ['unlock', 1, `ring-fence for channel ${code} lowered`],
      ['unlock', 2, `ring-fence for channel ${code} lowered`],
    ]);
    expect(await rebuildPositionsFromLedger(h.db)).toEqual(await allPositions(h.db));
  });

  it('refuses bad input with a stable code and changes nothing', async () => {
    await receive('LON', 5);
    const rf = (qty: number, warehouse = 'LON', of = sku) => [{ sku: of, warehouse, qty }];
    const cases: [Record<string, unknown>, number, string, Record<string, unknown>?][] = [
      [{ warehouses: ['LON', 'NOPE'] }, 404, 'unknown_warehouse', { warehouses: ['NOPE'] }],
      [{ ringFenced: rf(1, 'GONE') }, 404, 'unknown_warehouse', { warehouses: ['GONE'] }],
      [{ ringFenced: rf(1, 'LON', 'NO-SKU') }, 404, 'unknown_sku', { skus: ['NO-SKU'] }],
      [{ bufferPercent: 101 }, 400, 'invalid_request'],
      [{ bufferPercent: -1 }, 400, 'invalid_request'],
      [{ bufferPercent: 12.345 }, 400, 'invalid_channel', { bufferPercent: 12.345 }],
      [{ bufferPercent: '10' }, 400, 'invalid_request'],
      [{ bufferUnits: -1 }, 400, 'invalid_request'],
      [{ bufferUnits: 1.5 }, 400, 'invalid_request'],
      [{ cap: -2 }, 400, 'invalid_request'],
      [{ warehouses: [] }, 400, 'invalid_request'],
      [{ warehouses: ['LON', 'LON'] }, 400, 'invalid_request'],
      [{ warehouses: ['bad code!'] }, 400, 'invalid_request'],
      [{ name: '' }, 400, 'invalid_request'],
      [{ extra: true }, 400, 'invalid_request'],
      [{ ringFenced: rf(-1) }, 400, 'invalid_request'],
      [{ ringFenced: [{ sku, warehouse: 'LON', qty: 1, extra: 1 }] }, 400, 'invalid_request'],
      [
        { ringFenced: [...rf(1), ...rf(2)] },
        400,
        'invalid_channel',
        { duplicates: [{ sku, warehouse: 'LON' }] },
      ],
      [{ warehouses: ['AMS'], ringFenced: rf(1) }, 400, 'invalid_channel'],
      [{ ringFenced: rf(6) }, 409, 'insufficient_stock', { requested: 6, sellable: 5 }],
      [{ ringFenced: rf(1, 'AMS') }, 409, 'insufficient_stock', { requested: 1, sellable: 0 }],
    ];
    for (const [body, status, errorCode, details] of cases) {
      const r = await put(body);
      expect([JSON.stringify(body), r.status, r.body.error?.code]).toEqual([
        JSON.stringify(body),
        status,
        errorCode,
      ]);
      if (details) expect(r.body.error.details).toMatchObject(details);
    }
    expect((await h.call('PUT', '/v1/channels/bad%20code', { name: 'x' })).body.error.code).toBe(
      'invalid_request',
    );
    const unknown = await h.call('GET', `/v1/channels/${code}`);
    expect([unknown.status, unknown.body.error]).toEqual([
      404,
      { code: 'unknown_channel', message: `unknown channel ${code}`, details: { channels: [code] } },
    ]);
    for (const path of ['availability', 'availability.csv', 'availability.json']) {
      const r = await h.app.inject({
        url: `/v1/channels/${code}/${path}`,
        headers: { authorization: `Bearer ${h.adminKey}` },
      });
      expect([path, r.statusCode, JSON.parse(r.body).error.code]).toEqual([path, 404, 'unknown_channel']);
    }
    expect(await position()).toMatchObject({ locked: 0, sellable: 5 });
    expect((await h.call('GET', `/v1/locks?sku=${sku}`)).body.items).toEqual([]);

    // A channel that exists: narrowing its warehouses must not strand a ring-fence elsewhere.
    await ok(put({ ringFenced: rf(2) }));
    const stranded = await put({ warehouses: ['AMS'] });
    expect([stranded.status, stranded.body.error.code]).toEqual([400, 'invalid_channel']);
    expect(stranded.body.error.details.outside).toEqual(rf(2));
    expect(await ok(put({ warehouses: ['AMS'], ringFenced: [] }))).toMatchObject({ status: 200 });
    expect(await position()).toMatchObject({ locked: 0, sellable: 5 });
    for (const query of [
      'changedSince=nope',
      'cursor=nope',
      'changedSince=' + 'x'.repeat(200),
      'limit=0',
      'other=1',
    ]) {
      const r = await h.call('GET', `/v1/channels/${code}/availability?${query}`);
      const expected = query.startsWith('cursor=') ? 'invalid_cursor' : 'invalid_request';
      expect([query, r.status, r.body.error.code]).toEqual([query, 400, expected]);
    }
    const notAToken = Buffer.from(JSON.stringify(['sync', '-1'])).toString('base64url');
    expect((await h.call('GET', `/v1/channels/${code}/availability?changedSince=${notAToken}`)).status).toBe(
      400,
    );
  });

  it('answers a replayed Idempotency-Key with the first answer and changes nothing', async () => {
    await receive('LON', 10);
    const key = { 'idempotency-key': `${code}-put` };
    const body = { ringFenced: [{ sku, warehouse: 'LON', qty: 3 }] };
    const first = await put(body, key);
    expect(first.status).toBe(201);
    // Meanwhile an order takes stock: the replay still answers as the first time, and locks no more.
    await ok(h.call('POST', '/v1/orders', { orderId: `${sku}-o`, lines: [{ sku, qty: 5 }] }));
    h.advance(1000);
    const again = await put(body, key);
    expect(again).toEqual(first);
    expect(await position()).toMatchObject({ locked: 3, reserved: 5, sellable: 2 });
    const other = await put({ ringFenced: [{ sku, warehouse: 'LON', qty: 1 }] }, key);
    expect([other.status, other.body.error.code]).toEqual([409, 'idempotency_key_reused']);
    expect((await h.call('GET', `/v1/locks?sku=${sku}`)).body.items).toHaveLength(1);
    // Without a key a PUT is a setting: sending it again leaves the same state.
    await ok(put(body));
    expect(await position()).toMatchObject({ locked: 3 });
    // A refused attempt leaves no answer behind: the key can be used again.
    const bigKey = { 'idempotency-key': `${code}-big` };
    expect((await put({ ringFenced: [{ sku, warehouse: 'LON', qty: 50 }] }, bigKey)).status).toBe(409);
    expect((await put({ ringFenced: [{ sku, warehouse: 'LON', qty: 4 }] }, bigKey)).status).toBe(200);
    expect(await position()).toMatchObject({ locked: 4 });
  });

  it('pages through every SKU and, with changedSince, only the SKUs changed since', async () => {
    const skus = ['A', 'B', 'C', 'D', 'E'].map((s) => `${sku}-${s}`);
    for (const s of skus) {
      await ok(h.call('PUT', `/v1/skus/${s}`, { name: s }));
      await receive('LON', 10, s);
    }
    await receive('AMS', 3, skus[2]);
    await ok(put({ warehouses: ['LON'] }));
    await settle(h.db);
    const full = await sync(code, '', 2);
    const bySku = new Map(full.items.map((i) => [i.sku, i]));
    expect(full.items.map((i) => i.sku)).toEqual([...full.items.map((i) => i.sku)].sort());
    for (const s of skus)
      expect(bySku.get(s)).toMatchObject({ sku: s, published: 10, ringFenced: 0, pool: 10 });
    // SKUs with no stock are in the feed too, at 0.
    expect(bySku.get(sku)).toMatchObject({ sku, published: 0, ringFenced: 0, pool: 0 });

    // Nothing happened: nothing changed.
    expect((await sync(code, `&changedSince=${full.token}`)).items).toEqual([]);
    // Stock of B at LON, an order of D, a ring-fence on E: those three. C at AMS is not the channel's.
    await receive('LON', 2, skus[1]);
    await ok(
      h.call('POST', '/v1/orders', {
        orderId: `${sku}-d`,
        lines: [{ sku: skus[3]!, qty: 4, warehouse: 'LON' }],
      }),
    );
    await ok(h.call('POST', '/v1/receipts', { warehouse: 'AMS', lines: [{ sku: skus[2]!, qty: 1 }] }));
    await ok(put({ ringFenced: [{ sku: skus[4]!, warehouse: 'LON', qty: 1 }] }, undefined, `${code}-other`));
    await settle(h.db);
    const changed = await sync(code, `&changedSince=${full.token}`, 2);
    expect(changed.items).toMatchObject([
      { sku: skus[1], published: 12, ringFenced: 0, pool: 12 },
      { sku: skus[3], published: 6, ringFenced: 0, pool: 6 },
      { sku: skus[4], published: 9, ringFenced: 0, pool: 9 },
    ]);
    const next = await sync(code, `&changedSince=${changed.token}`);
    expect(next.items).toEqual([]);
    // Changing the channel's settings changes what it publishes of every SKU.
    await ok(put({ warehouses: ['LON'], bufferUnits: 1 }));
    const all = await sync(code, `&changedSince=${next.token}`);
    expect(all.items.length).toBe(full.items.length);
    expect(all.items.find((i) => i.sku === skus[0])).toMatchObject({
      sku: skus[0],
      published: 9,
      ringFenced: 0,
      pool: 10,
    });
    // A PUT that changes nothing changes nothing.
    await settle(h.db);
    const quiet = await sync(code);
    await ok(put({ warehouses: ['LON'], bufferUnits: 1 }));
    expect((await sync(code, `&changedSince=${quiet.token}`)).items).toEqual([]);
    // Other channels' tokens are transaction horizons too: any token works for any channel.
    expect((await sync(`${code}-other`, `&changedSince=${quiet.token}`)).items).toEqual([]);
  });

  it('exports every SKU as CSV and JSON for marketplace feeds', async () => {
    await receive('LON', 8);
    await ok(put({ bufferPercent: 25, ringFenced: [{ sku, warehouse: 'LON', qty: 2 }] }));
    const get = (path: string) =>
      h.app.inject({
        url: `/v1/channels/${code}/${path}`,
        headers: { authorization: `Bearer ${h.adminKey}` },
      });
    const { items } = await sync();
    const csv = await get('availability.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.body.trimEnd().split('\n');
    expect(lines[0]).toBe('sku,published,ring_fenced,pool,listed,title,price,product');
    expect(lines.slice(1)).toEqual(
      items.map(
        (i) =>
          `${i.sku},${i.published},${i.ringFenced},${i.pool},${i.listed},${i.title},${i.price ?? ''},${i.product ?? ''}`,
      ),
    );
    // 8 - 2 ring-fenced = 6 shared, 25 % of 6 held back (1.5, rounded up to 2): 4 + 2.
    expect(lines).toContain(`${sku},6,2,6,true,${sku},,`);
    expect(typeof csv.headers['stockroom-sync-token']).toBe('string');

    const json = await get('availability.json');
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    const doc = JSON.parse(json.body);
    expect(doc).toEqual({
      channel: code,
      syncToken: expect.any(String),
      syncedAt: h.now().toISOString(),
      items,
    });
    expect(doc.syncToken).toBe(json.headers['stockroom-sync-token']);

    // An incremental feed: only what changed since the token.
    await settle(h.db);
    const since = (await sync()).token;
    await receive('LON', 4);
    await settle(h.db);
    const delta = await get(`availability.csv?changedSince=${since}`);
    expect(delta.body).toBe(
      `sku,published,ring_fenced,pool,listed,title,price,product\n${sku},9,2,10,true,${sku},,\n`,
    );
    const emptyJson = JSON.parse(
      (await get(`availability.json?changedSince=${delta.headers['stockroom-sync-token']}`)).body,
    );
    expect(emptyJson.items).toEqual([]);
  });

  it("carries each SKU's listing on the channel: its own, else its product's, else the SKU", async () => {
    const product = `P-${n}`;
    const [a, b] = [`${sku}-A`, `${sku}-B`];
    await ok(put({ warehouses: ['LON'] }));
    await ok(h.call('PUT', `/v1/products/${product}`, { name: 'Tee', options: ['size'] }));
    for (const [s, size] of [
      [a, 'S'],
      [b, 'M'],
    ] as const) {
      await ok(
        h.call('PUT', `/v1/skus/${s}`, { name: `Tee ${size}`, price: 12, product, options: { size } }),
      );
    }
    const listing = (path: string, body: object) =>
      h.call('PUT', `/v1/channels/${code}/listings/${path}`, body);
    expect((await listing(`products/${product}`, { title: 'Tee on the web', price: 15 })).status).toBe(201);
    expect((await listing(`skus/${b}`, { price: 13, listed: false })).status).toBe(201);
    await settle(h.db);
    const first = await sync();
    const bySku = new Map(first.items.map((i) => [i.sku, i]));
    expect(bySku.get(a)).toMatchObject({ product, title: 'Tee on the web', price: 15, listed: true });
    expect(bySku.get(b)).toMatchObject({ product, title: 'Tee on the web', price: 13, listed: false });
    expect(bySku.get(sku)).toMatchObject({ product: null, title: sku, price: null, listed: true });

    // A listing change is a change for changedSince: the SKU's own, or its product's for all of them.
    expect((await sync(code, `&changedSince=${first.token}`)).items).toEqual([]);
    expect((await listing(`skus/${a}`, { title: 'Small tee' })).status).toBe(201);
    await settle(h.db);
    const one = await sync(code, `&changedSince=${first.token}`);
    expect(one.items).toMatchObject([{ sku: a, title: 'Small tee', price: 15 }]);
    expect((await listing(`products/${product}`, { listed: false })).status).toBe(200);
    await settle(h.db);
    const both = await sync(code, `&changedSince=${one.token}`);
    // B keeps its own price (13) and flag; A falls back to the SKU price now the product has none.
    expect(both.items).toMatchObject([
      { sku: a, title: 'Small tee', price: 12, listed: false },
      { sku: b, title: 'Tee M', price: 13, listed: false },
    ]);
    // Other channels are not affected.
    await ok(put({}, undefined, `${code}-x`));
    expect(await publishedOf(`${code}-x`, b)).toMatchObject({ title: 'Tee M', price: 12, listed: true });

    const unknownChannel = await h.call('PUT', `/v1/channels/nope/listings/skus/${a}`, { listed: true });
    expect(unknownChannel.body.error.code).toBe('unknown_channel');
    expect((await listing('skus/GHOST', { listed: true })).body.error.code).toBe('unknown_sku');
    expect((await listing('products/GHOST', { listed: true })).body.error.code).toBe('unknown_product');
    expect((await listing(`skus/${a}`, { price: -1 })).status).toBe(400);
  });

  it('lets every key read channels and only admins change them', async () => {
    await ok(put({}));
    const key = async (role: string) =>
      (await ok(h.call('POST', '/v1/api-keys', { name: `${role}-${code}`, role }))).body.key as string;
    for (const role of ['storefront', 'operator']) {
      const as = { authorization: `Bearer ${await key(role)}` };
      expect((await h.call('GET', `/v1/channels/${code}`, undefined, as)).status).toBe(200);
      expect((await h.call('GET', '/v1/channels', undefined, as)).status).toBe(200);
      expect((await h.call('GET', `/v1/channels/${code}/availability`, undefined, as)).status).toBe(200);
      const denied = await h.call('PUT', `/v1/channels/${code}`, { name: 'mine' }, as);
      expect([role, denied.status, denied.body.error.code]).toEqual([role, 403, 'forbidden']);
    }
    expect((await h.call('GET', `/v1/channels/${code}`)).body.name).toBe(code);
    const doc = JSON.parse((await h.app.inject({ url: '/openapi.json' })).body);
    for (const path of [
      '/v1/channels',
      '/v1/channels/{code}',
      '/v1/channels/{code}/availability',
      '/v1/channels/{code}/availability.csv',
      '/v1/channels/{code}/availability.json',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths['/v1/channels/{code}'].put.requestBody.content['application/json'].schema).toMatchObject(
      {
        additionalProperties: false,
      },
    );
  });

  it('routes orders of a channel within what it publishes, ring-fenced units first', async () => {
    await receive('LON', 10);
    await receive('AMS', 10);
    // Sells from LON only, holds back 2 units, caps the shared part at 5, ring-fences 3.
    await ok(
      put({ warehouses: ['LON'], bufferUnits: 2, cap: 5, ringFenced: [{ sku, warehouse: 'LON', qty: 3 }] }),
    );
    // LON: 10 - 3 locked = 7 sellable; shared = min(7 - 2, 5) = 5; published 5 + 3 = 8.
    const order = (qty: number, extra: object = {}) =>
      h.call('POST', '/v1/orders', {
        orderId: `${code}-o${qty}-${n++}`,
        channel: code,
        lines: [{ sku, qty }],
        ...extra,
      });
    const movements = async () =>
      (await h.db.query<{ n: number }>('select count(*)::int as n from movements')).rows[0]!.n;

    const before = await movements();
    const tooMany = await order(9);
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error).toMatchObject({
      code: 'insufficient_stock',
      details: { lines: [{ sku, requested: 9, sellable: 8 }] },
    });
    const elsewhere = await h.call('POST', '/v1/orders', {
      orderId: `${code}-ams`,
      channel: code,
      lines: [{ sku, qty: 1, warehouse: 'AMS' }],
    });
    expect(elsewhere.status).toBe(409);
    const unknown = await h.call('POST', '/v1/orders', {
      orderId: `${code}-x`,
      channel: 'nope',
      lines: [{ sku, qty: 1 }],
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'unknown_channel', details: { channels: ['nope'] } });
    expect(await movements()).toBe(before);

    // 4 units: the 3 ring-fenced (S unchanged by them) and 1 shared, all from LON.
    const first = await order(4);
    expect(first.status).toBe(201);
    expect(first.body.allocations).toMatchObject([{ sku, warehouse: 'LON', qty: 4 }]);
    expect(await position('LON')).toMatchObject({ onHand: 10, locked: 0, reserved: 4, sellable: 6 });
    expect((await h.call('GET', `/v1/channels/${code}`)).body.ringFenced).toEqual([]);
    const ledger = (await h.call('GET', `/v1/movements?sku=${sku}&warehouse=LON`)).body.items.slice(-2);
    expect(ledger.map((m: { type: string; qty: number }) => [m.type, m.qty])).toEqual([
      ['unlock', 3],
      ['reserve', 4],
    ]);
    // Shared allowance now min(6 - 2, 5) = 4; the cap and the buffer hold.
    expect((await order(5)).status).toBe(409);
    expect((await order(4)).status).toBe(201);
    expect(await position('LON')).toMatchObject({ reserved: 8, sellable: 2 });
    // An order without channel may still take the buffered units; AMS is untouched.
    expect(
      (
        await h.call('POST', '/v1/orders', {
          orderId: `${code}-plain`,
          lines: [{ sku, qty: 2, warehouse: 'LON' }],
        })
      ).status,
    ).toBe(201);
    expect(await position('AMS')).toMatchObject({ reserved: 0, sellable: 10 });
    expect(await rebuildPositionsFromLedger(h.db)).toEqual(await allPositions(h.db));
  });

  it('loadChannels and takeFromRingFence: a channel order consumes its ring-fence first', async () => {
    await receive('LON', 5);
    await receive('AMS', 4);
    await ok(
      put({ warehouses: ['LON', 'AMS'], bufferUnits: 1, ringFenced: [{ sku, warehouse: 'LON', qty: 2 }] }),
    );
    h.advance(1000);
    await ok(
      put({ warehouses: ['LON', 'AMS'], bufferUnits: 1, ringFenced: [{ sku, warehouse: 'LON', qty: 5 }] }),
    );
    expect(await position('LON')).toMatchObject({ locked: 5, sellable: 0 });

    const loaded = await loadChannels(h.db, [code, 'no-such-channel']);
    expect([...loaded.keys()]).toEqual([code]);
    expect(loaded.get(code)).toMatchObject({ code, warehouses: ['LON', 'AMS'], bufferUnits: 1, cap: null });

    // An order of 7 at LON: 5 ring-fenced there, 2 would come from the shared pool of LON (S 0).
    // An order of 3 at LON and 2 at AMS: 3 ring-fenced, 2 shared out of AMS 4 less a buffer of 1.
    await h.db.transaction(async (tx) => {
      const { limits } = await lockChannelLimits(tx, code, [sku]);
      const l = limits.get(sku)!;
      expect(l).toMatchObject({ pool: 4, buffer: 1, shared: 3, ringFenced: 5, published: 8 });
      expect(splitChannelTake(l, [{ warehouse: 'LON', qty: 7 }]).ok).toBe(false);
      const split = splitChannelTake(l, [
        { warehouse: 'LON', qty: 3 },
        { warehouse: 'AMS', qty: 2 },
      ]);
      expect(split.ok).toBe(true);
      const orderMoves = [];
      for (const line of split.lines) {
        const taken = await takeFromRingFence(tx, code, sku, line.warehouse, line.fromRingFence, {
          at: h.now(),
        });
        expect(taken.taken).toBe(line.fromRingFence);
        orderMoves.push(...taken.moves, moves.reserve({ sku, warehouse: line.warehouse }, line.qty));
      }
      await applyMovements(tx, orderMoves, { at: h.now(), reason: 'order placed', orderId: `${sku}-ch` });
    });
    // LON: L 5 -> 2 and O 3, S unchanged at 0; AMS: O 2, S 4 -> 2.
    expect(await position('LON')).toMatchObject({ onHand: 5, locked: 2, reserved: 3, sellable: 0 });
    expect(await position('AMS')).toMatchObject({ onHand: 4, locked: 0, reserved: 2, sellable: 2 });
    // Oldest lock first: the lock of 2 is used up, the lock of 3 keeps 2.
    const locks = (await h.call('GET', `/v1/locks?sku=${sku}`)).body.items;
    expect(
      locks.map((l: { qty: number; locked: number; active: boolean }) => [l.qty, l.locked, l.active]),
    ).toEqual([
      [2, 0, false],
      [3, 2, true],
    ]);
    expect((await h.call('GET', `/v1/channels/${code}`)).body.ringFenced).toEqual([
      { sku, warehouse: 'LON', qty: 2 },
    ]);
    expect(await publishedOf()).toMatchObject({ sku, published: 3, ringFenced: 2, pool: 2 });

    // More than is ring-fenced takes what there is; none at a position takes nothing.
    await h.db.transaction(async (tx) => {
      const all = await takeFromRingFence(tx, code, sku, 'LON', 10, { at: h.now() });
      expect(all).toMatchObject({ taken: 2, moves: [moves.unlock({ sku, warehouse: 'LON' }, 2)] });
      expect(all.locks.map((l) => l.qty)).toEqual([2]);
      const none = await takeFromRingFence(tx, code, sku, 'AMS', 1, { at: h.now() });
      expect(none).toEqual({ taken: 0, moves: [], locks: [] });
      await applyMovements(tx, [...all.moves, moves.reserve({ sku, warehouse: 'LON' }, 2)], {
        at: h.now(),
        orderId: `${sku}-ch2`,
      });
    });
    expect(await position('LON')).toMatchObject({ locked: 0, reserved: 5, sellable: 0 });
    expect((await h.call('GET', `/v1/locks?sku=${sku}&active=true`)).body.items).toEqual([]);

    await expect(h.db.transaction((tx) => lockChannelLimits(tx, 'no-such-channel', [sku]))).rejects.toThrow(
      DomainError,
    );
    expect(await rebuildPositionsFromLedger(h.db)).toEqual(await allPositions(h.db));
  });
});

describe.skipIf(!pgAdminUrl())('channels racing for the last units on PostgreSQL', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(postgres);
    await seedCatalogue(h, ['RACE', 'BUF']);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const position = async (sku: string) =>
    (await h.call('GET', `/v1/stock/${sku}`)).body.positions[0] as Position;

  it('ring-fence PUTs racing orders never lock and reserve more than on hand', async () => {
    const STOCK = 30;
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'RACE', qty: STOCK }] });
    const CHANNELS = 8;
    const requests: (() => Promise<Reply>)[] = [];
    for (let i = 0; i < 60; i++) {
      requests.push(() =>
        h.call('POST', '/v1/orders', {
          orderId: `race-${i}`,
          lines: [{ sku: 'RACE', qty: 1, warehouse: 'LON' }],
        }),
      );
    }
    for (let round = 0; round < 3; round++) {
      for (let c = 0; c < CHANNELS; c++) {
        const qty = 1 + ((c + round) % 4);
        requests.push(() =>
          h.call('PUT', `/v1/channels/race-${c}`, {
            name: `race ${c}`,
            ringFenced: [{ sku: 'RACE', warehouse: 'LON', qty }],
          }),
        );
      }
    }
    // Interleave: orders and PUTs start in a mixed order.
    const order = requests.map((_, i) => (i * 37) % requests.length);
    const replies = await Promise.all(order.map((i) => requests[i]!()));
    const expected = (r: Reply) =>
      r.status === 200 ||
      r.status === 201 ||
      (r.status === 409 && r.body.error.code === 'insufficient_stock');
    expect(
      replies.filter((r) => !expected(r)),
      JSON.stringify(summarise(replies)),
    ).toEqual([]);
    const pos = await position('RACE');
    expect(pos.locked + pos.reserved).toBeLessThanOrEqual(STOCK);
    expect(pos.sellable).toBeGreaterThanOrEqual(0);
    const reservedByOrders = replies.filter((r, i) => order[i]! < 60 && r.status === 201).length;
    expect(pos.reserved).toBe(reservedByOrders);
    let ringFenced = 0;
    for (let c = 0; c < CHANNELS; c++) {
      const ch = await h.call('GET', `/v1/channels/race-${c}`);
      if (ch.status === 200)
        ringFenced += ch.body.ringFenced.reduce((s: number, r: { qty: number }) => s + r.qty, 0);
    }
    expect(pos.locked).toBe(ringFenced);
    expect(await rebuildPositionsFromLedger(h.db)).toEqual(await allPositions(h.db));
  }, 300_000);

  it('channel orders through POST /v1/orders never take more than the channel publishes', async () => {
    // 23 at LON, 3 ring-fenced for the channel, a buffer of 5: it publishes 20 - 5 + 3 = 18.
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'BUF', qty: 23 }] });
    const put = await h.call('PUT', '/v1/channels/buffered', {
      name: 'buffered',
      bufferUnits: 5,
      ringFenced: [{ sku: 'BUF', warehouse: 'LON', qty: 3 }],
    });
    expect(put.status).toBe(201);
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        h.call('POST', '/v1/orders', {
          orderId: `buf-${i}`,
          channel: 'buffered',
          lines: [{ sku: 'BUF', qty: i % 3 === 0 ? 2 : 1 }],
        }),
      ),
    );
    const outcome = summarise(replies);
    expect(Object.keys(outcome).sort(), JSON.stringify(outcome)).toEqual(['201', '409 insufficient_stock']);
    const units = replies.reduce((n, r, i) => n + (r.status === 201 ? (i % 3 === 0 ? 2 : 1) : 0), 0);
    // Every unit the channel publishes is sold, or one is left that no 2-unit order could take.
    expect(units).toBeGreaterThanOrEqual(17);
    expect(units).toBeLessThanOrEqual(18);
    const pos = await position('BUF');
    expect(pos).toMatchObject({ onHand: 23, locked: 0, reserved: units, sellable: 23 - units });
    expect(pos.sellable, 'the buffer was never sold').toBeGreaterThanOrEqual(5);
    expect((await h.call('GET', '/v1/channels/buffered')).body.ringFenced).toEqual([]);
    expect(await rebuildPositionsFromLedger(h.db)).toEqual(await allPositions(h.db));
  }, 300_000);
});
