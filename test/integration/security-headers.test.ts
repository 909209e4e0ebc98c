/**
 * Helmet's security headers on the dashboard, with a Content-Security-Policy that allows only
 * this origin's scripts, styles and API, forbids framing, and never rewrites http to https;
 * Swagger UI at /docs gets the same policy but for its inline styles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.ts';
import { startHarness, type Harness } from '../helpers/harness.ts';

const directives = (csp: string | undefined) =>
  Object.fromEntries(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name, values]),
  );

describe.each(backends())('security headers on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
  });
  afterAll(async () => h?.close());

  it('sends the dashboard and its client-side routes with a strict policy', async () => {
    for (const url of ['/', '/skus/MUG']) {
      const res = await h.app.inject({ url, headers: { accept: 'text/html' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      const csp = directives(res.headers['content-security-policy'] as string);
      expect(csp['script-src']).toEqual(["'self'"]);
      expect(csp['style-src']).toEqual(["'self'"]);
      expect(csp['connect-src']).toEqual(["'self'"]);
      expect(csp['frame-ancestors']).toEqual(["'none'"]);
      expect(csp['upgrade-insecure-requests']).toBeUndefined();
    }
  });

  it('sends the API answers with the same headers', async () => {
    const res = await h.app.inject({ url: '/v1/skus', headers: { authorization: `Bearer ${h.adminKey}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('sends the same headers on refusals and unknown routes, and pins HTTPS for 180 days', async () => {
    const refused = await h.app.inject({ url: '/v1/skus' });
    expect(refused.statusCode).toBe(401);
    const unknown = await h.app.inject({
      url: '/v1/no-such-route',
      headers: { authorization: `Bearer ${h.adminKey}` },
    });
    expect(unknown.statusCode).toBe(404);
    for (const res of [refused, unknown]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toBe(`max-age=${180 * 86_400}`);
      expect(directives(res.headers['content-security-policy'] as string)['frame-ancestors']).toEqual([
        "'none'",
      ]);
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('gives Swagger UI the same policy but for its inline styles', async () => {
    const res = await h.app.inject({ url: '/docs/' });
    expect(res.statusCode).toBe(200);
    const csp = directives(res.headers['content-security-policy'] as string);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['upgrade-insecure-requests']).toBeUndefined();
  });
});
