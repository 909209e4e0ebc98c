/**
 * POST /v1/stock/import: the stock CSV of `stockroom import` over HTTP. A dry run describes the
 * file and writes nothing; bad rows are all listed by line and nothing is written; the apply is
 * one transaction (a failure half-way leaves no trace); importing the same file again adds no
 * stock; only admin keys may import; no input answers a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/app/api-keys.ts';
import { backends } from '../helpers/backends.ts';
import { startHarness, type Harness, type Reply } from '../helpers/harness.ts';

const GOOD = `sku,name,price,unitCost,warehouse,qty
MUG,Mug,8.5,3,LON,40
MUG,Mug,8.5,3,AMS,10
TEE,Tee,12,,LON,5
CAP,Cap,,,,
`;

const BAD = `sku,name,price,unitCost,warehouse,qty
MUG,Mug,8.5,3,LON,40
BAD SKU,Bad code,1,1,LON,1
TEE,Tee,abc,,LON,5
MUG,Another name,8.5,3,LON,1
CAP,Cap,,,LON,-2
`;

describe.each(backends())('stock CSV import over HTTP on $name', (backend) => {
  let h: Harness;
  const keys: Record<'operator' | 'storefront', string> = { operator: '', storefront: '' };
  const importCsv = async (
    csv: string | Buffer,
    query = '',
    headers: Record<string, string> = {},
  ): Promise<Reply> => {
    const res = await h.app.inject({
      method: 'POST',
      url: `/v1/stock/import${query}`,
      headers: { authorization: `Bearer ${h.adminKey}`, 'content-type': 'text/csv', ...headers },
      payload: csv,
    });
    return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
  };
  /** Everything an import could write: the catalogue, the positions and the ledger. */
  const everything = async () => ({
    skus: (await h.call('GET', '/v1/skus')).body.items,
    stock: (await h.call('GET', '/v1/stock?limit=1000')).body.items,
    movements: (await h.call('GET', '/v1/movements?limit=1000')).body.items.length,
    warehouses: (await h.call('GET', '/v1/warehouses')).body.items.map((w: { code: string }) => w.code),
  });
  const onHand = async (sku: string) =>
    Object.fromEntries(
      (await h.call('GET', `/v1/stock/${sku}`)).body.positions.map(
        (p: { warehouse: string; onHand: number }) => [p.warehouse, p.onHand],
      ),
    );

  beforeAll(async () => {
    h = await startHarness(backend);
    for (const code of ['LON', 'AMS'])
      expect((await h.call('PUT', `/v1/warehouses/${code}`, { name: code, region: 'eu' })).status).toBe(201);
    for (const role of ['operator', 'storefront'] as const)
      keys[role] = (await createApiKey(h.ctx, { name: role, role })).key;
  });
  afterAll(() => h.close());

  it('describes a good file on a dry run and writes nothing', async () => {
    const before = await everything();
    const r = await importCsv(GOOD, '?dryRun=true');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({
      dryRun: true,
      rows: 4,
      skusNew: 3,
      skusUpdated: 0,
      stock: [
        { warehouse: 'LON', skus: 2, units: 45, created: false },
        { warehouse: 'AMS', skus: 1, units: 10, created: false },
      ],
      units: 55,
      applied: null,
    });
    expect(await everything()).toEqual(before);
  });

  it('lists every bad row by line, on a dry run and on apply, and writes nothing', async () => {
    const before = await everything();
    for (const query of ['?dryRun=true', '']) {
      const r = await importCsv(BAD, query);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('invalid_csv');
      expect(r.body.error.message).toBe('4 bad row(s); nothing was imported');
      const lines = r.body.error.details.errors.map((e: { line: number }) => e.line);
      expect([...new Set(lines)]).toEqual([3, 4, 5, 6]);
      expect(r.body.error.details.errors).toContainEqual({
        line: 5,
        message: 'SKU MUG has a different name, price or unitCost than on line 2',
      });
    }
    expect(await everything()).toEqual(before);
  });

  it('imports a good file, and the same file again adds no stock', async () => {
    const first = await importCsv(GOOD, '?fileName=opening.csv');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({
      dryRun: false,
      skusNew: 3,
      units: 55,
      applied: { skusCreated: 3, skusUpdated: 0, receipts: 2, units: 55, replayedReceipts: 0 },
    });
    expect(await onHand('MUG')).toEqual({ LON: 40, AMS: 10 });
    expect(await onHand('TEE')).toEqual({ LON: 5 });
    expect((await h.call('GET', '/v1/skus/MUG')).body).toMatchObject({
      name: 'Mug',
      price: 8.5,
      unitCost: 3,
    });
    const receipts = (await h.call('GET', '/v1/movements?sku=MUG')).body.items;
    expect(receipts.map((m: { reference: string }) => m.reference)).toEqual([
      'import:opening.csv',
      'import:opening.csv',
    ]);

    const movements = (await everything()).movements;
    const again = await importCsv(GOOD, '?fileName=opening-copy.csv');
    expect(again.body).toMatchObject({
      skusNew: 0,
      skusUpdated: 3,
      applied: { receipts: 2, replayedReceipts: 2, replayedUnits: 55 },
    });
    expect(await onHand('MUG')).toEqual({ LON: 40, AMS: 10 });
    expect((await everything()).movements).toBe(movements);
  });

  it('refuses warehouses that do not exist unless asked to create them', async () => {
    const csv = 'sku,name,warehouse,qty\nMUG,Mug,LON,1\nMUG,Mug,NEW-1,7\n';
    const before = await everything();
    const refused = await importCsv(csv);
    expect(refused.status).toBe(404);
    expect(refused.body.error).toMatchObject({
      code: 'unknown_warehouse',
      details: { warehouses: ['NEW-1'] },
    });
    expect(await everything()).toEqual(before);
    const preview = await importCsv(csv, '?dryRun=true&createWarehouses=true');
    expect(preview.body.stock).toContainEqual({ warehouse: 'NEW-1', skus: 1, units: 7, created: true });
    expect(await everything()).toEqual(before);
    const created = await importCsv(csv, '?createWarehouses=true');
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect((await onHand('MUG'))['NEW-1']).toBe(7);
  });

  it('puts rows without a warehouse into the one named in the query', async () => {
    const r = await importCsv('sku,name,qty\nHAT,Hat,4\n', '?warehouse=AMS');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(await onHand('HAT')).toEqual({ AMS: 4 });
  });

  it('writes nothing when the apply fails half-way (one transaction)', async () => {
    // The database refuses AMS's receipt, after the catalogue and LON's receipt were written.
    await h.db.exec(
      "alter table movements add constraint test_refuse_ams check (warehouse <> 'AMS') not valid",
    );
    try {
      const before = await everything();
      const r = await importCsv('sku,name,warehouse,qty\nNEW-SKU,New,LON,3\nNEW-SKU,New,AMS,3\n');
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(await everything()).toEqual(before);
    } finally {
      await h.db.exec('alter table movements drop constraint test_refuse_ams');
    }
  });

  it('refuses operator and storefront keys (403) and writes nothing', async () => {
    const before = await everything();
    for (const key of [keys.operator, keys.storefront]) {
      const r = await importCsv(GOOD, '', { authorization: `Bearer ${key}` });
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('forbidden');
    }
    expect((await importCsv(GOOD, '', { authorization: 'Bearer nope' })).status).toBe(401);
    expect(await everything()).toEqual(before);
  });

  it('answers hostile or broken input with a 4xx, never a 500', async () => {
    const before = await everything();
    const cases: [string, Promise<Reply>][] = [
      ['json body', importCsv('{"sku":"MUG"}', '', { 'content-type': 'application/json' })],
      ['empty body', importCsv('')],
      ['no header row', importCsv('\n\n')],
      ['unknown column', importCsv('sku,name,colour\nMUG,Mug,red\n')],
      ['unclosed quote', importCsv('sku,name\n"MUG,Mug\n')],
      ['NUL in a name', importCsv('sku,name\nMUG,Mu\u0000g\n')],
      ['binary', importCsv(Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x9c, 0x0a]))],
      ['huge qty', importCsv('sku,name,warehouse,qty\nMUG,Mug,LON,99999999999999999999\n')],
      ['bad warehouse query', importCsv(GOOD, '?warehouse=not%20a%20code')],
      ['unknown query field', importCsv(GOOD, '?dryRun=true&force=yes')],
      ['too large', importCsv('sku,name\n' + 'X,'.padEnd(33 * 1024 * 1024, 'y') + '\n')],
    ];
    for (const [name, reply] of cases) {
      const r = await reply;
      expect(r.status, `${name}: ${JSON.stringify(r.body)}`).toBeGreaterThanOrEqual(400);
      expect(r.status, `${name}: ${JSON.stringify(r.body)}`).toBeLessThan(500);
      expect(r.body.error.code, name).toMatch(/^[a-z_]+$/);
    }
    expect(await everything()).toEqual(before);
    // A header and no rows is a file with nothing in it, not an error.
    expect((await importCsv('sku,name\n')).body).toMatchObject({ rows: 0, units: 0, stock: [] });
  });
});
