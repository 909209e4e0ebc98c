/**
 * The per-process cache of single-SKU availability answers (src/app/availability-cache.ts):
 * repeated reads are answered from memory, any write of this process retires them at once,
 * another process's writes are seen within the time to live, and a caller asking for an event
 * is never answered from it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/app/api-keys.ts';
import { AvailabilityCache } from '../../src/app/availability-cache.ts';
import { createContext } from '../../src/app/create-context.ts';
import { SYSTEM_ACTOR } from '../../src/app/context.ts';
import { receiveGoods } from '../../src/app/stock.ts';
import { loadConfig } from '../../src/config.ts';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

interface Read {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  source: string | undefined;
}

async function read(h: Harness, url: string, headers: Record<string, string> = {}): Promise<Read> {
  const res = await h.app.inject({
    method: 'GET',
    url,
    headers: { authorization: `Bearer ${h.adminKey}`, ...headers },
  });
  return {
    status: res.statusCode,
    body: res.body ? JSON.parse(res.body) : undefined,
    source: res.headers['stockroom-read-source'] as string | undefined,
  };
}

/** A controllable monotonic clock for the cache's time to live. */
function manualClock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('AvailabilityCache', () => {
  it('serves a stored answer until its time to live has passed since its read began', async () => {
    const clock = manualClock();
    const cache = new AvailabilityCache<number>({ ttlMs: 100, now: clock.now });
    let reads = 0;
    const source = async () => ++reads;
    expect(await cache.get('k', source)).toEqual({ value: 1, cached: false });
    clock.advance(99);
    expect(await cache.get('k', source)).toEqual({ value: 1, cached: true });
    clock.advance(1);
    expect(await cache.get('k', source)).toEqual({ value: 2, cached: false });
    expect(reads).toBe(2);
  });

  it('does not store an answer when something that may change stock completed during its read', async () => {
    const cache = new AvailabilityCache<string>({ ttlMs: 1_000, now: manualClock().now });
    const during = await cache.get('k', async () => {
      cache.invalidate();
      return 'read before the write';
    });
    expect(during.cached).toBe(false);
    expect(cache.size).toBe(0);
    expect(await cache.get('k', async () => 'after')).toEqual({ value: 'after', cached: false });
  });

  it('retires every stored answer when something may have changed stock', async () => {
    const cache = new AvailabilityCache<string>({ ttlMs: 1_000, now: manualClock().now });
    await cache.get('a', async () => 'a1');
    await cache.get('b', async () => 'b1');
    cache.invalidate();
    expect(await cache.get('a', async () => 'a2')).toEqual({ value: 'a2', cached: false });
    expect(await cache.get('b', async () => 'b2')).toEqual({ value: 'b2', cached: false });
  });

  it('shares one read among concurrent misses of a key, but not across a write', async () => {
    const cache = new AvailabilityCache<number>({ ttlMs: 1_000, now: manualClock().now });
    let reads = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = async () => {
      const n = ++reads;
      await gate;
      return n;
    };
    const first = cache.get('k', slow);
    const joined = cache.get('k', slow);
    cache.invalidate();
    const afterWrite = cache.get('k', slow);
    release();
    expect(await first).toEqual({ value: 1, cached: false });
    expect(await joined).toEqual({ value: 1, cached: true });
    expect(await afterWrite).toEqual({ value: 2, cached: false });
    expect(reads).toBe(2);
  });

  it('stores no failure, and tells the failure to each caller that shared the read', async () => {
    const cache = new AvailabilityCache<number>({ ttlMs: 1_000, now: manualClock().now });
    const failing = async () => {
      await Promise.resolve();
      throw new Error('unknown SKU');
    };
    const results = await Promise.allSettled([cache.get('k', failing), cache.get('k', failing)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(cache.size).toBe(0);
    expect(await cache.get('k', async () => 7)).toEqual({ value: 7, cached: false });
  });

  it('keeps at most maxEntries keys, dropping the least recently used', async () => {
    const cache = new AvailabilityCache<string>({ ttlMs: 1_000, maxEntries: 2, now: manualClock().now });
    await cache.get('a', async () => 'a');
    await cache.get('b', async () => 'b');
    expect((await cache.get('a', async () => 'a again')).cached).toBe(true);
    await cache.get('c', async () => 'c');
    expect(cache.size).toBe(2);
    expect((await cache.get('a', async () => 'a again')).cached).toBe(true);
    expect(await cache.get('b', async () => 'b again')).toEqual({ value: 'b again', cached: false });
  });

  it('reads through every time when its time to live is 0 (turned off)', async () => {
    const cache = new AvailabilityCache<number>({ ttlMs: 0 });
    let reads = 0;
    await cache.get('k', async () => ++reads);
    expect(await cache.get('k', async () => ++reads)).toEqual({ value: 2, cached: false });
    expect(cache.size).toBe(0);
  });
});

describe('STOCKROOM_AVAILABILITY_CACHE', () => {
  it('is 250 ms unless set, takes a duration, 0 turns it off, and refuses anything else', () => {
    expect(loadConfig({}).availabilityCacheMs).toBe(250);
    expect(loadConfig({ STOCKROOM_AVAILABILITY_CACHE: '1s' }).availabilityCacheMs).toBe(1_000);
    expect(loadConfig({ STOCKROOM_AVAILABILITY_CACHE: '0' }).availabilityCacheMs).toBe(0);
    expect(() => loadConfig({ STOCKROOM_AVAILABILITY_CACHE: 'soon' })).toThrow(
      /STOCKROOM_AVAILABILITY_CACHE/,
    );
  });
});

describe.each(backends())('GET /v1/availability/{sku} from the cache on $name', (backend) => {
  let h: Harness;
  const clock = manualClock();
  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, ['MUG', 'TEE']);
    for (const [method, path, body] of [
      ['PUT', '/v1/regions/uk', { name: 'United Kingdom', countries: ['GB'] }],
      ['PUT', '/v1/warehouses/LON/regions', { regions: [{ region: 'uk', deliveryDays: 1 }] }],
    ] as const) {
      const r = await h.call(method, path, body);
      if (r.status >= 300) throw new Error(JSON.stringify(r.body));
    }
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 10 }] });
  });
  afterEach(() => {
    h.ctx.availabilityCache = new AvailabilityCache({ ttlMs: 250, now: clock.now });
  });
  afterAll(() => h?.close());

  it('answers a repeated read from memory, with the same body, and says so', async () => {
    h.ctx.availabilityCache = new AvailabilityCache({ ttlMs: 250, now: clock.now });
    const first = await read(h, '/v1/availability/MUG');
    const second = await read(h, '/v1/availability/MUG');
    expect(first).toMatchObject({ status: 200, source: 'primary', body: { sku: 'MUG', sellable: 10 } });
    expect(second).toMatchObject({ status: 200, source: 'cache' });
    expect(second.body).toEqual(first.body);
    const metrics = await h.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${h.adminKey}` },
    });
    expect(metrics.body).toMatch(/stockroom_reads_total\{use_case="availability",source="cache"\} [1-9]/);
  });

  it("reads the database again right after this service's own write (an order's 2xx)", async () => {
    h.ctx.availabilityCache = new AvailabilityCache({ ttlMs: 250, now: clock.now });
    expect((await read(h, '/v1/availability/MUG')).body.sellable).toBe(10);
    expect((await read(h, '/v1/availability/MUG')).source).toBe('cache');
    const order = await h.call('POST', '/v1/orders', { orderId: 'cache-1', lines: [{ sku: 'MUG', qty: 3 }] });
    expect(order.status).toBe(201);
    const after = await read(h, '/v1/availability/MUG');
    expect(after).toMatchObject({ source: 'primary', body: { sellable: 7 } });
    await h.call('POST', '/v1/orders/cache-1/cancel');
    expect((await read(h, '/v1/availability/MUG')).body.sellable).toBe(10);
  });

  it('sees a use case run in this process at once (the expiry and lock loops write this way)', async () => {
    h.ctx.availabilityCache = new AvailabilityCache({ ttlMs: 250, now: clock.now });
    await read(h, '/v1/availability/MUG');
    await receiveGoods(h.ctx, { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 1 }] }, { actor: SYSTEM_ACTOR });
    expect(await read(h, '/v1/availability/MUG')).toMatchObject({
      source: 'primary',
      body: { sellable: 11 },
    });
  });

  it("keeps its answers while requests only read: a new key's lookup and last use, the event log", async () => {
    const shop = (await createApiKey(h.ctx, { name: 'cache shop', role: 'storefront' })).key;
    h.ctx.availabilityCache = new AvailabilityCache({ ttlMs: 250, now: clock.now });
    const first = await read(h, '/v1/availability/MUG');
    expect(first.source).toBe('primary');
    // The key's first request looks it up and records its use; the log is read as a live
    // stream polls it. None of these can change stock.
    expect((await read(h, '/v1/availability/TEE', { authorization: `Bearer ${shop}` })).status).toBe(200);
    await h.app.keyUsage.flush();
    expect((await read(h, '/v1/events?after=0')).status).toBe(200);
    expect(await read(h, '/v1/availability/MUG')).toMatchObject({ source: 'cache', body: first.body });
  });

  it("sees another process's write once the time to live has passed, not before", async () => {
    h.ctx.availabilityCache = new AvailabilityCache({ ttlMs: 250, now: clock.now });
    const before = (await read(h, '/v1/availability/MUG')).body.sellable as number;
    const elsewhere = createContext(h.underlying, { clock: h.ctx.clock });
    await receiveGoods(
      elsewhere,
      { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 2 }] },
      { actor: SYSTEM_ACTOR },
    );
    clock.advance(249);
    expect(await read(h, '/v1/availability/MUG')).toMatchObject({
      source: 'cache',
      body: { sellable: before },
    });
    clock.advance(1);
    expect(await read(h, '/v1/availability/MUG')).toMatchObject({
      source: 'primary',
      body: { sellable: before + 2 },
    });
  });

  it('never answers a caller that names an event from memory', async () => {
    h.ctx.availabilityCache = new AvailabilityCache({ ttlMs: 250, now: clock.now });
    await read(h, '/v1/availability/MUG');
    for (let i = 0; i < 2; i++) {
      const r = await read(h, '/v1/availability/MUG', { 'stockroom-min-event': '0' });
      expect(r).toMatchObject({ status: 200, source: 'primary' });
    }
    expect((await read(h, '/v1/availability/MUG')).source).toBe('cache');
  });

  it('keeps apart answers for different places, look-aheads and days', async () => {
    h.ctx.availabilityCache = new AvailabilityCache({ ttlMs: 250, now: clock.now });
    const plain = await read(h, '/v1/availability/MUG');
    const uk = await read(h, '/v1/availability/MUG?region=uk');
    expect(uk).toMatchObject({ source: 'primary', body: { region: 'uk' } });
    expect(uk.body.options[0].deliveryDays).toBe(1);
    expect(plain.body.region).toBeNull();
    expect((await read(h, '/v1/availability/MUG?region=uk')).source).toBe('cache');
    expect((await read(h, '/v1/availability/MUG?committedDays=0')).source).toBe('primary');
    expect((await read(h, '/v1/availability/MUG?country=GB')).source).toBe('primary');
    h.advance(86_400_000);
    expect((await read(h, '/v1/availability/MUG')).source).toBe('primary');
  });

  it('never stores a refusal: an unknown SKU is asked of the database each time', async () => {
    h.ctx.availabilityCache = new AvailabilityCache({ ttlMs: 250, now: clock.now });
    for (let i = 0; i < 2; i++) {
      const r = await read(h, '/v1/availability/NOPE');
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('unknown_sku');
    }
    expect(h.ctx.availabilityCache.size).toBe(0);
    // A storefront that asked too early gets the SKU as soon as it exists.
    await h.call('PUT', '/v1/skus/NOPE', { name: 'Now it exists', price: 1 });
    expect(await read(h, '/v1/availability/NOPE')).toMatchObject({ status: 200, body: { sellable: 0 } });
  });

  it('answers from the database every time when turned off', async () => {
    h.ctx.availabilityCache = new AvailabilityCache({ ttlMs: 0 });
    for (let i = 0; i < 3; i++) expect((await read(h, '/v1/availability/MUG')).source).toBe('primary');
  });
});
