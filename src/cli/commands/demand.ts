/**
 * Demand commands: `demand import <file>` (sales history from CSV or the Online Retail data)
 * and `forecast show <sku>` (the forecast table). Thin callers of the use cases behind
 * POST /v1/demand/import and GET /v1/forecast/{sku}.
 */
import type { Command } from 'commander';
import { parseDemandCsv } from '../../app/demand-csv.ts';
import {
  importDemandHistory,
  UNKNOWN_SKU_POLICIES,
  type DemandImportLine,
  type DemandImportView,
} from '../../app/demand.ts';
import {
  DEFAULT_HORIZON_DAYS,
  DEFAULT_LEVEL,
  forecastPosition,
  type PositionForecast,
} from '../../app/forecast.ts';
import { dateOfDay, dayNumber, type Bucket } from '../../domain/forecast/index.ts';
import { DemandImportQuery, ForecastQuery, forecastRequest } from '../../http/routes/demand.ts';
import { withDefaults } from '../../http/requests.ts';
import { CodeParams, SkuParams } from '../../http/schemas.ts';
import { bad, numeral, oneOf, optional, request, withJson, type JsonOption, type Runner } from './shared.ts';
import { table } from './format.ts';
import { readTextFile } from '../read-file.ts';

const FORMATS = ['csv', 'online-retail'] as const;

interface ImportOptions extends JsonOption {
  format?: string;
  bucket?: string;
  warehouse?: string;
  unknownSkus?: string;
}

export function registerDemand(program: Command, r: Runner): void {
  const demand = program.command('demand').description('demand history (see docs/forecasting.md)');
  withJson(
    demand
      .command('import')
      .description('import daily sales history; a day imported again is replaced')
      .argument('<file>', 'the file (.gz read too)')
      .option(
        '--format <format>',
        'csv: columns date,sku,units[,warehouse,outOfStock,returned]; online-retail: the Online Retail invoices',
        'csv',
      )
      .option(
        '--bucket <bucket>',
        'csv: what one row is: day, week (dated by its Monday) or month',
        DemandImportQuery.properties.bucket.default,
      )
      .option(
        '--warehouse <code>',
        'online-retail: book the sales at this warehouse (default: the SKU as a whole)',
      )
      .option(
        '--unknown-skus <policy>',
        `SKUs not in the catalogue: ${UNKNOWN_SKU_POLICIES.join(', ')}`,
        DemandImportQuery.properties.unknownSkus.default,
      )
      .addHelpText(
        'after',
        '\nEvery line is checked first: one bad line, an unknown warehouse or (with reject) an unknown SKU,\n' +
          'and nothing is imported. Example: npx stockroom demand import onlineretail.csv.gz --format online-retail --unknown-skus skip',
      ),
  ).action(
    r.action(async (file: string, o: ImportOptions) => {
      const format = oneOf('--format', o.format ?? 'csv', FORMATS);
      // The import's options as the API's query takes them; the warehouse as its path would.
      const { unknownSkus: policy, bucket } = withDefaults(
        await request('querystring', DemandImportQuery, { bucket: o.bucket, unknownSkus: o.unknownSkus }),
        'bucket',
        'unknownSkus',
      );
      const warehouse =
        o.warehouse === undefined ? null : (await request('params', CodeParams, { code: o.warehouse })).code;
      if (format === 'csv' && warehouse) bad('--warehouse', warehouse, 'is for --format online-retail');
      const started = Date.now();
      if (format !== 'csv' && bucket !== 'day') bad('--bucket', bucket, 'is for --format csv');
      const { lines, names } =
        format === 'csv' ? readCsv(file, bucket) : await readOnlineRetail(file, warehouse);
      const out = await r.using((ctx) =>
        importDemandHistory(ctx, lines, { source: format, unknownSkus: policy, ...(names ? { names } : {}) }),
      );
      if (o.json) return r.printJson(out);
      printImport(r, out, Date.now() - started);
    }),
  );
}

export function registerForecastShow(forecast: Command, r: Runner): void {
  withJson(
    forecast
      .command('show')
      .description('the daily forecast of a SKU from today, with its interval, model and backtest')
      .argument('<sku>', 'the SKU')
      .option('--warehouse <code>', 'at this warehouse (default: the SKU everywhere)')
      .option('--horizon <days>', `days to forecast (default ${DEFAULT_HORIZON_DAYS})`)
      .option('--level <p>', `interval coverage between 0 and 1 (default ${DEFAULT_LEVEL})`)
      .option('--bucket <bucket>', 'forecast in days, weeks or months (default day)'),
  ).action(
    r.action(
      async (
        rawSku: string,
        o: JsonOption & { warehouse?: string; horizon?: string; level?: string; bucket?: string },
      ) => {
        const { sku } = await request('params', SkuParams, { sku: rawSku });
        const query = await request('querystring', ForecastQuery, {
          warehouse: o.warehouse,
          horizonDays: optional(o.horizon, numeral),
          level: optional(o.level, numeral),
          bucket: o.bucket,
        });
        const f = await r.using((ctx) => forecastPosition(ctx, forecastRequest(sku, query)));
        if (o.json) return r.printJson(f);
        printForecast(r, f);
      },
    ),
  );
}

function readCsv(file: string, bucket: Bucket): { lines: DemandImportLine[]; names?: undefined } {
  return { lines: parseDemandCsv(readTextFile(file), { bucket }) };
}

/** Sales per SKU and day (the evaluation's cleaning), with returns apart; shop closures are left 0. */
async function readOnlineRetail(file: string, warehouse: string | null) {
  const { readDailyDemand } = await import('../forecast-data.ts');
  const data = await readDailyDemand(file, { withReturns: true });
  const byKey = new Map<string, DemandImportLine>();
  const line = (sku: string, date: string) => {
    const key = `${sku} ${date}`;
    let l = byKey.get(key);
    if (!l) byKey.set(key, (l = { date, sku, warehouse, units: 0, returned: 0, outOfStock: null }));
    return l;
  };
  for (const s of data.series) {
    const first = dayNumber(s.start);
    s.units.forEach((u, i) => {
      if (u !== null && u > 0) line(s.sku, dateOfDay(first + i)).units = u;
    });
  }
  for (const [sku, days] of data.returns ?? new Map<string, Map<string, number>>())
    for (const [date, qty] of days) line(sku, date).returned = qty;
  return { lines: [...byKey.values()], names: data.names };
}

function printImport(r: Runner, out: DemandImportView, ms: number): void {
  r.print(
    `imported ${out.rows} days of ${out.skus} SKUs from ${out.from} to ${out.to} (import ${out.importId}, ${(ms / 1000).toFixed(1)} s)`,
  );
  if (out.skippedSkus.length > 0)
    r.print(`  skipped ${out.skippedSkus.length} SKUs not in the catalogue: ${sample(out.skippedSkus)}`);
  if (out.createdSkus.length > 0)
    r.print(`  created ${out.createdSkus.length} SKUs: ${sample(out.createdSkus)}`);
}

const sample = (skus: string[]) =>
  skus.length > 10 ? `${skus.slice(0, 10).join(', ')}, ...` : skus.join(', ');

function printForecast(r: Runner, f: PositionForecast): void {
  const where = f.warehouse ? `at ${f.warehouse}` : 'everywhere';
  const pct = Math.round(f.level * 100);
  r.print(`forecast of ${f.sku} ${where}: ${f.horizonDays} days, ${pct}% intervals`);
  r.print(`  model ${f.model} (${f.classification})`);
  const wape = f.backtest.wape === null ? '-' : f.backtest.wape.toFixed(3);
  r.print(
    `  backtest: WAPE ${wape} over ${f.backtest.origins} origins, daily error sd ${f.backtest.dailyErrorSd.toFixed(2)}`,
  );
  r.print(
    `  history ${f.history.from ?? '-'} to ${f.history.to ?? '-'}: ${f.history.observedDays} days observed, ${f.history.outOfStockDays} out of stock`,
  );
  const held = f.intervals.heldOut
    .map(
      (c) =>
        `${Math.round(c.level * 100)}% ${c.coverage === null ? '-' : `${(100 * c.coverage).toFixed(0)}%`}`,
    )
    .join(', ');
  r.print(`  intervals ${f.intervals.method}; held out in the backtest, covered: ${held}`);
  if (f.reconciliation.method === 'bottom-up')
    r.print(
      `  bottom-up: the sum of ${f.reconciliation.warehouses.map((w) => `${w.warehouse} (${w.model})`).join(', ')}`,
    );
  const round = (v: number) => Math.round(v * 10) / 10;
  r.print(
    table(
      ['date', 'forecast', 'median', 'lower', 'upper', 'events'],
      f.days.map((d) => [
        d.date,
        round(d.forecast),
        round(d.median),
        round(d.lower),
        round(d.upper),
        d.events.join(', ') || '-',
      ]),
    ),
  );
  const total = f.days.reduce((s, d) => s + d.forecast, 0);
  r.print(`total ${round(total)} units`);
}
