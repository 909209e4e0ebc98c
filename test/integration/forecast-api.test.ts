import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { forecastPosition } from '../../src/app/forecast.ts';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness, importDemandCsv } from '../helpers/harness.ts';

const DAY = 86_400_000;

describe.each(backends())('forecast API on $name', (backend) => {
  let h: Harness;
  let n = 0;
  let sku: string;
  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, []);
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    sku = `FC-${++n}`;
    await h.call('PUT', `/v1/skus/${sku}`, { name: sku });
  });

  const date = (offsetDays: number) =>
    new Date(h.now().getTime() + offsetDays * DAY).toISOString().slice(0, 10);
  /** Imports `days` days of `units` a day, ending yesterday. */
  const importConstant = async (units: number, days: number, warehouse = 'LON') => {
    const lines = Array.from({ length: days }, (_, i) => `${date(i - days)},${sku},${units},${warehouse}`);
    const r = await importDemandCsv(h, `date,sku,units,warehouse\n${lines.join('\n')}\n`);
    expect(r.status).toBe(201);
  };

  it('forecasts a constant imported series as that constant, from today', async () => {
    await importConstant(5, 120);
    const r = await h.call('GET', `/v1/forecast/${sku}?warehouse=LON&horizonDays=14`);
    expect(r.status).toBe(200);
    const f = r.body;
    expect(f).toMatchObject({
      sku,
      warehouse: 'LON',
      horizonDays: 14,
      level: 0.8,
      classification: 'smooth',
      history: { from: date(-120), to: date(-1), observedDays: 120, outOfStockDays: 0 },
    });
    expect(f.model).not.toBe('none');
    expect(f.backtest.origins).toBe(3);
    expect(f.backtest.wape).toBeCloseTo(0, 6);
    expect(f.backtest.dailyErrorSd).toBeCloseTo(0, 6);
    expect(f.days).toHaveLength(14);
    expect(f.days[0].date).toBe(date(0));
    for (const d of f.days) {
      expect(d.forecast).toBeCloseTo(5, 6);
      expect(d.median).toBeCloseTo(5, 6);
      expect(d.lower).toBeCloseTo(5, 6);
      expect(d.upper).toBeCloseTo(5, 6);
    }
    // The SKU everywhere reads the same rows.
    const all = await forecastPosition(h.ctx, { sku, warehouse: null, horizonDays: 3 });
    expect(all.days.map((d) => d.forecast)).toEqual([
      expect.closeTo(5, 6),
      expect.closeTo(5, 6),
      expect.closeTo(5, 6),
    ]);
  });

  it('forecasts zero with model none when there is no history', async () => {
    const f = await forecastPosition(h.ctx, { sku, warehouse: 'LON', horizonDays: 3 });
    expect(f).toMatchObject({
      model: 'none',
      classification: 'none',
      backtest: { wape: null, dailyErrorSd: 0, origins: 0 },
      history: { from: null, to: null, observedDays: 0, outOfStockDays: 0 },
    });
    const bands = [0.8, 0.95].map((level) => ({ level, lower: 0, upper: 0 }));
    expect(f.days).toEqual(
      [0, 1, 2].map((i) => ({
        date: date(i),
        forecast: 0,
        median: 0,
        lower: 0,
        upper: 0,
        bands,
        events: [],
      })),
    );
    expect(f.intervals).toEqual({
      method: 'none',
      heldOut: [0.8, 0.95].map((level) => ({ level, coverage: null, days: 0 })),
    });
    expect(f.reconciliation).toEqual({ method: 'none', warehouses: [] });
  });

  it('caches a forecast until the history changes', async () => {
    await importConstant(2, 60);
    const first = await forecastPosition(h.ctx, { sku, warehouse: 'LON', horizonDays: 7 });
    expect(await forecastPosition(h.ctx, { sku, warehouse: 'LON', horizonDays: 7 })).toBe(first);
    await importConstant(4, 60);
    const after = await forecastPosition(h.ctx, { sku, warehouse: 'LON', horizonDays: 7 });
    expect(after).not.toBe(first);
    expect(after.days[0]!.forecast).toBeCloseTo(4, 6);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = JSON.parse((await h.app.inject({ url: '/openapi.json' })).body);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/demand/import', '/v1/demand/{sku}', '/v1/forecast/{sku}']),
    );
    expect(doc.paths['/v1/demand/import'].post.requestBody.content['text/csv']).toBeDefined();
  });

  it('imports weekly history and forecasts it in whole weeks, spread back to days', async () => {
    // 30 weeks of totals, each dated by its Monday, ending with the last whole week before today.
    const thisMonday = (() => {
      const d = new Date(`${date(0)}T00:00:00Z`);
      return (d.getUTCDay() + 6) % 7;
    })();
    const monday = (weeksBack: number) => date(-thisMonday - 7 * weeksBack);
    const rows = Array.from({ length: 30 }, (_, i) => `${monday(30 - i)},${sku},${40 + (i % 2) * 10}`);
    const csv = `date,sku,units\n${rows.join('\n')}\n`;
    expect((await importDemandCsv(h, csv, '?bucket=week')).status).toBe(201);
    // A day that does not start its week is refused with the line.
    const bad = await importDemandCsv(
      h,
      `date,sku,units\n${date(-thisMonday - 1)},${sku},5\n`,
      '?bucket=week',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_csv');
    expect(bad.body.error.details.errors[0]).toMatchObject({ line: 2, column: 'date' });

    // The daily history holds the weekly totals exactly.
    const history = await h.call('GET', `/v1/demand/${sku}?from=${monday(30)}&to=${date(-thisMonday - 1)}`);
    expect(history.body.days.reduce((s: number, d: { units: number }) => s + d.units, 0)).toBe(30 * 45);

    const r = await h.call('GET', `/v1/forecast/${sku}?bucket=week&horizonDays=28`);
    expect(r.status).toBe(200);
    expect(r.body.bucket).toBe('week');
    expect(r.body.seasonLength).toBeNull(); // 30 weeks cannot show a yearly season
    expect(r.body.periods[0].start).toBe(monday(0));
    for (const p of r.body.periods) {
      expect(p.forecast).toBeGreaterThan(35);
      expect(p.forecast).toBeLessThan(55);
    }
    const days = r.body.days as { date: string; forecast: number }[];
    // Without ledger history the forecast follows the import: from the Monday after it.
    expect(days[0]!.date).toBe(monday(0));
    expect(days).toHaveLength(28);
    const inFirstWeek = days.slice(0, 7).reduce((s, d) => s + d.forecast, 0);
    expect(inFirstWeek).toBeCloseTo(r.body.periods[0].forecast, 6);
    expect((await h.call('GET', `/v1/forecast/${sku}?bucket=fortnight`)).status).toBe(400);
  });

  it('answers 80% and 95% intervals and their coverage on held-out backtest origins', async () => {
    // A weekly shape with noise, 20 weeks, at LON.
    const lines = Array.from({ length: 140 }, (_, i) => {
      const units = [3, 8, 9, 7, 10, 12, 1][i % 7]! + ((i * 7919) % 5);
      return `${date(i - 140)},${sku},${units},LON`;
    });
    expect((await importDemandCsv(h, `date,sku,units,warehouse\n${lines.join('\n')}\n`)).status).toBe(201);
    const r = await h.call('GET', `/v1/forecast/${sku}?warehouse=LON&horizonDays=14&level=0.9`);
    expect(r.status).toBe(200);
    expect(r.body.intervals.method).toBe('conformal');
    expect(r.body.intervals.heldOut.map((c: { level: number }) => c.level)).toEqual([0.8, 0.9, 0.95]);
    for (const c of r.body.intervals.heldOut) {
      expect(c.days).toBe(42); // 3 origins x 14 days, each checked against the other two
      expect(c.coverage).toBeGreaterThanOrEqual(0);
      expect(c.coverage).toBeLessThanOrEqual(1);
    }
    for (const d of r.body.days) {
      const [b80, b90, b95] = d.bands;
      expect(b90).toEqual({ level: 0.9, lower: d.lower, upper: d.upper });
      expect(b95.lower).toBeLessThanOrEqual(b80.lower);
      expect(b80.lower).toBeLessThanOrEqual(d.forecast);
      expect(b80.upper).toBeGreaterThanOrEqual(d.forecast);
      expect(b95.upper).toBeGreaterThanOrEqual(b80.upper);
      expect(d.median).toBeGreaterThanOrEqual(b80.lower);
      expect(d.median).toBeLessThanOrEqual(b80.upper);
    }
  });

  it('forecasts a SKU held at two warehouses bottom-up: the sum of theirs', async () => {
    const lines = Array.from({ length: 120 }, (_, i) => [
      `${date(i - 120)},${sku},${[2, 6, 6, 5, 7, 9, 0][i % 7]! + (i % 3)},LON`,
      `${date(i - 120)},${sku},${i % 4 === 0 ? 5 : 0},AMS`,
    ]).flat();
    expect((await importDemandCsv(h, `date,sku,units,warehouse\n${lines.join('\n')}\n`)).status).toBe(201);
    const [all, lon, ams] = await Promise.all(
      [null, 'LON', 'AMS'].map((warehouse) => forecastPosition(h.ctx, { sku, warehouse, horizonDays: 10 })),
    );
    expect(all!.reconciliation).toEqual({
      method: 'bottom-up',
      warehouses: [
        { warehouse: 'AMS', model: ams!.model },
        { warehouse: 'LON', model: lon!.model },
      ],
    });
    all!.days.forEach((d, i) => {
      expect(d.forecast).toBeCloseTo(lon!.days[i]!.forecast + ams!.days[i]!.forecast, 9);
      expect(d.lower).toBeLessThanOrEqual(d.forecast);
      expect(d.upper).toBeGreaterThanOrEqual(d.forecast);
      expect(d.bands[1]!.upper).toBeGreaterThanOrEqual(d.bands[0]!.upper);
      // The median keeps the SKU's own distance from its forecast: the median of a sum is not
      // the sum of the medians.
      expect(d.median).toBeGreaterThanOrEqual(d.lower);
      expect(d.median).toBeLessThanOrEqual(d.upper);
    });
    // AMS sells 5 units every fourth day: each day is more likely to sell nothing, so its median
    // is 0 while its forecast (the mean) is not.
    expect(ams!.days.every((d) => d.median === 0 && d.forecast > 0)).toBe(true);
    expect(lon!.reconciliation.method).toBe('none');
    const r = await h.call('GET', `/v1/forecast/${sku}?horizonDays=10`);
    expect(r.body.reconciliation.method).toBe('bottom-up');
    expect(r.body.days[0].forecast).toBeCloseTo(all!.days[0]!.forecast, 9);
    expect(r.body.days[0].median).toBeCloseTo(all!.days[0]!.median, 9);

    // History imported for the SKU as a whole is in no warehouse: its own forecast stands.
    const whole = await importDemandCsv(h, `date,sku,units\n${date(-200)},${sku},4\n`);
    expect(whole.status).toBe(201);
    const own = await forecastPosition(h.ctx, { sku, warehouse: null, horizonDays: 10 });
    expect(own.reconciliation).toEqual({ method: 'none', warehouses: [] });
  });

  it('refuses a bad horizon or level, and unknown SKUs and warehouses', async () => {
    const code = async (query: string, s = sku) => {
      const r = await h.call('GET', `/v1/forecast/${s}${query}`);
      return [r.status, r.body.error?.code];
    };
    expect(await code('?horizonDays=366')).toEqual([400, 'invalid_horizon']);
    expect(await code('?horizonDays=0')).toEqual([400, 'invalid_horizon']);
    expect(await code('?horizonDays=2.5')).toEqual([400, 'invalid_horizon']);
    expect(await code('?horizonDays=365')).toEqual([200, undefined]);
    expect(await code('?level=1')).toEqual([400, 'invalid_level']);
    expect(await code('?level=0')).toEqual([400, 'invalid_level']);
    expect(await code('?level=-0.5')).toEqual([400, 'invalid_level']);
    expect(await code('?level=0.95')).toEqual([200, undefined]);
    expect(await code('?horizonDays=ten')).toEqual([400, 'invalid_request']);
    expect(await code('', 'NOT-A-SKU')).toEqual([404, 'unknown_sku']);
    expect(await code('?warehouse=NOWHERE')).toEqual([404, 'unknown_warehouse']);
  });

  it('holds event days out of fitting, learns their uplift and applies it to future dates', async () => {
    // 5 a day for 120 days, but 25 on two past sale days (-35 and -70: the same weekday as +7).
    const lines = Array.from({ length: 120 }, (_, i) => {
      const offset = i - 120;
      const units = offset === -35 || offset === -70 ? 25 : 5;
      return `${date(offset)},${sku},${units},LON`;
    });
    const imported = await importDemandCsv(h, `date,sku,units,warehouse\n${lines.join('\n')}\n`);
    expect(imported.status).toBe(201);
    const put = await h.call('PUT', `/v1/forecast-events/sale-${n}`, {
      dates: [date(7), date(-70), date(-35)],
    });
    expect(put.status).toBe(201);
    expect(put.body.dates).toEqual([date(-70), date(-35), date(7)]);
    const listed = (await h.call('GET', '/v1/forecast-events')).body.items;
    expect(listed).toContainEqual({ name: `sale-${n}`, dates: [date(-70), date(-35), date(7)] });

    const f = (await h.call('GET', `/v1/forecast/${sku}?warehouse=LON&horizonDays=14`)).body;
    expect(f.eventUplifts).toContainEqual({ name: `sale-${n}`, uplift: 5, occurrences: 2 });
    for (const d of f.days) {
      expect(d.forecast).toBeCloseTo(d.date === date(7) ? 25 : 5, 6);
      expect(d.events).toEqual(d.date === date(7) ? [`sale-${n}`] : []);
    }

    // Without the event, the two sale days are ordinary history again.
    expect((await h.call('DELETE', `/v1/forecast-events/sale-${n}`)).status).toBe(204);
    const plain = (await h.call('GET', `/v1/forecast/${sku}?warehouse=LON&horizonDays=14`)).body;
    expect(plain.days.find((d: { date: string }) => d.date === date(7)).forecast).toBeLessThan(25);
    expect(plain.eventUplifts.map((e: { name: string }) => e.name)).not.toContain(`sale-${n}`);

    const missing = await h.call('DELETE', `/v1/forecast-events/sale-${n}`);
    expect([missing.status, missing.body.error.code]).toEqual([404, 'not_found']);
    const bad = await h.call('PUT', '/v1/forecast-events/x', { dates: ['2030-13-45'] });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'invalid_request']);
    const none = await h.call('PUT', '/v1/forecast-events/x', { dates: [] });
    expect(none.status).toBe(400);
  });
});
