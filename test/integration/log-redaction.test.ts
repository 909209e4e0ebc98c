/**
 * Nothing secret in the access log (issue 22): requests carrying unsubscribe tokens in their
 * path, keys in their query and Authorization headers go through a server whose logger writes
 * to a captured stream; the captured log must not contain any of the secret values.
 */
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.ts';
import { redactUrl } from '../../src/http/logging.ts';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

describe('redactUrl', () => {
  it.each([
    ['/v1/back-in-stock-subscriptions/abcDEF0123456789xyz', '/v1/back-in-stock-subscriptions/[redacted]'],
    [
      '/v1/back-in-stock-subscriptions/abcDEF0123456789xyz/unsubscribe',
      '/v1/back-in-stock-subscriptions/[redacted]/unsubscribe',
    ],
    ['/v1/back-in-stock-subscriptions?sku=MUG', '/v1/back-in-stock-subscriptions?sku=MUG'],
    ['/v1/orders?token=s3cret&limit=5', '/v1/orders?token=[redacted]&limit=5'],
    ['/v1/orders?API_KEY=s3cret', '/v1/orders?API_KEY=[redacted]'],
    ['/v1/orders?api%5Fkey=s3cret', '/v1/orders?api%5Fkey=[redacted]'],
    ['/v1/orders?note=sr_abcdefghijklmnop', '/v1/orders?note=[redacted]'],
    ['/v1/orders/o-1', '/v1/orders/o-1'],
  ])('%s -> %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});

describe.each(backends())('the access log on $name', (backend) => {
  let h: Harness;
  let app: FastifyInstance;
  let log = '';

  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, ['MUG']);
    const capture = new Writable({
      write(chunk: Buffer, _enc, done) {
        log += chunk.toString('utf8');
        done();
      },
    });
    app = await buildServer(h.ctx, { logger: { level: 'trace', stream: capture } });
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  it('shows no unsubscribe token, API key or token-like query value', async () => {
    const send = (
      method: 'GET' | 'POST' | 'DELETE',
      url: string,
      headers: Record<string, string> = {},
      payload?: object,
    ) =>
      app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${h.adminKey}`, ...headers },
        ...(payload ? { payload } : {}),
      });

    const storefront = (
      await send('POST', '/v1/api-keys', {}, { name: 'shop', role: 'storefront' })
    ).json() as { key: string };
    const subscribed = await send(
      'POST',
      '/v1/back-in-stock-subscriptions',
      {},
      { sku: 'MUG', contact: { email: 'a@example.com' } },
    );
    expect(subscribed.statusCode).toBe(201);
    const { unsubscribeToken } = subscribed.json() as { unsubscribeToken: string };
    const second = (
      await send(
        'POST',
        '/v1/back-in-stock-subscriptions',
        {},
        { sku: 'MUG', contact: { email: 'b@example.com' } },
      )
    ).json() as { unsubscribeToken: string };

    expect(
      (
        await app.inject({
          method: 'GET',
          url: `/v1/back-in-stock-subscriptions/${unsubscribeToken}/unsubscribe`,
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await app.inject({
          method: 'DELETE',
          url: `/v1/back-in-stock-subscriptions/${second.unsubscribeToken}`,
        })
      ).statusCode,
    ).toBe(200);
    await app.inject({
      method: 'GET',
      url: '/v1/back-in-stock-subscriptions/nosuchtokenAAAAAAAAAAA/unsubscribe',
    });
    await send('GET', '/v1/stock/MUG?token=query-secret-1&api_key=query-secret-2');
    await send('GET', '/v1/skus', { authorization: `Bearer ${storefront.key}` });
    await app.inject({
      method: 'GET',
      url: '/v1/skus',
      headers: { authorization: 'Bearer sr_wrongwrongwrongwrong' },
    });

    // The log is there and has the requests in it...
    expect(log).toContain('/v1/back-in-stock-subscriptions/[redacted]/unsubscribe');
    expect(log).toContain('token=[redacted]');
    // ...and not one secret.
    for (const secret of [
      unsubscribeToken,
      second.unsubscribeToken,
      'nosuchtokenAAAAAAAAAAA',
      'query-secret-1',
      'query-secret-2',
      h.adminKey,
      storefront.key,
      'sr_wrongwrongwrongwrong',
    ]) {
      expect(log.includes(secret), `the log holds ${secret}`).toBe(false);
    }
  });

  it('censors credential headers when a request is logged with its headers', async () => {
    app.log.info(
      { headers: { authorization: `Bearer ${h.adminKey}`, cookie: 'session=c00kie-secret' } },
      'with headers',
    );
    expect(log).toContain('with headers');
    expect(log.includes(h.adminKey)).toBe(false);
    expect(log.includes('c00kie-secret')).toBe(false);
  });
});
