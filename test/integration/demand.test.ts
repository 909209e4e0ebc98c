import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readDemandHistories, readDemandHistory } from '../../src/app/demand.ts';
import { expireDueOrders } from '../../src/app/orders.ts';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness, importDemandCsv } from '../helpers/harness.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(backends())('demand history on $name', (backend) => {
  let h: Harness;
  let n = 0;
  let sku: string;
  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, []);
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    sku = `DEM-${++n}`;
    await h.call('PUT', `/v1/skus/${sku}`, { name: sku });
  });

  const ok = async (method: 'POST' | 'GET', path: string, body?: unknown) => {
    const r = await h.call(method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const receive = (warehouse: string, qty: number) =>
    ok('POST', '/v1/receipts', { warehouse, lines: [{ sku, qty }] });
  const order = (id: string, qty: number, extra: Record<string, unknown> = {}) =>
    ok('POST', '/v1/orders', { orderId: `${sku}-${id}`, lines: [{ sku, qty, warehouse: 'LON' }], ...extra });
  const today = () => h.now().toISOString().slice(0, 10);
  /** Moves the clock to 01:00 of the next day and answers that date. */
  const nextDay = () => {
    const now = h.now().getTime();
    h.advance(Math.floor(now / DAY) * DAY + DAY + HOUR - now);
    return today();
  };
  const csv = (body: string, query = '') => importDemandCsv(h, body, query);
  const pick = (
    days: { date: string; units: number; returned: number; outOfStock: boolean; source: string }[],
  ) => days.map((d) => [d.date, d.units, d.returned, d.outOfStock, d.source]);

  it('counts units ordered on the day placed, less what was cancelled or expired; returns apart', async () => {
    const d1 = nextDay();
    await receive('LON', 10);
    await order('a', 3);
    await order('b', 2);
    await ok('POST', `/v1/orders/${sku}-b/cancel`);
    await order('c', 4, { expiresInSeconds: 60 });
    h.advance(120_000);
    expect(await expireDueOrders(h.ctx)).toContain(`${sku}-c`);
    await order('p', 5); // partly shipped, then the rest cancelled: the shipped 2 stay demand
    await ok('POST', `/v1/orders/${sku}-p/shipments`, { lines: [{ sku, qty: 2 }] });
    await ok('POST', `/v1/orders/${sku}-p/cancel`);

    const d2 = nextDay();
    await ok('POST', `/v1/orders/${sku}-a/shipments`);
    await order('d', 2);
    await ok('POST', `/v1/orders/${sku}-d/shipments`);
    await ok('POST', '/v1/returns', {
      orderId: `${sku}-a`,
      warehouse: 'LON',
      lines: [{ sku, qty: 1, condition: 'sellable' }],
    });

    const body = await ok('GET', `/v1/demand/${sku}?warehouse=LON`);
    expect(body).toMatchObject({ sku, warehouse: 'LON', from: d1, to: d2, firstLedgerDay: d1 });
    expect(pick(body.days)).toEqual([
      [d1, 3 + 2, 0, false, 'ledger'],
      [d2, 2, 1, false, 'ledger'],
    ]);
    // The SKU everywhere: the same, there is only LON.
    expect(pick((await ok('GET', `/v1/demand/${sku}`)).days)).toEqual(pick(body.days));
  });

  it('marks days out of stock when sellable reached 0 at any moment, also the days it stayed there', async () => {
    const d1 = nextDay();
    await receive('LON', 4);
    await order('a', 1);
    const d2 = nextDay();
    await order('b', 3); // S = 0: the rest of the day's demand was lost
    const d3 = nextDay(); // nothing happens: still nothing to sell
    const d4 = nextDay();
    await receive('LON', 5); // restocked, but the day began at 0
    await ok('POST', `/v1/orders/${sku}-b/cancel`); // released later: not demand of d2 any more
    const d5 = nextDay();
    await order('c', 1);
    const lon = await ok('GET', `/v1/demand/${sku}?warehouse=LON`);
    expect(pick(lon.days)).toEqual([
      [d1, 1, 0, false, 'ledger'],
      [d2, 0, 0, true, 'ledger'],
      [d3, 0, 0, true, 'ledger'],
      [d4, 0, 0, true, 'ledger'],
      [d5, 1, 0, false, 'ledger'],
    ]);
    // from/to cut the listing; the level entering `from` still counts.
    const cut = await ok('GET', `/v1/demand/${sku}?warehouse=LON&from=${d3}&to=${d4}`);
    expect(pick(cut.days)).toEqual(pick(lon.days).slice(2, 4));
  });

  it('for the SKU as a whole, a day is out of stock only when no warehouse had a unit at some moment', async () => {
    const d1 = nextDay();
    await receive('LON', 2);
    await receive('AMS', 1);
    const d2 = nextDay();
    await order('a', 2); // LON sold out; AMS still has one
    const d3 = nextDay();
    await ok('POST', '/v1/orders', { orderId: `${sku}-b`, lines: [{ sku, qty: 1, warehouse: 'AMS' }] }); // now none anywhere
    const d4 = nextDay();
    await receive('AMS', 3);
    const lon = await ok('GET', `/v1/demand/${sku}?warehouse=LON`);
    const ams = await ok('GET', `/v1/demand/${sku}?warehouse=AMS`);
    const all = await ok('GET', `/v1/demand/${sku}`);
    expect(lon.days.map((d: { outOfStock: boolean }) => d.outOfStock)).toEqual([false, true, true, true]);
    expect(ams.days.map((d: { outOfStock: boolean }) => d.outOfStock)).toEqual([false, false, true, true]);
    expect(pick(all.days)).toEqual([
      [d1, 0, 0, false, 'ledger'],
      [d2, 2, 0, false, 'ledger'],
      [d3, 1, 0, true, 'ledger'],
      [d4, 0, 0, true, 'ledger'],
    ]);
  });

  it('imports history from CSV, replaces a day imported again, and the ledger takes over from its first day', async () => {
    const t = today();
    const [a, b, c] = [-4, -3, -2].map((k) => new Date(Date.parse(t) + k * DAY).toISOString().slice(0, 10));
    const first = await csv(
      `date,sku,units,warehouse,outOfStock\n${a},${sku},3,LON,\n${b},${sku},0,LON,true\n${c},${sku},5,LON,false\n${c},${sku},1,,\n`,
    );
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ source: 'csv', from: a, to: c, rows: 4, skus: 1 });
    const lon = await ok('GET', `/v1/demand/${sku}?warehouse=LON`);
    expect(pick(lon.days)).toEqual([
      [a, 3, 0, false, 'import'],
      [b, 0, 0, true, 'import'],
      [c, 5, 0, false, 'import'],
    ]);
    // The SKU as a whole: the row without a warehouse adds to the day.
    expect((await ok('GET', `/v1/demand/${sku}`)).days.at(-1)).toMatchObject({ date: c, units: 6 });

    const again = await csv(
      `date,sku,units,warehouse,outOfStock\n${b},${sku},0,LON,true\n${c},${sku},7,LON,\n${c},${sku},1,LON,\n`,
    );
    expect(again.status).toBe(201);
    expect(again.body.rows).toBe(2); // two lines of one day are summed
    expect((await ok('GET', `/v1/demand/${sku}?warehouse=LON`)).days.slice(-2)).toMatchObject([
      { date: b, units: 0, outOfStock: true },
      { date: c, units: 8, outOfStock: false },
    ]);
    // Only the day whose figures changed was written again; the same figures keep their import.
    const { rows: held } = await h.db.query<{ day: string; import_id: number }>(
      `select to_char(day, 'YYYY-MM-DD') as day, import_id::float8 as import_id from demand_history
       where sku = $1 and warehouse = 'LON' order by day`,
      [sku],
    );
    expect(held).toEqual([
      { day: a, import_id: first.body.importId },
      { day: b, import_id: first.body.importId },
      { day: c, import_id: again.body.importId },
    ]);

    // The ledger starts today: from it on, imported rows are not used.
    await csv(`date,sku,units,warehouse\n${t},${sku},50,LON\n`);
    await receive('LON', 10);
    await order('x', 2);
    const after = await ok('GET', `/v1/demand/${sku}?warehouse=LON`);
    expect(after.firstLedgerDay).toBe(t);
    expect(pick(after.days).slice(-3)).toEqual([
      [c, 8, 0, false, 'import'],
      [new Date(Date.parse(t) - DAY).toISOString().slice(0, 10), 0, 0, false, 'import'], // covered, no sales
      [t, 2, 0, false, 'ledger'],
    ]);
  });

  it('refuses a file with bad rows or unknown SKUs, and writes nothing', async () => {
    const t = today();
    const bad = await csv(
      `date,sku,units\n${t},${sku},3\n2030-02-30,${sku},1\n${t},${sku},-1\n${t},bad sku,x\n`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_csv');
    expect(bad.body.error.details.errors).toEqual([
      { line: 3, column: 'date', message: expect.any(String) },
      { line: 4, column: 'units', message: expect.any(String) },
      { line: 5, column: 'sku', message: expect.any(String) },
      { line: 5, column: 'units', message: expect.any(String) },
    ]);
    const header = await csv(`day,sku,units,colour\n${t},${sku},1,red\n`);
    expect(header.status).toBe(400);
    expect(header.body.error.details.errors.map((e: { column: string }) => e.column)).toEqual([
      'date',
      'day',
      'colour',
    ]);

    const unknown = await csv(`date,sku,units\n${t},${sku},3\n${t},NOPE-1,1\n${t},NOPE-2,1\n`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('unknown_sku');
    expect(unknown.body.error.details).toMatchObject({ skus: ['NOPE-1', 'NOPE-2'], count: 2 });
    const warehouse = await csv(`date,sku,units,warehouse\n${t},${sku},3,NOWHERE\n`);
    expect(warehouse.status).toBe(404);
    expect(warehouse.body.error.code).toBe('unknown_warehouse');
    expect((await ok('GET', `/v1/demand/${sku}`)).days).toEqual([]);

    const json = await h.call('POST', '/v1/demand/import', { date: t });
    expect(json.status).toBe(415);
    // Only the import reads CSV: elsewhere text/csv is still the wrong type.
    const elsewhere = await h.app.inject({
      method: 'POST',
      url: '/v1/orders',
      headers: { authorization: `Bearer ${h.adminKey}`, 'content-type': 'text/csv' },
      payload: 'orderId\nx\n',
    });
    expect(elsewhere.statusCode).toBe(415);

    const skipped = await csv(`date,sku,units\n${t},${sku},3\n${t},NOPE-1,1\n`, '?unknownSkus=skip');
    expect(skipped.status).toBe(201);
    expect(skipped.body).toMatchObject({ rows: 1, skippedSkus: ['NOPE-1'], createdSkus: [] });
    expect((await h.call('GET', '/v1/skus/NOPE-1')).status).toBe(404);
    const created = await csv(`date,sku,units\n${t},NOPE-3,4\n`, '?unknownSkus=create');
    expect(created.body).toMatchObject({ rows: 1, createdSkus: ['NOPE-3'] });
    expect((await ok('GET', '/v1/demand/NOPE-3')).days).toEqual([
      { date: t, units: 4, returned: 0, outOfStock: false, source: 'import' },
    ]);
  });

  it('answers unknown SKUs and warehouses with their codes', async () => {
    expect((await h.call('GET', '/v1/demand/NOT-THERE')).body.error.code).toBe('unknown_sku');
    expect((await h.call('GET', `/v1/demand/${sku}?warehouse=NOWHERE`)).body.error.code).toBe(
      'unknown_warehouse',
    );
    expect((await h.call('GET', `/v1/demand/${sku}?from=2030-02-02&to=2030-01-01`)).status).toBe(400);
    expect((await ok('GET', `/v1/demand/${sku}`)).days).toEqual([]);
  });

  // Last: it reads the SKUs every test above left behind, ledger and imports alike.
  it('reads the histories of many SKUs at once exactly as one at a time (a forecast refresh)', async () => {
    const skus = [...Array.from({ length: n }, (_, i) => `DEM-${i + 1}`), 'NOPE-3'];
    let withDays = 0;
    for (const warehouse of ['LON', 'AMS', null]) {
      const q = { warehouse, to: today() };
      const together = await readDemandHistories(h.ctx, skus, q);
      expect([...together.keys()]).toEqual(skus);
      for (const one of skus) {
        const alone = await readDemandHistory(h.ctx, { sku: one, ...q });
        expect(together.get(one), `${one} at ${warehouse ?? 'every warehouse'}`).toEqual(alone);
        if (alone.days.length > 0) withDays++;
      }
    }
    // The comparison is between histories with days in them, not empty ones.
    expect(withDays).toBeGreaterThanOrEqual(8);
  });
});
