/**
 * Request budgets: failed authentications per client IP (a key guesser is slowed to the budget,
 * and then cannot even tell a right guess from a wrong one), requests per key, and a lower
 * budget for storefront keys. Over budget: 429 rate_limited with Retry-After. Each test builds
 * its own server on the harness's database with small budgets (the defaults are far higher).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/app/api-keys.ts';
import { DEFAULT_RATE_LIMITS, loadRateLimits, type RateLimitConfig } from '../../src/config.ts';
import { buildServer } from '../../src/http/server.ts';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

describe.each(backends())('rate limits on $name', (backend) => {
  let h: Harness;
  let app: FastifyInstance | null = null;
  const serve = async (limits: Partial<RateLimitConfig>) => {
    app = await buildServer(h.ctx, { rateLimits: { ...DEFAULT_RATE_LIMITS, ...limits } });
    return app;
  };
  const ask = async (
    server: FastifyInstance,
    key: string,
    options: { url?: string; ip?: string } = {},
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ): Promise<{ status: number; headers: Record<string, unknown>; body: any }> => {
    const res = await server.inject({
      url: options.url ?? '/v1/availability/MUG',
      headers: { authorization: `Bearer ${key}` },
      remoteAddress: options.ip ?? '203.0.113.7',
    });
    return { status: res.statusCode, headers: res.headers, body: JSON.parse(res.body) };
  };

  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, ['MUG']);
  });
  afterEach(async () => {
    await app?.close();
    app = null;
  });
  afterAll(() => h.close());

  it('counts guesses at GET /metrics (which checks its own token) in the same budget', async () => {
    const server = await serve({ authFailuresPerIp: 5 });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push(
        (await ask(server, `sr_metrics_guess_${i}`, { url: '/metrics', ip: '203.0.113.9' })).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    // ... and the rest of the API refuses that address too.
    expect((await ask(server, 'sr_other', { ip: '203.0.113.9' })).status).toBe(429);
  });

  it('slows a key guesser from one IP to its budget of failures, then refuses every key it sends', async () => {
    const server = await serve({ authFailuresPerIp: 10 });
    const { key } = await createApiKey(h.ctx, { name: 'real', role: 'operator' });
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await ask(server, `sr_guess_${i}`)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(15).fill(429));
    const limited = await ask(server, 'sr_guess_more');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.body.error.details).toEqual({ retryAfterSeconds: retryAfter });
    // A right guess from the blocked address is not told apart from a wrong one.
    expect((await ask(server, key)).status).toBe(429);
    // Other addresses, and their good keys, are unaffected.
    expect((await ask(server, key, { ip: '198.51.100.9' })).status).toBe(200);
    expect((await ask(server, 'sr_wrong', { ip: '198.51.100.9' })).status).toBe(401);
  });

  it('never charges a good key for the failures of others, nor counts requests without a key', async () => {
    const server = await serve({ authFailuresPerIp: 3 });
    const { key } = await createApiKey(h.ctx, { name: 'good', role: 'operator' });
    for (let i = 0; i < 20; i++) expect((await ask(server, key)).status).toBe(200);
    for (let i = 0; i < 5; i++) {
      const res = await server.inject({ url: '/v1/skus', remoteAddress: '203.0.113.7' });
      expect(res.statusCode).toBe(401);
    }
    expect((await ask(server, key)).status).toBe(200);
  });

  it('gives a storefront key its own, lower budget; other keys are unaffected', async () => {
    const server = await serve({ requestsPerKey: 40, requestsPerStorefrontKey: 5 });
    const shop = (await createApiKey(h.ctx, { name: 'shop', role: 'storefront' })).key;
    const otherShop = (await createApiKey(h.ctx, { name: 'shop 2', role: 'storefront' })).key;
    const ops = (await createApiKey(h.ctx, { name: 'ops', role: 'operator' })).key;
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await ask(server, shop)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    const over = await ask(server, shop, { ip: '198.51.100.20' });
    expect(over.status).toBe(429);
    expect(over.body.error).toMatchObject({
      code: 'rate_limited',
      details: { limit: 5, role: 'storefront' },
    });
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(over.body.error.details.retryAfterSeconds).toBe(Number(over.headers['retry-after']));
    // The budget is the key's, not the address's: another key from the same address goes on.
    expect((await ask(server, otherShop)).status).toBe(200);
    for (let i = 0; i < 20; i++) expect((await ask(server, ops)).status).toBe(200);
    // Public routes are not counted.
    expect((await server.inject({ url: '/health', remoteAddress: '203.0.113.7' })).statusCode).toBe(200);
  });

  it('limits admin and operator keys per key too', async () => {
    const server = await serve({ requestsPerKey: 3 });
    const ops = (await createApiKey(h.ctx, { name: 'busy', role: 'operator' })).key;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await ask(server, ops, { url: '/v1/skus' })).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect((await ask(server, h.adminKey, { url: '/v1/skus' })).status).toBe(200);
  });

  it('reads its budgets from the environment; 0 turns a limit off', async () => {
    expect(loadRateLimits({})).toEqual(DEFAULT_RATE_LIMITS);
    expect(
      loadRateLimits({
        STOCKROOM_RATE_LIMIT_AUTH_FAILURES: '0',
        STOCKROOM_RATE_LIMIT_PER_KEY: '100',
        STOCKROOM_RATE_LIMIT_PER_STOREFRONT_KEY: '7',
      }),
    ).toMatchObject({ authFailuresPerIp: 0, requestsPerKey: 100, requestsPerStorefrontKey: 7 });
    expect(() => loadRateLimits({ STOCKROOM_RATE_LIMIT_PER_KEY: 'lots' })).toThrow(/whole number/);
    const server = await serve({ authFailuresPerIp: 0, requestsPerStorefrontKey: 0 });
    const shop = (await createApiKey(h.ctx, { name: 'unlimited shop', role: 'storefront' })).key;
    for (let i = 0; i < 40; i++) expect((await ask(server, `sr_guess_${i}`)).status).toBe(401);
    for (let i = 0; i < 40; i++) expect((await ask(server, shop)).status).toBe(200);
  });
});
