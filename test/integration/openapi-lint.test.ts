/**
 * /openapi.json is a product: it passes Redocly's recommended rules with no error and no
 * warning, every operation has a stable operationId from the table, every error answer is the
 * shared envelope, and every event type is in the `webhooks` section.
 */
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TYPES, sequencePass } from '../../src/app/events.ts';
import { OPERATION_IDS } from '../../src/http/openapi/operation-ids.ts';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

interface Doc {
  paths: Record<
    string,
    Record<string, { operationId?: string; responses: Record<string, { $ref?: string }> }>
  >;
  components: { schemas: Record<string, object>; responses: Record<string, { content: unknown }> };
  webhooks: Record<string, unknown>;
}

describe.each(backends())('the OpenAPI document on $name', (backend) => {
  let h: Harness;
  let text: string;
  let doc: Doc;
  beforeAll(async () => {
    h = await startHarness(backend);
    const res = await h.app.inject({ url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    text = res.body;
    doc = JSON.parse(text) as Doc;
  });
  afterAll(async () => h?.close());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
    );

  it("passes Redocly's recommended rules with no error and no warning", async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: text, absoluteRef: 'openapi.json', config });
    const summary = problems.map(
      (p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`,
    );
    expect(summary).toEqual([]);
  });

  it('names every operation from the table, once, and the table names no route that is gone', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(100);
    for (const { key, op } of ops) expect(op.operationId, key).toBe(OPERATION_IDS[key]);
    expect(new Set(ops.map(({ op }) => op.operationId)).size).toBe(ops.length);
    expect(Object.keys(OPERATION_IDS).sort()).toEqual(ops.map(({ key }) => key).sort());
  });

  it('answers every documented 4xx/5xx with the shared error envelope', () => {
    for (const { key, op } of operations()) {
      const errors = Object.entries(op.responses).filter(([status]) => /^[45]/.test(status));
      expect(errors.length, key).toBeGreaterThan(0);
      for (const [status, response] of errors) {
        // /readyz documents its own 503 body (the reason it is not ready).
        if (key === 'GET /readyz' && status === '503') continue;
        expect(response.$ref, `${key} ${status}`).toMatch(/^#\/components\/responses\//);
        const shared = doc.components.responses[response.$ref!.split('/').pop()!]!;
        expect(shared.content).toEqual({
          'application/json': { schema: { $ref: '#/components/schemas/Error' } },
        });
      }
    }
  });

  it('describes the error answers the server really sends', async () => {
    const ajv = addFormats(new Ajv({ strict: false }));
    const validate = ajv.compile(doc.components.schemas.Error!);
    const answers = await Promise.all([
      h.app.inject({ url: '/v1/skus/NOPE', headers: { authorization: `Bearer ${h.adminKey}` } }),
      h.app.inject({ url: '/v1/skus' }),
      h.app.inject({
        method: 'POST',
        url: '/v1/orders',
        headers: { authorization: `Bearer ${h.adminKey}` },
        payload: { orderId: 'o-1', lines: [], extra: 1 },
      }),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([404, 401, 400]);
    for (const a of answers) expect(validate(a.json()), JSON.stringify(validate.errors)).toBe(true);
  });

  it('lists every event type in the webhooks section, each with its payload schema', () => {
    expect(Object.keys(doc.webhooks).sort()).toEqual([...EVENT_TYPES, 'events.batch'].sort());
    const event = doc.components.schemas.OrderReservedEvent as {
      properties: { type: { const: string }; data: { required: string[] } };
    };
    expect(event.properties.type.const).toBe('order.reserved');
    expect(event.properties.data.required).toContain('allocations');
  });

  it('describes the events the service really sends to webhooks', async () => {
    await seedCatalogue(h, ['MUG']);
    const admin = (method: 'POST', url: string, payload: object) =>
      h.app.inject({ method, url, headers: { authorization: `Bearer ${h.adminKey}` }, payload });
    expect(
      (await admin('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 5 }] })).statusCode,
    ).toBe(201);
    expect(
      (await admin('POST', '/v1/orders', { orderId: 'w-1', lines: [{ sku: 'MUG', qty: 2 }] })).statusCode,
    ).toBe(201);
    expect((await admin('POST', '/v1/orders/w-1/confirm', {})).statusCode).toBe(200);
    expect((await admin('POST', '/v1/orders/w-1/shipments', {})).statusCode).toBe(201);
    expect(
      (await admin('POST', '/v1/orders', { orderId: 'w-2', lines: [{ sku: 'MUG', qty: 3 }] })).statusCode,
    ).toBe(201);
    expect((await admin('POST', '/v1/orders/w-2/cancel', {})).statusCode).toBe(200);
    while (await sequencePass(h.ctx));
    const events = (
      await h.app.inject({ url: '/v1/events?limit=1000', headers: { authorization: `Bearer ${h.adminKey}` } })
    ).json().items as { type: string }[];
    const ajv = addFormats(new Ajv({ strict: false }));
    // The document's own components as the root, so its `#/components/schemas/...` refs resolve.
    const validate = ajv.compile({
      components: { schemas: doc.components.schemas },
      allOf: [{ $ref: '#/components/schemas/Event' }],
    });
    // Not vacuous: an event without its data's fields, or of an unknown type, does not pass.
    expect(validate({ ...events[0], data: {} })).toBe(false);
    expect(validate({ ...events[0], type: 'order.teleported' })).toBe(false);
    const seen = new Set<string>();
    for (const event of events) {
      expect(validate(event), `${JSON.stringify(event)}: ${JSON.stringify(validate.errors)}`).toBe(true);
      seen.add(event.type);
    }
    expect([...seen].sort()).toEqual(
      expect.arrayContaining([
        'order.confirmed',
        'order.released',
        'order.reserved',
        'order.shipped',
        'stock.changed',
      ]),
    );
  });
});
