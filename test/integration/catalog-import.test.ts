/**
 * The catalogue as CSV: import all or nothing with every bad row listed by line, safe to run
 * again, export in the import format (guarded against formula injection) that imports back to
 * the same catalogue; over HTTP and through `stockroom catalog import|export`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createThrowawayDatabase, pgAdminUrl, seededDataDir } from '../helpers/backends.ts';
import { runStockroom } from '../helpers/cli.ts';
import { startHarness, type Harness, type Reply } from '../helpers/harness.ts';

const CATALOG = `sku,name,price,unit_cost,product,product_name,options,categories,attributes
TEE-S,Tee small,12,5,tee,Tee,size=S; colour=black,apparel,
TEE-M,Tee medium,12,5,tee,Tee,size=M; colour=black,apparel|sale,"{""fabric"":""cotton""}"
MUG,"Mug, white",8.5,,,,,kitchen,
`;

const BAD = `sku,name,price,unit_cost,product,product_name,options,categories,attributes
OK-1,Fine,1,1,,,,,
BAD SKU,Bad code,1,1,,,,,
OK-2,Bad price,abc,1,,,,,
OK-3,Bad options,1,1,p,,size,,
OK-1,Twice,1,1,,,,,
OK-4,Bad attributes,1,1,,,,,[1]
OK-5,Unknown category,1,1,,,,nowhere,
`;

describe.each(backends())('catalogue CSV on $name', (backend) => {
  let h: Harness;
  const importCsv = async (csv: string): Promise<Reply> => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/catalog/import',
      headers: { authorization: `Bearer ${h.adminKey}`, 'content-type': 'text/csv' },
      payload: csv,
    });
    return { status: res.statusCode, body: JSON.parse(res.body) };
  };
  const exportCsv = async (query = '') => {
    const res = await h.app.inject({
      method: 'GET',
      url: `/v1/catalog/export.csv${query}`,
      headers: { authorization: `Bearer ${h.adminKey}` },
    });
    return { status: res.statusCode, body: res.body };
  };
  beforeAll(async () => {
    h = await startHarness(backend);
    for (const c of ['apparel', 'sale', 'kitchen']) await h.call('PUT', `/v1/categories/${c}`, { name: c });
  });
  afterAll(() => h.close());

  it('refuses a file with bad rows, listing each by line, and writes nothing', async () => {
    const r = await importCsv(BAD);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_csv');
    const lines = r.body.error.details.errors.map((e: { line: number }) => e.line);
    expect([...new Set(lines)]).toEqual([3, 4, 5, 6, 7]);
    expect(r.body.error.details.errors.find((e: { line: number }) => e.line === 6).message).toMatch(/line 2/);
    expect((await h.call('GET', '/v1/skus')).body.items).toEqual([]);
    // The rows are fine once the file's own problems are gone; an unknown category is found in
    // the database, still by line, and still nothing is written.
    const unknown = await importCsv(
      BAD.split('\n')
        .filter((l, i) => i === 0 || i === 1 || i === 7)
        .join('\n'),
    );
    expect(unknown.body.error).toMatchObject({
      code: 'invalid_csv',
      details: { errors: [{ line: 3, message: 'no category nowhere' }] },
    });
    expect((await h.call('GET', '/v1/skus')).body.items).toEqual([]);
  });

  it('refuses, by line, a code that names damaged units under the suffix rule, and writes nothing', async () => {
    expect((await h.call('PUT', '/v1/settings/damaged-suffix', { suffixes: ['U'] })).status).toBe(200);
    try {
      const r = await importCsv('sku,name\nPLAIN,Plain\n351038U,Damaged holder\n');
      expect(r.body.error).toMatchObject({
        code: 'invalid_csv',
        details: { errors: [{ line: 3, message: expect.stringContaining('damaged units of 351038') }] },
      });
      expect((await h.call('GET', '/v1/skus')).body.items).toEqual([]);
    } finally {
      expect((await h.call('PUT', '/v1/settings/damaged-suffix', { suffixes: [] })).status).toBe(200);
    }
  });

  it('imports SKUs, products, options, categories and attributes; again changes nothing', async () => {
    const first = await importCsv(CATALOG);
    expect(first).toMatchObject({
      status: 200,
      body: { rows: 3, skusCreated: 3, skusUpdated: 0, productsCreated: 1 },
    });
    const tee = (await h.call('GET', '/v1/products/tee')).body;
    expect(tee).toMatchObject({ name: 'Tee', options: ['size', 'colour'], skuCount: 2 });
    expect((await h.call('GET', '/v1/skus/TEE-M')).body).toMatchObject({
      name: 'Tee medium',
      price: 12,
      unitCost: 5,
      product: 'tee',
      options: { size: 'M', colour: 'black' },
      categories: ['apparel', 'sale'],
      attributes: { fabric: 'cotton' },
    });
    const before = (await exportCsv()).body;
    const again = await importCsv(CATALOG);
    expect(again.body).toMatchObject({ skusCreated: 0, skusUpdated: 3, productsCreated: 0 });
    expect((await exportCsv()).body).toBe(before);
  });

  it("refuses, by line, option names that are not the variant's product's", async () => {
    // Without a product column the SKUs keep their product (tee: size, colour).
    const r = await importCsv('sku,name,options\nTEE-S,Tee small,size=S\nTEE-M,Tee medium,fit=slim\n');
    expect(r.body.error).toMatchObject({
      code: 'invalid_csv',
      details: {
        errors: [{ line: 3, message: 'option fit is not an option of product tee (size, colour)' }],
      },
    });
    expect((await h.call('GET', '/v1/skus/TEE-M')).body.options).toEqual({ size: 'M', colour: 'black' });
  });

  it('refuses two variants of a product with the same option values, and writes nothing', async () => {
    // TEE-S is size=S colour=black: TEE-M may not take the same values, in any order.
    const taken = await importCsv('sku,name,options\nTEE-M,Tee medium,colour=black; size=S\n');
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({
      code: 'duplicate_variant',
      details: { sku: 'TEE-M', product: 'tee', existing: 'TEE-S' },
    });
    expect((await h.call('GET', '/v1/skus/TEE-M')).body.options).toEqual({ size: 'M', colour: 'black' });
    // Two new rows of one file sharing their values: neither is written.
    const twice = await importCsv(
      'sku,name,product,options\nTEE-L,Tee large,tee,size=L\nTEE-L2,Tee large too,tee,size=L\n',
    );
    expect(twice.body.error?.code, JSON.stringify(twice.body)).toBe('duplicate_variant');
    expect((await h.call('GET', '/v1/skus/TEE-L')).status).toBe(404);
  });

  it('a column left out keeps what each SKU has', async () => {
    await importCsv('sku,name,price\nMUG,Mug white,9\n');
    expect((await h.call('GET', '/v1/skus/MUG')).body).toMatchObject({
      name: 'Mug white',
      price: 9,
      categories: ['kitchen'],
    });
  });

  it('exports in the import format, guarded against formula injection, and imports back the same', async () => {
    await h.call('PATCH', '/v1/skus', { items: [{ sku: 'MUG', name: '=HYPERLINK("http://evil","x")' }] });
    const out = await exportCsv();
    expect(out.status).toBe(200);
    const lines = out.body.trim().split('\n');
    expect(lines[0]).toBe('sku,name,price,unit_cost,product,product_name,options,categories,attributes');
    expect(lines).toContain(`MUG,"'=HYPERLINK(""http://evil"",""x"")",9,,,,,kitchen,`);
    expect(lines).toContain('TEE-S,Tee small,12,5,tee,Tee,size=S; colour=black,apparel,');
    const back = await importCsv(out.body);
    expect(back.status).toBe(200);
    expect((await h.call('GET', '/v1/skus/MUG')).body.name).toBe('=HYPERLINK("http://evil","x")');
    expect((await exportCsv()).body).toBe(out.body);
    const kitchen = await exportCsv('?category=kitchen');
    expect(kitchen.body.trim().split('\n')).toHaveLength(2);
    expect((await exportCsv('?category=nowhere')).status).toBe(404);
  });

  it('a JSON body is the wrong type', async () => {
    const r = await h.call('POST', '/v1/catalog/import', { sku: 'X' });
    expect(r.status).toBe(415);
  });
});

describe.each(backends())('stockroom catalog import|export on $name', (backend) => {
  let dir: string;
  let env: Record<string, string>;
  let drop = async () => {};
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stockroom-catalog-'));
    if (backend.name === 'postgres') {
      const throwaway = await createThrowawayDatabase(pgAdminUrl()!);
      drop = throwaway.drop;
      env = { DATABASE_URL: throwaway.url, STOCKROOM_DATA: join(dir, 'unused') };
    } else {
      env = { DATABASE_URL: '', STOCKROOM_DATA: seededDataDir(join(dir, 'data')) };
    }
  });
  afterAll(async () => {
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports all or nothing, reports bad rows by line, and exports what it imported', async () => {
    writeFileSync(join(dir, 'bad.csv'), BAD);
    const bad = await runStockroom(['catalog', 'import', join(dir, 'bad.csv')], env, 180_000);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/5 bad row\(s\); nothing was imported/);
    expect(bad.stderr).toMatch(/line 3: sku "BAD SKU" is not a valid code/);
    const file = join(dir, 'catalog.csv');
    writeFileSync(file, CATALOG.replace(/apparel\|sale|apparel|kitchen/g, ''));
    const good = await runStockroom(['catalog', 'import', file], env, 180_000);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toMatch(/3 rows, 3 SKUs new, 0 updated, 1 products new/);
    const out = join(dir, 'out.csv');
    const exported = await runStockroom(['catalog', 'export', '--out', out], env, 180_000);
    expect(exported.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain(
      'TEE-M,Tee medium,12,5,tee,Tee,size=M; colour=black,,"{""fabric"":""cotton""}"\n',
    );
  }, 400_000);
});
