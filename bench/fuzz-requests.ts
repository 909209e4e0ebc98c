/**
 * Schema-driven fuzzing of the HTTP API, shared by the suite (test/fuzz/api.fuzz.test.ts) and
 * the long run (`npm run fuzz`, bench/fuzz.ts). Requests are built from the app's own
 * /openapi.json: every operation, with path, query, headers and bodies drawn from their schemas,
 * mixing valid values with hostile ones (NUL, lone surrogates, huge and fractional numbers, NaN
 * strings, impossible dates, deep nesting, wrong types, forged cursors, odd charsets). Requests
 * go through `app.inject()`: nothing leaves the process.
 */
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';

type Schema = Record<string, unknown>;

export interface Operation {
  method: string;
  path: string;
  id: string;
  params: { name: string; in: 'path' | 'query' | 'header'; required: boolean; schema: Schema }[];
  body?: { contentType: string; schema: Schema };
}

export interface FuzzRequest {
  operation: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/** Values the fuzzer reuses so that many requests reach real rows, not only 404s. */
export interface FuzzPool {
  keys: string[];
  codes: string[];
}

/** Server-sent event streams never end: they are not request/response operations. */
const SKIPPED = (op: Operation) => op.path.endsWith('/stream');

export function operationsOf(doc: { paths: Record<string, Record<string, Schema>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const params = ((raw.parameters ?? []) as Schema[]).map((p) => ({
        name: p.name as string,
        in: p.in as 'path' | 'query' | 'header',
        required: Boolean(p.required),
        schema: (p.schema ?? {}) as Schema,
      }));
      const content = (raw.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)
        ?.content;
      const contentType = content ? Object.keys(content)[0] : undefined;
      const op: Operation = {
        method: method.toUpperCase(),
        path,
        id: `${method.toUpperCase()} ${path}`,
        params,
        ...(contentType ? { body: { contentType, schema: content![contentType]!.schema ?? {} } } : {}),
      };
      if (!SKIPPED(op)) ops.push(op);
    }
  }
  return ops;
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const nest = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

/** Hostile text: what reached PostgreSQL or a cast before, and its relatives. */
const HOSTILE_TEXT = [
  '\u0000',
  'MUG\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '\uDBFF\uDFFF',
  '',
  ' ',
  'x'.repeat(5000),
  'NaN',
  'Infinity',
  '-Infinity',
  '-1',
  '1.5',
  '1e309',
  '9223372036854775808',
  '99999999999999999999999',
  '99999-12-31T00:00:00Z',
  '+099999-01-01T00:00:00.000Z',
  '0000-01-01T00:00:00Z',
  '0000-01-01',
  '2020-02-30',
  '2020-13-01T00:00:00Z',
  '2020-01-01T24:00:00Z',
  '2020-12-31T23:59:60Z',
  '9999-12-31T23:59:59Z',
  '1970-01-01T00:00:00Z',
  '0001-01-01',
  "'; drop table skus; --",
  '../../etc/passwd',
  '__proto__',
  'constructor',
  'null',
  'true',
  '😀',
  'é',
  'http://127.0.0.1:9/x',
];

/** Cursors of the wrong shape, encoded as the API encodes its own. */
export const HOSTILE_CURSORS = [
  b64(['x', 'y']),
  b64([3]),
  b64([1.5]),
  b64(['\u0000']),
  b64(['\u0000', '\u0000']),
  b64([]),
  b64([null]),
  b64([-1]),
  b64([1e300]),
  Buffer.from('[9007199254740993]').toString('base64url'),
  b64(['99999-01-01T00:00:00Z', 'a']),
  b64(['2020-01-01T00:00:00Z', 1]),
  b64(['2020-01-01T00:00:00.000Z', 'o-1']),
  b64(['a', 'b', 'c', 'd']),
  b64(['sync', '99999999999999999999']),
  b64(['MUG', '99999999999999999999', '', 'x']),
  b64({ a: 1 }),
  b64('x'),
  b64(['x'.repeat(600)]),
  'not-base64!!',
  '====',
  'a'.repeat(512),
];

const HOSTILE_NUMBERS = [
  0,
  -1,
  1.5,
  -0.5,
  1e308,
  -1e308,
  2 ** 31,
  2 ** 31 - 1,
  2 ** 53,
  2 ** 63,
  2 ** 64,
  1e21,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
  5e-324,
];

/** JSON fragments no JS value stringifies to: deep nesting, prototype keys, huge arrays. */
const HOSTILE_JSON = [
  nest(40),
  nest(5000),
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
  '"\\u0000"',
  '"\\ud800"',
  '1e400',
  '-0',
  `[${new Array(20000).fill('0').join(',')}]`,
];

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_TEXT),
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.constantFrom(null, true, false, [], {}, [null], { '': '' }),
  fc.constantFrom(...HOSTILE_JSON).map((text) => new RawJson(text)),
);

/** A JSON fragment to splice into the body text as it is. */
class RawJson {
  constructor(readonly text: string) {}
}

function toJson(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`)
      .join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value); // invalid JSON on purpose
  return JSON.stringify(value) ?? 'null';
}

const CODE_PATTERN = /A-Za-z0-9/;

/** An arbitrary for values of `schema`, sometimes valid, sometimes hostile (`hostility` 0..1). */
function valueOf(schema: Schema, pool: FuzzPool, hostility: number, depth = 0): fc.Arbitrary<unknown> {
  const valid = validValueOf(schema, pool, hostility, depth);
  const weight = Math.round(hostility * 100);
  if (weight === 0) return valid;
  return fc.oneof({ arbitrary: valid, weight: 100 - weight }, { arbitrary: hostileValue, weight });
}

function validValueOf(
  schema: Schema,
  pool: FuzzPool,
  hostility: number,
  depth: number,
): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  const any = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (any) return fc.oneof(...any.map((s) => valueOf(s, pool, hostility, depth + 1)));
  if (schema.enum) return fc.constantFrom(...(schema.enum as unknown[]));
  if ('const' in schema) return fc.constant(schema.const);
  switch (schema.type) {
    case 'string':
      return stringOf(schema, pool);
    case 'integer': {
      const min = (schema.minimum as number | undefined) ?? -1_000_000;
      const max = (schema.maximum as number | undefined) ?? 1_000_000;
      return fc.oneof(
        fc.integer({ min: Math.max(min, -1_000_000), max: Math.max(Math.min(max, 1_000_000), min) }),
        fc.constantFrom(min, Math.min(max, 2 ** 53 - 1)),
        fc.constantFrom(1, 2, 5, 10),
      );
    }
    case 'number': {
      const min =
        (schema.minimum as number | undefined) ?? (schema.exclusiveMinimum as number | undefined) ?? -1e6;
      const max =
        (schema.maximum as number | undefined) ?? (schema.exclusiveMaximum as number | undefined) ?? 1e6;
      return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = (schema.items ?? {}) as Schema;
      const minLength = Math.min((schema.minItems as number | undefined) ?? 0, 3);
      return fc.array(valueOf(items, pool, hostility, depth + 1), {
        minLength,
        maxLength: Math.max(minLength, 3),
      });
    }
    case 'object':
      return objectOf(schema, pool, hostility, depth);
    default:
      // Unknown (e.g. SKU attributes): any small JSON value, or a deep one.
      return fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(new RawJson(nest(depth % 2 ? 33 : 5000))));
  }
}

function stringOf(schema: Schema, pool: FuzzPool): fc.Arbitrary<string> {
  const maxLength = (schema.maxLength as number | undefined) ?? 100;
  const minLength = (schema.minLength as number | undefined) ?? 0;
  if (schema.format === 'date-time') {
    return fc
      .date({
        min: new Date('1990-01-01T00:00:00Z'),
        max: new Date('2040-01-01T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString());
  }
  if (schema.format === 'date') {
    return fc
      .date({
        min: new Date('1990-01-01T00:00:00Z'),
        max: new Date('2040-01-01T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
  }
  const pattern = schema.pattern as string | undefined;
  if (pattern && CODE_PATTERN.test(pattern)) return fc.constantFrom(...pool.codes);
  if (pattern) return fc.stringMatching(new RegExp(pattern));
  if (maxLength === 512) return fc.constantFrom(...HOSTILE_CURSORS); // the Cursor schema
  return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(maxLength, 24)) });
}

function objectOf(schema: Schema, pool: FuzzPool, hostility: number, depth: number): fc.Arbitrary<unknown> {
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  const required = (schema.required ?? []) as string[];
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, s] of Object.entries(props)) model[name] = valueOf(s, pool, hostility, depth + 1);
  const record = fc.record(model, { requiredKeys: required });
  if (Object.keys(props).length === 0 && schema.additionalProperties !== false) {
    const values = (
      typeof schema.additionalProperties === 'object' ? schema.additionalProperties : {}
    ) as Schema;
    return fc.dictionary(
      fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'a\u0000', '\uD800', 'constructor')),
      valueOf(values, pool, hostility, depth + 1),
      { maxKeys: 4 },
    );
  }
  // Now and then an unknown field, or a prototype key.
  return fc
    .tuple(record, fc.option(fc.constantFrom('extra', '__proto__', 'constructor'), { freq: 8 }))
    .map(([r, extra]) => (extra ? { ...r, [extra]: 1 } : r));
}

/** Percent-encodes text for a URL; a lone surrogate becomes its (invalid) UTF-8 bytes. */
function urlText(value: unknown): string {
  const text = typeof value === 'string' ? value : value instanceof RawJson ? value.text : toJson(value);
  try {
    return encodeURIComponent(text);
  } catch {
    return text
      .replace(/[\uD800-\uDFFF]/g, '%ED%A0%80')
      .replace(/[^%A-Za-z0-9]/g, (c) => encodeURIComponent(c));
  }
}

/** Raw URL pieces that are not even valid percent-encoding. */
const RAW_URL_TEXT = ['%', '%zz', '%C3%28', '%ED%A0%80', '%00', '%FF%FE'];

const CONTENT_TYPES = [
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json;charset="UTF-16LE"',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/json; charset=utf-8',
];

const RAW_BODIES = [
  '{',
  '{"a":',
  'null',
  '[]',
  '"x"',
  '\u0000',
  '{"a":1,"a":2}',
  nest(5000),
  nest(33),
  '\uFEFF{}',
];

export function requestArbitrary(op: Operation, pool: FuzzPool): fc.Arbitrary<FuzzRequest> {
  const hostility = fc.constantFrom(0, 0.05, 0.2, 0.5);
  return hostility.chain((h) => {
    const pathArbs = op.params
      .filter((p) => p.in === 'path')
      .map((p) =>
        fc.oneof(
          { arbitrary: valueOf(p.schema, pool, h).map(urlText), weight: 6 },
          { arbitrary: fc.constantFrom(...RAW_URL_TEXT), weight: 1 },
        ),
      );
    const queryArbs = op.params
      .filter((p) => p.in === 'query')
      .map((p) =>
        fc.option(
          fc.oneof(
            { arbitrary: valueOf(p.schema, pool, h).map((v) => `${p.name}=${urlText(v)}`), weight: 8 },
            { arbitrary: fc.constantFrom(...RAW_URL_TEXT).map((v) => `${p.name}=${v}`), weight: 1 },
            { arbitrary: fc.constant(`${p.name}=a&${p.name}=b`), weight: 1 },
          ),
          { freq: 2 },
        ),
      );
    const headerArbs = op.params
      .filter((p) => p.in === 'header')
      .map((p) =>
        fc.option(
          valueOf(p.schema, pool, h).map((v) => [p.name, typeof v === 'string' ? v : toJson(v)] as const),
          { freq: 2 },
        ),
      );
    const bodyArb: fc.Arbitrary<{ payload?: string; contentType?: string }> = op.body
      ? fc.oneof(
          {
            arbitrary: valueOf(op.body.schema, pool, h).map((v) => ({
              payload: bodyText(op, v),
              contentType: op.body!.contentType,
            })),
            weight: 12,
          },
          {
            arbitrary: fc
              .tuple(fc.constantFrom(...CONTENT_TYPES), fc.constantFrom(...RAW_BODIES, '{}'))
              .map(([contentType, payload]) => ({ payload, contentType })),
            weight: 2,
          },
          { arbitrary: fc.constant({}), weight: 1 },
        )
      : fc.oneof(
          { arbitrary: fc.constant({}), weight: 8 },
          {
            arbitrary: fc
              .constantFrom(...RAW_BODIES)
              .map((payload) => ({ payload, contentType: 'application/json' })),
            weight: 1,
          },
        );
    const keyArb = fc.oneof(
      { arbitrary: fc.constantFrom(...pool.keys), weight: 12 },
      { arbitrary: fc.constantFrom('', 'sk_nope', 'x'.repeat(300), 'é'), weight: 1 },
    );
    return fc
      .record({
        path: fc.tuple(...pathArbs),
        query: fc.tuple(...queryArbs),
        headers: fc.tuple(...headerArbs),
        body: bodyArb,
        key: keyArb,
      })
      .map(({ path, query, headers, body, key }) => {
        let i = 0;
        const url =
          op.path.replace(/\{[^}]+\}/g, () => path[i++] as string) +
          (query.some((q) => q !== null) ? `?${query.filter((q) => q !== null).join('&')}` : '');
        const hdrs: Record<string, string> = { authorization: `Bearer ${key}` };
        for (const h of headers) if (h) hdrs[h[0]] = h[1];
        if (body.contentType) hdrs['content-type'] = body.contentType;
        return {
          operation: op.id,
          method: op.method,
          url,
          headers: hdrs,
          ...(body.payload !== undefined ? { payload: body.payload } : {}),
        };
      });
  });
}

function bodyText(op: Operation, value: unknown): string {
  if (op.body?.contentType !== 'application/json') {
    // CSV and other text bodies: a few lines of text with the hostile value spliced in.
    const cell = typeof value === 'string' ? value : toJson(value);
    return `date,sku,warehouse,qty\n2024-01-01,MUG,LON,3\n${cell},MUG,LON,${cell}\n`;
  }
  return toJson(value);
}

/**
 * Operations that do seconds of work when they succeed (loading the demo catalogue): one request
 * each, or they would take most of a run's time without finding more.
 */
const HEAVY = new Set(['POST /v1/admin/demo']);

/** `count` requests spread evenly over every operation, drawn from a fixed seed. */
export function sampleRequests(ops: Operation[], pool: FuzzPool, count: number, seed: number): FuzzRequest[] {
  const heavy = ops.filter((op) => HEAVY.has(op.id)).length;
  const light = ops.length - heavy;
  const runsOf = (i: number) => Math.floor((count - heavy) / light) + (i < (count - heavy) % light ? 1 : 0);
  const out: FuzzRequest[] = [];
  let lightIndex = 0;
  ops.forEach((op, i) => {
    const runs = HEAVY.has(op.id) ? 1 : runsOf(lightIndex++);
    if (runs > 0) out.push(...fc.sample(requestArbitrary(op, pool), { numRuns: runs, seed: seed + i }));
  });
  // Interleave operations so that state built by one (orders, transfers) meets the others.
  const shuffled = fc.sample(fc.shuffledSubarray(out, { minLength: out.length, maxLength: out.length }), {
    numRuns: 1,
    seed,
  })[0]!;
  return shuffled;
}

export interface FuzzFailure {
  operation: string;
  status: number;
  code: string | undefined;
  request: FuzzRequest;
}

export interface FuzzSummary {
  requests: number;
  byStatus: Record<number, number>;
  /** Requests the injector itself refused (e.g. a header Node's HTTP layer cannot carry). */
  unsendable: number;
  failures: FuzzFailure[];
  /** Time spent per operation, to see where a run goes. */
  msByOperation: Record<string, number>;
}

/** Sends the requests one by one; every 5xx is a failure. */
export async function sendAll(
  app: FastifyInstance,
  requests: FuzzRequest[],
  onProgress?: (done: number) => void,
): Promise<FuzzSummary> {
  const summary: FuzzSummary = { requests: 0, byStatus: {}, unsendable: 0, failures: [], msByOperation: {} };
  for (const req of requests) {
    let res;
    const started = performance.now();
    try {
      res = await app.inject({
        method: req.method as 'GET',
        url: req.url,
        headers: req.headers,
        ...(req.payload !== undefined ? { payload: req.payload } : {}),
      });
    } catch (err) {
      if (err instanceof TypeError || (err as { code?: string }).code?.startsWith('ERR_')) {
        summary.unsendable++;
        continue;
      }
      throw err;
    }
    summary.requests++;
    summary.msByOperation[req.operation] =
      (summary.msByOperation[req.operation] ?? 0) + (performance.now() - started);
    summary.byStatus[res.statusCode] = (summary.byStatus[res.statusCode] ?? 0) + 1;
    if (res.statusCode >= 500) {
      let code: string | undefined;
      try {
        code = (JSON.parse(res.body) as { error?: { code?: string } }).error?.code;
      } catch {
        code = undefined;
      }
      summary.failures.push({ operation: req.operation, status: res.statusCode, code, request: req });
    }
    if (onProgress && summary.requests % 1000 === 0) onProgress(summary.requests);
  }
  return summary;
}

/**
 * A small world for the fuzzer to hit: two warehouses, stock, orders in several states, a
 * transfer, a count, a lock, a channel, a supplier and a purchase order, and one key of each role.
 * Returns the keys and the codes and ids path parameters are drawn from.
 */
export async function seedFuzzWorld(app: FastifyInstance, adminKey: string): Promise<FuzzPool> {
  const codes = new Set([
    'MUG',
    'TEE',
    'CAP',
    'LON',
    'AMS',
    'uk',
    'eu',
    'web',
    'ACME',
    'nope',
    'ord-1',
    'ord-2',
  ]);
  const call = async (method: string, url: string, body?: unknown) => {
    const res = await app.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${adminKey}` },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    if (res.statusCode >= 300)
      throw new Error(`fuzz world: ${method} ${url} -> ${res.statusCode} ${res.body}`);
    const json = res.body ? (JSON.parse(res.body) as Record<string, unknown>) : {};
    for (const key of ['transferId', 'countId', 'lockId', 'poId', 'webhookId', 'orderId']) {
      if (typeof json[key] === 'string') codes.add(json[key] as string);
    }
    return json;
  };
  await call('PUT', '/v1/regions/uk', { name: 'UK', lat: 51.5, lon: -0.1 });
  await call('PUT', '/v1/regions/eu', { name: 'EU', lat: 52.4, lon: 4.9 });
  await call('PUT', '/v1/warehouses/LON', { name: 'London', region: 'uk' });
  await call('PUT', '/v1/warehouses/AMS', { name: 'Amsterdam', region: 'eu' });
  for (const sku of ['MUG', 'TEE', 'CAP']) await call('PUT', `/v1/skus/${sku}`, { name: sku, price: 10 });
  await call('POST', '/v1/receipts', {
    warehouse: 'LON',
    lines: [
      { sku: 'MUG', qty: 500 },
      { sku: 'TEE', qty: 500 },
    ],
  });
  await call('POST', '/v1/receipts', { warehouse: 'AMS', lines: [{ sku: 'MUG', qty: 500 }] });
  await call('POST', '/v1/orders', { orderId: 'ord-1', lines: [{ sku: 'MUG', qty: 2 }] });
  await call('POST', '/v1/orders', { orderId: 'ord-2', lines: [{ sku: 'TEE', qty: 1 }] });
  await call('POST', '/v1/orders/ord-2/confirm');
  await call('POST', '/v1/transfers', { from: 'LON', to: 'AMS', lines: [{ sku: 'TEE', qty: 5 }] });
  await call('POST', '/v1/counts', { warehouse: 'LON', scope: { kind: 'all' } });
  await call('POST', '/v1/locks', { warehouse: 'LON', sku: 'MUG', qty: 3, reason: 'fuzz' });
  await call('PUT', '/v1/channels/web', { name: 'Web', warehouses: ['LON', 'AMS'] });
  await call('PUT', '/v1/suppliers/ACME', { name: 'Acme', leadTimeDays: 7 });
  await call('POST', '/v1/purchase-orders', {
    supplier: 'ACME',
    warehouse: 'LON',
    lines: [{ sku: 'CAP', qty: 9 }],
  });
  const keys = [adminKey];
  for (const body of [
    { name: 'fuzz operator', role: 'operator' },
    { name: 'fuzz W1 operator', role: 'operator', warehouses: ['LON'] },
    { name: 'fuzz storefront', role: 'storefront' },
  ]) {
    const created = await call('POST', '/v1/api-keys', body);
    keys.push(created.key as string);
  }
  // Keys the fuzzer may revoke by id: not the ones it sends, or most requests would be 401.
  for (const name of ['fuzz spare 1', 'fuzz spare 2']) {
    codes.add((await call('POST', '/v1/api-keys', { name, role: 'operator' })).id as string);
  }
  return { keys, codes: [...codes] };
}
