/**
 * API keys over their life: revocation bites at once on the process that revoked it, expiry
 * (a clear 401), last use recorded at most once a minute per key, and rotation with a grace
 * period for the old key. Time is the harness's injected clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeApiKey } from '../../src/app/api-keys.ts';
import { buildServer } from '../../src/http/server.ts';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

describe.each(backends())('API key lifecycle on $name', (backend) => {
  let h: Harness;
  const get = async (key: string, url = '/v1/skus') => {
    const res = await h.app.inject({ url, headers: { authorization: `Bearer ${key}` } });
    return { status: res.statusCode, body: JSON.parse(res.body) };
  };
  const make = async (body: object) => {
    const r = await h.call('POST', '/v1/api-keys', body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { id: string; key: string; expiresAt: string | null };
  };
  const listed = async (id: string) =>
    (await h.call('GET', '/v1/api-keys')).body.items.find((k: { id: string }) => k.id === id);

  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, ['MUG']);
  });
  afterAll(() => h.close());

  it('stops a revoked key at once on this process, though its lookup was cached a moment ago', async () => {
    const k = await make({ name: 'temp', role: 'operator' });
    expect((await get(k.key)).status).toBe(200);
    expect((await get(k.key)).status).toBe(200); // now from the cache
    expect((await h.call('DELETE', `/v1/api-keys/${k.id}`)).status).toBe(200);
    const after = await get(k.key);
    expect(after.status).toBe(401);
    expect(after.body.error).toEqual({
      code: 'unauthenticated',
      message: 'this API key is unknown or revoked',
    });
  });

  it('evicts a key revoked outside HTTP (the CLI, a use case) from every server of the process', async () => {
    const k = await make({ name: 'temp2', role: 'storefront' });
    const other = await buildServer(h.ctx);
    try {
      const ask = async () =>
        (await other.inject({ url: '/v1/availability/MUG', headers: { authorization: `Bearer ${k.key}` } }))
          .statusCode;
      expect(await ask()).toBe(200);
      await revokeApiKey(h.ctx, k.id);
      expect(await ask()).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('lets a key expire, with a clear message, even while its lookup is cached', async () => {
    const at = new Date(h.now().getTime() + 60_000).toISOString();
    const k = await make({ name: 'short-lived', role: 'operator', expiresAt: at });
    expect(k.expiresAt).toBe(at);
    expect((await get(k.key)).status).toBe(200);
    h.advance(60_000);
    const expired = await get(k.key);
    expect(expired.status).toBe(401);
    expect(expired.body.error).toEqual({
      code: 'unauthenticated',
      message: `this API key expired at ${at}`,
      details: { expiredAt: at },
    });
    // A fresh lookup (another server, no cache) says the same.
    const fresh = await buildServer(h.ctx);
    const res = await fresh.inject({ url: '/v1/skus', headers: { authorization: `Bearer ${k.key}` } });
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body).error.message).toBe(`this API key expired at ${at}`);
    await fresh.close();
  });

  it('refuses an expiry that is not in the future, creating nothing', async () => {
    const before = (await h.call('GET', '/v1/api-keys')).body.items.length;
    for (const expiresAt of [h.now().toISOString(), '2001-01-01T00:00:00Z']) {
      const r = await h.call('POST', '/v1/api-keys', { name: 'x', role: 'operator', expiresAt });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('invalid_request');
    }
    const bad = await h.call('POST', '/v1/api-keys', { name: 'x', role: 'operator', expiresAt: 'tomorrow' });
    expect(bad.status).toBe(400);
    expect((await h.call('GET', '/v1/api-keys')).body.items.length).toBe(before);
  });

  it('records the last use at most once a minute per key', async () => {
    const k = await make({ name: 'used', role: 'operator' });
    expect((await listed(k.id)).lastUsedAt).toBeNull();
    const first = h.now().toISOString();
    await get(k.key);
    await h.app.keyUsage.flush();
    expect((await listed(k.id)).lastUsedAt).toBe(first);
    h.advance(30_000);
    for (let i = 0; i < 5; i++) await get(k.key);
    await h.app.keyUsage.flush();
    expect((await listed(k.id)).lastUsedAt).toBe(first);
    h.advance(31_000);
    const later = h.now().toISOString();
    await get(k.key);
    await h.app.keyUsage.flush();
    expect((await listed(k.id)).lastUsedAt).toBe(later);
  });

  it('rotates a key: a new secret now, the old one working until the grace period ends', async () => {
    const old = await make({ name: 'shop front', role: 'storefront' });
    const r = await h.call('POST', `/v1/api-keys/${old.id}/rotate`, { gracePeriodSeconds: 300 });
    expect(r.status).toBe(201);
    const graceEnds = new Date(h.now().getTime() + 300_000).toISOString();
    expect(r.body.key).toMatchObject({
      name: 'shop front',
      role: 'storefront',
      expiresAt: null,
      revokedAt: null,
    });
    expect(r.body.key.key).toMatch(/^sr_/);
    expect(r.body.key.key).not.toBe(old.key);
    expect(r.body.previous).toMatchObject({ id: old.id, expiresAt: graceEnds, replacedBy: r.body.key.id });
    expect(r.body.previous).not.toHaveProperty('key');
    expect((await get(old.key, '/v1/availability/MUG')).status).toBe(200);
    expect((await get(r.body.key.key, '/v1/availability/MUG')).status).toBe(200);
    h.advance(299_000);
    expect((await get(old.key, '/v1/availability/MUG')).status).toBe(200);
    h.advance(1_000);
    const ended = await get(old.key, '/v1/availability/MUG');
    expect(ended.status).toBe(401);
    expect(ended.body.error.message).toBe(`this API key expired at ${graceEnds}`);
    expect((await get(r.body.key.key, '/v1/availability/MUG')).status).toBe(200);
    // The old key was rotated: rotate its replacement instead.
    const again = await h.call('POST', `/v1/api-keys/${old.id}/rotate`);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'invalid_state', details: { state: 'rotated' } });
  });

  it('rotates without grace (the old key stops now), keeps the warehouses, and can set an expiry', async () => {
    await h.call('PUT', '/v1/warehouses/LON', { name: 'LON', region: 'uk' });
    const old = await make({ name: 'scanner', role: 'operator', warehouses: ['LON'] });
    expect((await get(old.key)).status).toBe(200);
    const expiresAt = new Date(h.now().getTime() + 86_400_000).toISOString();
    const r = await h.call('POST', `/v1/api-keys/${old.id}/rotate`, { expiresAt });
    expect(r.status).toBe(201);
    expect(r.body.key).toMatchObject({ role: 'operator', warehouses: ['LON'], expiresAt });
    expect((await get(old.key)).status).toBe(401);
    expect((await get(r.body.key.key)).status).toBe(200);
  });

  it('refuses to rotate unknown or revoked keys and bad bodies, changing nothing', async () => {
    expect((await h.call('POST', '/v1/api-keys/key_nope/rotate')).body.error.code).toBe('unknown_api_key');
    const k = await make({ name: 'gone', role: 'operator' });
    await h.call('DELETE', `/v1/api-keys/${k.id}`);
    const revoked = await h.call('POST', `/v1/api-keys/${k.id}/rotate`);
    expect(revoked.status).toBe(409);
    expect(revoked.body.error.details.state).toBe('revoked');
    const live = await make({ name: 'live', role: 'operator' });
    const count = (await h.call('GET', '/v1/api-keys')).body.items.length;
    for (const body of [{ gracePeriodSeconds: -1 }, { gracePeriodSeconds: 1.5 }, { graceSeconds: 5 }]) {
      const r = await h.call('POST', `/v1/api-keys/${live.id}/rotate`, body);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('invalid_request');
    }
    expect((await h.call('GET', '/v1/api-keys')).body.items.length).toBe(count);
    expect((await listed(live.id)).replacedBy).toBeNull();
    expect((await get(live.key)).status).toBe(200);
  });

  it('lets only admin keys rotate', async () => {
    const op = await make({ name: 'op', role: 'operator' });
    const res = await h.app.inject({
      method: 'POST',
      url: `/v1/api-keys/${op.id}/rotate`,
      headers: { authorization: `Bearer ${op.key}` },
    });
    expect(res.statusCode).toBe(403);
  });
});
