/**
 * The SSRF policy (src/app/outbound.ts): URLs aimed inside are refused when registered (webhooks,
 * back-in-stock webhook subscribers) and again at delivery, after resolution, before any socket
 * is opened. Every refusal here is checked without connecting: made-up names resolve through a
 * fake resolver, and net/tls connect are watched to prove nothing was dialled. The only real
 * connections go to a receiver on 127.0.0.1, allowed explicitly, to show redirects are not
 * followed.
 */
import { createServer, type Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import tls from 'node:tls';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { httpWebhookSender } from '../../src/app/back-in-stock-delivery.ts';
import { sequencePass } from '../../src/app/events.ts';
import { OutboundPolicy, type ResolvedAddress } from '../../src/app/outbound.ts';
import { defaultDeliveryOptions, deliverWebhooksPass } from '../../src/app/webhook-delivery.ts';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

/** DNS for made-up names under .test (RFC 2606): never reaches a real resolver. */
function fakeDns(table: Record<string, string[]>) {
  const asked: string[] = [];
  const resolve = async (host: string): Promise<ResolvedAddress[]> => {
    asked.push(host);
    const addresses = table[host];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { resolve, asked, table };
}

/** A documentation-free public unicast address; only ever returned by the fake resolver, never dialled. */
const PUBLIC = '93.184.215.14';

const DNS = {
  'metadata.attacker.test': ['169.254.169.254'],
  'internal.attacker.test': ['10.0.0.1'],
  'mixed.attacker.test': [PUBLIC, '192.168.1.20'],
  'v6.attacker.test': ['fd00::5'],
  'mapped.attacker.test': ['::ffff:127.0.0.1'],
  'hooks.partner.test': [PUBLIC],
};

describe('the outbound policy, with no allow list', () => {
  const dns = fakeDns(DNS);
  const policy = new OutboundPolicy({ resolve: dns.resolve });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'address'],
    ['http://127.0.0.1:5432/', 'port'],
    ['http://127.0.0.1:8080/', 'address'],
    ['http://2130706433/', 'address'], // decimal 127.0.0.1
    ['http://0x7f.1/', 'address'], // hex
    ['http://0177.0.0.1/', 'address'], // octal
    ['http://0xa9fea9fe/latest/', 'address'], // hex 169.254.169.254
    ['http://10.0.0.1/', 'address'],
    ['http://172.16.4.4/', 'address'],
    ['http://192.168.0.10/', 'address'],
    ['http://100.64.0.1/', 'address'], // CGNAT
    ['http://100.100.100.200/', 'address'], // Alibaba metadata
    ['http://168.63.129.16/', 'address'], // Azure wire server (a unicast address)
    ['http://0.0.0.0/', 'address'],
    ['http://224.0.0.1/', 'address'],
    ['http://255.255.255.255/', 'address'],
    ['http://[::1]/', 'address'],
    ['http://[::]/', 'address'],
    ['http://[::ffff:127.0.0.1]/', 'address'],
    ['http://[::ffff:a9fe:a9fe]/', 'address'],
    ['http://[fe80::1]/', 'address'],
    ['http://[fc00::1]/', 'address'],
    ['http://[fd00:ec2::254]/', 'address'], // AWS metadata over IPv6
    ['http://[ff02::1]/', 'address'],
    ['http://[64:ff9b::a00:1]/', 'address'], // NAT64 of 10.0.0.1
    ['http://localhost:8080/', 'host'],
    ['http://api.localhost/', 'host'],
    ['http://metadata.google.internal/computeMetadata/v1/', 'host'],
    ['ftp://hooks.partner.test/x', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['gopher://hooks.partner.test:70/', 'scheme'],
    ['http://user:pw@hooks.partner.test/', 'credentials'],
    ['http://hooks.partner.test:22/', 'port'],
    ['http://hooks.partner.test:6379/', 'port'],
    ['http://hooks.partner.test:1023/', 'port'],
    ['not a url', 'invalid_url'],
  ])('refuses %s (%s) from the URL alone', async (url, reason) => {
    const before = dns.asked.length;
    await expect(policy.checkRegistration(url)).rejects.toMatchObject({ reason });
    expect(dns.asked.length).toBe(before);
  });

  it.each([
    ['http://metadata.attacker.test/latest/meta-data/', '169.254.169.254'],
    ['https://internal.attacker.test/hook', '10.0.0.1'],
    ['https://mixed.attacker.test/hook', '192.168.1.20'],
    ['https://v6.attacker.test/hook', 'fd00::5'],
    ['https://mapped.attacker.test/hook', '::ffff:127.0.0.1'],
  ])('refuses %s, whose name resolves to %s', async (url, address) => {
    await expect(policy.checkRegistration(url)).rejects.toMatchObject({
      reason: 'address',
      details: { address },
    });
  });

  it('accepts public names and addresses on allowed ports, and names that do not resolve yet', async () => {
    await policy.checkRegistration('https://hooks.partner.test/stockroom');
    await policy.checkRegistration('http://hooks.partner.test:8443/stockroom');
    await policy.checkRegistration(`http://${PUBLIC}/x`);
    await policy.checkRegistration('https://[2606:4700::1111]/x');
    await policy.checkRegistration('https://not-yet.partner.test/x');
    expect(dns.asked).toContain('not-yet.partner.test');
  });

  it('gives a socket only the addresses it checked (the lookup it connects with)', async () => {
    const lookup = (host: string, all: boolean) =>
      new Promise<{ err: Error | null; address: unknown }>((resolve) =>
        policy.lookup(host, { all }, (err, address) => resolve({ err, address })),
      );
    expect(await lookup('hooks.partner.test', false)).toEqual({ err: null, address: PUBLIC });
    expect(await lookup('hooks.partner.test', true)).toEqual({
      err: null,
      address: [{ address: PUBLIC, family: 4 }],
    });
    const refused = await lookup('metadata.attacker.test', false);
    expect(refused.err?.message).toMatch(/refused by the outbound policy.*169\.254\.169\.254/);
    expect(refused.address).toBe('');
  });
});

describe('the outbound policy with an allow list', () => {
  const policy = new OutboundPolicy({
    allowHosts: ['127.0.0.1', 'Hooks.Internal.test', '10.20.0.0/16', '::1'],
    resolve: fakeDns({ 'hooks.internal.test': ['10.9.9.9'], 'rebind.attacker.test': ['127.0.0.1'] }).resolve,
  });

  it('lets the operator allow hosts, addresses and ranges, and nothing else', async () => {
    await policy.checkRegistration('http://127.0.0.1:5432/');
    await policy.checkRegistration('http://[::1]:3000/');
    await policy.checkRegistration('https://hooks.internal.test/x');
    await policy.checkRegistration('http://10.20.3.4:8080/');
    // An allowed address is allowed whatever name leads to it.
    await policy.checkRegistration('http://rebind.attacker.test:8080/');
    await expect(policy.checkRegistration('http://10.21.0.1/')).rejects.toMatchObject({ reason: 'address' });
    await expect(policy.checkRegistration('http://169.254.169.254/')).rejects.toMatchObject({
      reason: 'address',
    });
  });
});

describe.each(backends())('outbound URLs through the API on $name', (backend) => {
  let h: Harness;
  let storefront: string;
  let operator: string;
  let dns: ReturnType<typeof fakeDns>;
  const connects: unknown[] = [];

  const as = async (key: string, method: 'POST' | 'GET', url: string, body?: object) => {
    const res = await h.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${key}` },
      ...(body ? { payload: body } : {}),
    });
    return { status: res.statusCode, body: JSON.parse(res.body) };
  };

  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, ['MUG']);
    storefront = (await h.call('POST', '/v1/api-keys', { name: 'shop', role: 'storefront' })).body.key;
    operator = (await h.call('POST', '/v1/api-keys', { name: 'ops', role: 'operator' })).body.key;
  });
  afterAll(() => h.close());

  beforeEach(() => {
    // This file's service has no allow list: loopback and the rest are refused.
    dns = fakeDns({ ...DNS });
    h.ctx.outbound = new OutboundPolicy({ resolve: dns.resolve });
    connects.length = 0;
    vi.spyOn(net, 'connect').mockImplementation((...args: unknown[]) => {
      connects.push(args);
      throw new Error('this test may not open sockets');
    });
    vi.spyOn(tls, 'connect').mockImplementation((...args: unknown[]) => {
      connects.push(args);
      throw new Error('this test may not open sockets');
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('refuses webhooks aimed inside with 400 invalid_webhook, creating nothing', async () => {
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://127.0.0.1:5432/',
      'http://[::1]/',
      'http://2130706433/',
      'https://metadata.attacker.test/',
      'https://mixed.attacker.test/',
    ]) {
      const r = await h.call('POST', '/v1/webhooks', { url });
      expect(r.status, url).toBe(400);
      expect(r.body.error.code).toBe('invalid_webhook');
      expect(r.body.error.details.url).toBe(url);
      expect(r.body.error.message).toMatch(/refused by the outbound policy/);
    }
    expect((await h.call('GET', '/v1/webhooks')).body.items).toEqual([]);
    expect(connects).toEqual([]);
  });

  it('lets only admin and operator keys subscribe a webhook to back-in-stock notices, through the same policy', async () => {
    const byShop = await as(storefront, 'POST', '/v1/back-in-stock-subscriptions', {
      sku: 'MUG',
      contact: { webhookUrl: 'https://hooks.partner.test/x' },
    });
    expect(byShop.status).toBe(403);
    expect(byShop.body.error.code).toBe('forbidden');
    const email = await as(storefront, 'POST', '/v1/back-in-stock-subscriptions', {
      sku: 'MUG',
      contact: { email: 'ann@example.com' },
    });
    expect(email.status).toBe(201);
    const inside = await as(operator, 'POST', '/v1/back-in-stock-subscriptions', {
      sku: 'MUG',
      contact: { webhookUrl: 'http://internal.attacker.test/x' },
    });
    expect(inside.status).toBe(400);
    expect(inside.body.error).toMatchObject({
      code: 'invalid_contact',
      details: { reason: 'address', address: '10.0.0.1' },
    });
    const fine = await as(operator, 'POST', '/v1/back-in-stock-subscriptions', {
      sku: 'MUG',
      contact: { webhookUrl: 'https://hooks.partner.test/x' },
    });
    expect(fine.status).toBe(201);
    const list = (await h.call('GET', '/v1/back-in-stock-subscriptions?sku=MUG')).body.items;
    expect(list.map((s: { target: string }) => s.target)).toEqual([
      'ann@example.com',
      'https://hooks.partner.test/x',
    ]);
    expect(connects).toEqual([]);
  });

  it('checks again at delivery: a name rebound to an internal address fails the attempt, no socket opened', async () => {
    const created = await h.call('POST', '/v1/webhooks', {
      url: 'https://rebind.attacker.test/hook',
      eventTypes: ['stock.changed'],
    });
    // Unresolvable at registration is accepted; now it resolves inside (or it always pointed at a public
    // address, and DNS changed since).
    expect(created.status).toBe(201);
    dns.table['rebind.attacker.test'] = ['169.254.169.254'];
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 1 }] });
    while (await sequencePass(h.ctx));
    const options = defaultDeliveryOptions({ fetch: h.ctx.outbound.fetch, maxAttempts: 3, random: () => 0 });
    expect(await deliverWebhooksPass(h.ctx, options)).toEqual(['retry']);
    const deliveries = (await h.call('GET', `/v1/webhooks/${created.body.webhookId}/deliveries`)).body.items;
    expect(deliveries[0].lastStatusCode).toBeNull();
    expect(deliveries[0].lastError).toMatch(
      /refused by the outbound policy: rebind\.attacker\.test resolves to 169\.254\.169\.254, which is a cloud metadata address/,
    );
    expect(dns.asked).toContain('rebind.attacker.test');
    expect(connects).toEqual([]);
    await h.call('DELETE', `/v1/webhooks/${created.body.webhookId}`);
  });

  it('refuses at delivery a URL stored before the policy existed', async () => {
    const created = await h.call('POST', '/v1/webhooks', {
      url: 'https://hooks.partner.test/hook',
      eventTypes: ['stock.changed'],
    });
    await h.db.query('update webhooks set url = $2 where id = $1', [
      created.body.webhookId,
      'http://169.254.169.254/latest/meta-data/iam/',
    ]);
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 1 }] });
    while (await sequencePass(h.ctx));
    const options = defaultDeliveryOptions({ fetch: h.ctx.outbound.fetch, random: () => 0 });
    expect(await deliverWebhooksPass(h.ctx, options)).toEqual(['retry']);
    const [delivery] = (await h.call('GET', `/v1/webhooks/${created.body.webhookId}/deliveries`)).body.items;
    expect(delivery.lastError).toMatch(
      /refused by the outbound policy: 169\.254\.169\.254 is a cloud metadata address/,
    );
    // Back-in-stock webhook notices go through the same policy.
    const send = httpWebhookSender(1_000, h.ctx.outbound.fetch);
    const notice = {
      subscriptionId: 1,
      sku: 'MUG',
      name: 'Mug',
      region: null,
      sellable: 1,
      at: h.now(),
      unsubscribeUrl: 'https://stock.example.test/u',
    };
    await expect(send('http://10.0.0.1:8080/x', 'a-secret-of-16+chars', notice)).rejects.toThrow(
      /refused by the outbound policy: 10\.0\.0\.1 is a private address/,
    );
    await expect(send('https://internal.attacker.test/x', 'a-secret-of-16+chars', notice)).rejects.toThrow(
      /resolves to 10\.0\.0\.1/,
    );
    expect(connects).toEqual([]);
    await h.call('DELETE', `/v1/webhooks/${created.body.webhookId}`);
  });

  it('would see a socket being opened (the watch on net and tls works)', async () => {
    // An allowed public name gets as far as opening a socket, which the watch stops before it connects.
    await expect(h.ctx.outbound.fetch('https://hooks.partner.test/x', { method: 'POST' })).rejects.toThrow();
    expect(connects.length).toBe(1);
  });
});

describe('redirects', () => {
  let server: Server;
  let base: string;
  const paths: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      paths.push(req.url!);
      if (req.url === '/hook') res.writeHead(302, { location: `${base}/elsewhere` }).end();
      else res.writeHead(200).end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );

  it('are never followed: a 3xx is the answer, and a failed notice', async () => {
    const policy = new OutboundPolicy({ allowHosts: ['127.0.0.1'] });
    const res = await policy.fetch(`${base}/hook`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(302);
    await res.body?.cancel();
    const send = httpWebhookSender(2_000, policy.fetch);
    await expect(
      send(`${base}/hook`, 'a-secret-of-16+chars', {
        subscriptionId: 1,
        sku: 'MUG',
        name: 'Mug',
        region: null,
        sellable: 1,
        at: new Date(),
        unsubscribeUrl: 'https://stock.example.test/u',
      }),
    ).rejects.toThrow(/answered 302/);
    expect(paths).toEqual(['/hook', '/hook']);
    await policy.close();
  });
});
