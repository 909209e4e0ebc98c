/**
 * The CLI checks the request it assembles with the API's own route schemas and validation
 * (src/http/validation.ts): the same bad input is refused by both with the same code, message
 * and details, and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.ts';
import { inProcessStockroom, type CliRun } from '../helpers/cli.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

interface Case {
  cli: string[];
  method: 'POST' | 'PUT' | 'GET';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** What the refusal names, so that a case cannot pass on some other refusal. */
  names: string;
}

const CASES: Case[] = [
  {
    cli: ['receive', 'LON', 'MUG', '0'],
    method: 'POST',
    path: '/v1/receipts',
    body: { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 0 }] },
    names: 'body/lines/0/qty must be >= 1',
  },
  {
    cli: ['receive', 'LON', 'MUG', 'many'],
    method: 'POST',
    path: '/v1/receipts',
    body: { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 'many' }] },
    names: 'body/lines/0/qty must be integer',
  },
  {
    cli: ['adjust', 'LON', 'MUG', '3', '--reason', 'x'.repeat(201)],
    method: 'POST',
    path: '/v1/adjustments',
    body: { warehouse: 'LON', sku: 'MUG', delta: 3, reason: 'x'.repeat(201) },
    names: 'body/reason must NOT have more than 200 characters',
  },
  {
    cli: ['virtual', 'LON', 'MUG', '1', '--lead-time-days', '400'],
    method: 'PUT',
    path: '/v1/virtual/MUG/LON',
    body: { virtual: 1, leadTimeDays: 400 },
    names: 'body/leadTimeDays must be <= 365',
  },
  {
    cli: ['lock', 'LON', 'MUG', '1', '--reason', 'x', '--until', '2098-01-01T00:00'],
    method: 'POST',
    path: '/v1/locks',
    body: { warehouse: 'LON', sku: 'MUG', qty: 1, reason: 'x', until: '2098-01-01T00:00' },
    names: 'body/until must match format "date-time"',
  },
  {
    cli: ['stock', '--limit', '5000'],
    method: 'GET',
    path: '/v1/stock?limit=5000',
    names: 'querystring/limit must be <= 1000',
  },
  {
    cli: ['transfers', '--status', 'lost'],
    method: 'GET',
    path: '/v1/transfers?status=lost',
    names: 'querystring/status must match a schema in anyOf',
  },
  {
    cli: ['receive', 'LON', 'MUG', '1', '--idempotency-key', 'k'.repeat(256)],
    method: 'POST',
    path: '/v1/receipts',
    body: { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 1 }] },
    headers: { 'idempotency-key': 'k'.repeat(256) },
    names: 'headers/idempotency-key must NOT have more than 255 characters',
  },
];

describe.each(backends())('the CLI refuses bad input as the API does, on $name', (backend) => {
  let h: Harness;
  let run: (...args: string[]) => Promise<CliRun>;

  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, ['MUG']);
    run = inProcessStockroom(h.db);
  });
  afterAll(() => h.close());

  it.each(CASES)('$cli.0: $names', async ({ cli, method, path, body, headers, names }) => {
    const before = await h.call('GET', '/v1/stock/MUG');
    const api = await h.call(method, path, body, headers);
    expect(api.status).toBe(400);
    const { code, message, details } = api.body.error;
    expect(code).toBe('invalid_request');
    expect(message).toContain(names);

    const refused = await run(...cli);
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(`error ${code}: ${message}\n${JSON.stringify(details)}\n`);
    expect(await h.call('GET', '/v1/stock/MUG')).toEqual(before);
  });
});
