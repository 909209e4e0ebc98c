/**
 * Back-in-stock: subscribers are notified once each, in subscription order, at most
 * ceil(multiple x sellable) per announcement, by region; unsubscribe by token without a key;
 * email through a real local SMTP server; webhooks to a real receiver that checks signatures;
 * retries; bad input refused with stable codes and nothing changed.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpWebhookSender, smtpEmailSender } from '../../src/app/back-in-stock-delivery.ts';
import { announcePass, deliverDue, type NotifierOptions } from '../../src/app/back-in-stock-notifier.ts';
import { sequencePass } from '../../src/app/events.ts';
import { verifySignature } from '../../src/domain/signing.ts';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

interface Hook {
  path: string;
  body: Record<string, unknown>;
  verified: boolean;
}

describe.each(backends())('back in stock on $name', (backend) => {
  let h: Harness;
  let receiver: Server;
  let base: string;
  const hooks: Hook[] = [];
  /** Paths the receiver answers 500 on. */
  const failing = new Set<string>();
  const SECRET = 'a-long-enough-secret-0123';

  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, ['MUG', 'TEE', 'CAP', 'PEN']);
    await h.call('PUT', '/v1/regions/uk', { name: 'UK', countries: ['GB'] });
    await h.call('PUT', '/v1/regions/eu', { name: 'EU', countries: ['NL'] });
    await h.call('PUT', '/v1/warehouses/LON/regions', { regions: [{ region: 'uk', deliveryDays: 1 }] });
    await h.call('PUT', '/v1/warehouses/AMS/regions', { regions: [{ region: 'eu', deliveryDays: 1 }] });
    receiver = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const check = verifySignature(SECRET, req.headers['stockroom-signature'] as string, raw, h.now());
        hooks.push({ path: req.url!, body: JSON.parse(raw), verified: check.ok });
        res.statusCode = failing.has(req.url!) ? 500 : 204;
        res.end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => receiver.close(r));
    await h.close();
  });

  const options = (over: Partial<NotifierOptions> = {}): NotifierOptions => ({
    multiple: 3,
    email: null,
    webhook: httpWebhookSender(2_000),
    publicUrl: 'https://stock.example.com/',
    retryBaseMs: 1_000,
    maxAttempts: 3,
    ...over,
  });
  /** Sequences, announces, delivers what is due. */
  const run = async (opts = options()) => {
    while (await sequencePass(h.ctx));
    while (await announcePass(h.ctx, opts));
    while ((await deliverDue(h.ctx, opts)) > 0);
  };
  const subscribe = (body: unknown, headers: Record<string, string> = {}) =>
    h.call('POST', '/v1/back-in-stock-subscriptions', body, headers);
  const webhookFor = (sku: string, name: string, region?: string) =>
    subscribe({
      sku,
      ...(region ? { region } : {}),
      contact: { webhookUrl: `${base}/${name}`, secret: SECRET },
    });
  const status = async (sku: string) =>
    (
      (await h.call('GET', `/v1/back-in-stock-subscriptions?sku=${sku}`)).body.items as {
        target: string;
        status: string;
      }[]
    ).map((s) => `${s.target.split('/').pop()}:${s.status}`);
  let orders = 0;
  const sellOut = async (sku: string, qty: number, warehouse: string) =>
    h.call('POST', '/v1/orders', { orderId: `bis-${++orders}`, lines: [{ sku, qty, warehouse }] });

  it('notifies in subscription order, at most multiple x units per announcement, once each', async () => {
    for (let i = 1; i <= 10; i++) expect((await webhookFor('MUG', `m${i}`)).status).toBe(201);
    await run();
    expect(hooks).toEqual([]);
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 2 }] });
    await run();
    expect(hooks.map((x) => x.path)).toEqual(['/m1', '/m2', '/m3', '/m4', '/m5', '/m6']);
    expect(hooks.every((x) => x.verified)).toBe(true);
    expect(hooks[0]!.body).toMatchObject({
      type: 'sku.back_in_stock',
      sku: 'MUG',
      region: null,
      sellable: 2,
    });
    expect(String(hooks[0]!.body.unsubscribeUrl)).toMatch(
      /^https:\/\/stock\.example\.com\/v1\/back-in-stock-subscriptions\/[A-Za-z0-9_-]+\/unsubscribe$/,
    );
    expect(await status('MUG')).toEqual([
      ...[1, 2, 3, 4, 5, 6].map((i) => `m${i}:notified`),
      ...[7, 8, 9, 10].map((i) => `m${i}:waiting`),
    ]);
    const waiting = (await h.call('GET', '/v1/back-in-stock/waiting?sku=MUG')).body;
    expect(waiting).toEqual({ sku: 'MUG', waiting: 4, byRegion: [{ region: null, waiting: 4 }] });
    // Sold out, then back: the next announcement takes the rest, and nobody twice.
    await sellOut('MUG', 2, 'LON');
    await run();
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 5 }] });
    await run();
    expect(hooks.map((x) => x.path)).toEqual([...Array(10).keys()].map((i) => `/m${i + 1}`));
    expect((await h.call('GET', '/v1/back-in-stock/waiting?sku=MUG')).body.waiting).toBe(0);
  });

  it('matches the region of the announcement', async () => {
    hooks.length = 0;
    await webhookFor('TEE', 't-uk', 'uk');
    await webhookFor('TEE', 't-eu', 'eu');
    await webhookFor('TEE', 't-any');
    // AMS serves only eu: TEE is back overall and in eu, not in uk.
    await h.call('POST', '/v1/receipts', { warehouse: 'AMS', lines: [{ sku: 'TEE', qty: 1 }] });
    await run();
    expect(hooks.map((x) => x.path).sort()).toEqual(['/t-any', '/t-eu']);
    expect(hooks.find((x) => x.path === '/t-eu')!.body).toMatchObject({ region: 'eu', sellable: 1 });
    expect(await status('TEE')).toEqual(['t-uk:waiting', 't-eu:notified', 't-any:notified']);
    const counts = (await h.call('GET', '/v1/back-in-stock/waiting')).body;
    expect(counts.items).toEqual([{ sku: 'TEE', name: 'TEE', waiting: 1 }]);
  });

  it('unsubscribes by token, without an API key', async () => {
    hooks.length = 0;
    const a = (await webhookFor('CAP', 'c-a')).body;
    const b = (await webhookFor('CAP', 'c-b')).body;
    await webhookFor('CAP', 'c-c');
    const del = await h.app.inject({
      method: 'DELETE',
      url: `/v1/back-in-stock-subscriptions/${a.unsubscribeToken}`,
    });
    expect(del.statusCode).toBe(200);
    expect(JSON.parse(del.body)).toMatchObject({ status: 'unsubscribed', sku: 'CAP' });
    const link = await h.app.inject({ method: 'GET', url: b.unsubscribePath });
    expect(link.statusCode).toBe(200);
    expect(link.headers['content-type']).toMatch(/^text\/html/);
    expect(link.body).toContain('CAP');
    // Repeating is harmless; an unknown token is a 404 with a stable code.
    expect((await h.app.inject({ method: 'GET', url: b.unsubscribePath })).statusCode).toBe(200);
    const unknown = await h.app.inject({
      method: 'DELETE',
      url: '/v1/back-in-stock-subscriptions/nosuchtoken0000000000',
    });
    expect(unknown.statusCode).toBe(404);
    expect(JSON.parse(unknown.body).error.code).toBe('unknown_subscription');
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'CAP', qty: 1 }] });
    await run();
    expect(hooks.map((x) => x.path)).toEqual(['/c-c']);
    expect(await status('CAP')).toEqual(['c-a:unsubscribed', 'c-b:unsubscribed', 'c-c:notified']);
    const spec = (await h.call('GET', '/openapi.json')).body;
    expect(spec.paths['/v1/back-in-stock-subscriptions/{token}/unsubscribe'].get.security).toEqual([]);
  });

  it('emails through SMTP with the SKU in the subject and an unsubscribe link; waits without SMTP', async () => {
    const mails: { from: string; to: string[]; data: string }[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (c: Buffer) => (data += c.toString()));
        stream.on('end', () => {
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            data,
          });
          callback();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    const port = (smtp.server.address() as AddressInfo).port;
    const email = smtpEmailSender(`smtp://127.0.0.1:${port}`, 'Shop <shop@example.com>');
    try {
      const sub = await subscribe({ sku: 'PEN', contact: { email: 'ann@example.com' } });
      expect(sub.status).toBe(201);
      expect(sub.body).toMatchObject({ channel: 'email', target: 'ann@example.com', status: 'waiting' });
      await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'PEN', qty: 1 }] });
      // No SMTP configured: the email subscriber keeps waiting, and says why.
      await run(options({ email: null }));
      const [waiting] = (await h.call('GET', '/v1/back-in-stock-subscriptions?sku=PEN')).body.items;
      expect(waiting).toMatchObject({ status: 'waiting' });
      expect(waiting.note).toMatch(/SMTP_URL/);
      // With SMTP, the next announcement sends the email.
      await sellOut('PEN', 1, 'LON');
      await run();
      await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'PEN', qty: 1 }] });
      await run(options({ email }));
      expect(mails).toHaveLength(1);
      const mail = mails[0]!;
      expect(mail.to).toEqual(['ann@example.com']);
      expect(mail.from).toBe('shop@example.com');
      const text = mail.data.replace(/=\r?\n/g, '');
      expect(text).toMatch(/^Subject: Back in stock: PEN \(PEN\)\r?$/m);
      expect(text).toContain(
        `https://stock.example.com/v1/back-in-stock-subscriptions/${sub.body.unsubscribeToken}/unsubscribe`,
      );
      expect((await h.call('GET', '/v1/back-in-stock-subscriptions?sku=PEN')).body.items[0].status).toBe(
        'notified',
      );
    } finally {
      email.close();
      await new Promise<void>((r) => smtp.close(() => r()));
    }
  });

  it('retries a failing webhook with backoff, then gives up as failed', async () => {
    hooks.length = 0;
    failing.add('/flaky');
    await h.call('PUT', '/v1/skus/LAMP', { name: 'Lamp' });
    await webhookFor('LAMP', 'flaky');
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'LAMP', qty: 1 }] });
    await run();
    const sub = async () => (await h.call('GET', '/v1/back-in-stock-subscriptions?sku=LAMP')).body.items[0];
    expect(await sub()).toMatchObject({
      status: 'sending',
      attempts: 1,
      lastError: 'the webhook answered 500',
    });
    await run();
    expect(hooks).toHaveLength(1); // not due yet: the backoff holds it
    h.advance(1_000);
    await run();
    expect(await sub()).toMatchObject({ status: 'sending', attempts: 2 });
    h.advance(4_000);
    await run();
    expect(await sub()).toMatchObject({ status: 'failed', attempts: 3 });
    expect(hooks).toHaveLength(3);
    failing.delete('/flaky');
  });

  it('a bulk restock is announced in short passes: SKUs nobody waits for cost nothing, at most 100 a pass', async () => {
    // One pass is one transaction, which on embedded PGlite every order waits for.
    await run();
    const awaited = Array.from({ length: 105 }, (_, i) => `BULK-W${String(i).padStart(3, '0')}`);
    const unawaited = Array.from({ length: 40 }, (_, i) => `BULK-U${String(i).padStart(3, '0')}`);
    for (const sku of [...awaited, ...unawaited])
      expect((await h.call('PUT', `/v1/skus/${sku}`, { name: sku })).status).toBe(201);
    for (const sku of awaited) expect((await webhookFor(sku, `bulk-${sku}`)).status).toBe(201);
    const receipt = await h.call('POST', '/v1/receipts', {
      warehouse: 'LON',
      // Interleaved, so that skipped announcements lie between the awaited ones.
      lines: awaited.flatMap((sku, i) => [
        { sku, qty: 1 },
        ...(unawaited[i] ? [{ sku: unawaited[i], qty: 1 }] : []),
      ]),
    });
    expect(receipt.status).toBe(201);
    while (await sequencePass(h.ctx));
    const sending = async () => {
      const { rows } = await h.db.query<{ sku: string }>(
        `select sku from back_in_stock_subscriptions where sku like 'BULK-%' and status = 'sending' order by sku`,
      );
      return rows.map((r) => r.sku);
    };
    expect(await announcePass(h.ctx, options())).toBe(true);
    const first = await sending();
    expect(first).toHaveLength(100);
    expect(await announcePass(h.ctx, options())).toBe(false);
    expect(await sending()).toEqual(awaited);
    // The second pass took the five the first left, and nobody twice.
    expect(awaited.filter((s) => !first.includes(s))).toHaveLength(5);
    while ((await deliverDue(h.ctx, options())) > 0);
    expect(hooks.filter((x) => x.path.startsWith('/bulk-')).length).toBe(105);
  });

  it('refuses bad input with stable codes and changes nothing; storefront keys may subscribe', async () => {
    const count = async () =>
      (await h.db.query<{ n: number }>('select count(*)::int as n from back_in_stock_subscriptions')).rows[0]!
        .n;
    const before = await count();
    const cases: [unknown, number, string][] = [
      [{ sku: 'NOPE', contact: { email: 'a@example.com' } }, 404, 'unknown_sku'],
      [{ sku: 'MUG', region: 'mars', contact: { email: 'a@example.com' } }, 404, 'unknown_region'],
      [{ sku: 'MUG', contact: { email: 'not-an-email' } }, 400, 'invalid_contact'],
      [{ sku: 'MUG', contact: {} }, 400, 'invalid_contact'],
      [{ sku: 'MUG', contact: { email: 'a@example.com', webhookUrl: `${base}/x` } }, 400, 'invalid_contact'],
      [{ sku: 'MUG', contact: { webhookUrl: 'ftp://example.com/x' } }, 400, 'invalid_contact'],
      [{ sku: 'MUG', contact: { email: 'a@example.com' }, extra: 1 }, 400, 'invalid_request'],
      [{ sku: 'MUG' }, 400, 'invalid_request'],
    ];
    for (const [body, code, error] of cases) {
      const r = await subscribe(body);
      expect([r.status, r.body.error?.code], JSON.stringify(body)).toEqual([code, error]);
    }
    expect(await count()).toBe(before);
    const key = (await h.call('POST', '/v1/api-keys', { name: 'shop', role: 'storefront' })).body;
    const bearer = { authorization: `Bearer ${key.key}` };
    const ok = await subscribe(
      { sku: 'MUG', contact: { email: 'b@example.com' } },
      { ...bearer, 'idempotency-key': 'sub-1' },
    );
    expect(ok.status).toBe(201);
    const again = await subscribe(
      { sku: 'MUG', contact: { email: 'b@example.com' } },
      { ...bearer, 'idempotency-key': 'sub-1' },
    );
    expect(again.body.unsubscribeToken).toBe(ok.body.unsubscribeToken);
    expect(await count()).toBe(before + 1);
    const second = await subscribe({ sku: 'MUG', contact: { email: 'b@example.com' } }, bearer);
    expect(second.status).toBe(201);
    const forbidden = await h.call('GET', '/v1/back-in-stock/waiting', undefined, bearer);
    expect(forbidden.status).toBe(403);
  });
});
