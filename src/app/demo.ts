/**
 * The demo: three warehouses, the demo catalogue (the 500 best sellers of a real UK online gift
 * shop, see demo/README.md) and opening stock: about six weeks of each region's average demand
 * in the sales history, at least a small case of every SKU everywhere. A use case that
 * `stockroom demo` and `POST /v1/admin/demo` both run. Idempotent: the receipts carry
 * Idempotency-Keys, so a second run adds no stock.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Database } from '../db/database.ts';
import { readSetting } from '../db/settings.ts';
import { assert } from '../domain/assert.ts';
import { putWarehouse, type WarehouseInput } from './catalog.ts';
import { createContext } from './create-context.ts';
import { importDemandHistory, type DemandImportLine, type DemandImportView } from './demand.ts';
import { assignSupplier, putSupplier } from './purchasing.ts';
import { putRegion, type RegionInput } from './regions.ts';
import { REPLAY_REGIONS } from './retail-regions.ts';
import { putShopSettings } from './shop.ts';
import {
  applyPlan,
  planFromCsv,
  type ApplySummary,
  type StockImportProgress,
  type StockPlan,
} from './stock-import.ts';
import { DAY_MS } from '../domain/time.ts';

export const DEMO_DIR = fileURLToPath(new URL('../../demo/', import.meta.url));

type Group = 'uk' | 'eu' | 'row';
const GROUPS: readonly Group[] = ['uk', 'eu', 'row'];

/** Each warehouse serves one of the country groups of demo/daily-sales.csv.gz. */
export const DEMO_WAREHOUSES: readonly (WarehouseInput & { code: string; group: Group })[] = [
  { code: 'LON', name: 'London', region: 'uk', lat: 51.5072, lon: -0.1276, priority: 2, group: 'uk' },
  { code: 'AMS', name: 'Amsterdam', region: 'eu', lat: 52.3676, lon: 4.9041, priority: 1, group: 'eu' },
  { code: 'NYC', name: 'New York', region: 'row', lat: 40.7128, lon: -74.006, priority: 0, group: 'row' },
];

/** Opening stock covers this many weeks of a region's average weekly demand... */
export const COVER_WEEKS = 6;
/** ...and is at least this many units. */
export const MIN_UNITS = 6;

interface DemoSale {
  date: string;
  sku: string;
  units: Record<Group, number>;
}

/** demo/daily-sales.csv.gz: units sold per day and SKU, per country group. */
export function readDemoSales(dir = DEMO_DIR): DemoSale[] {
  // Our own file, codes and numbers only (no quoting): split lines rather than parse CSV.
  const [header, ...lines] = gunzipSync(readFileSync(`${dir}daily-sales.csv.gz`))
    .toString('utf8')
    .trim()
    .split('\n');
  const columns = header!.split(',');
  const at = (name: string) => {
    const i = columns.indexOf(name);
    assert(i >= 0, () => `${dir}daily-sales.csv.gz has no column ${name}`);
    return i;
  };
  const [dateAt, skuAt] = [at('date'), at('sku')];
  const groupAt = { uk: at('uk'), eu: at('eu'), row: at('row') };
  return lines.map((line) => {
    const cells = line.split(',');
    return {
      date: cells[dateAt]!,
      sku: cells[skuAt]!,
      units: {
        uk: Number(cells[groupAt.uk]),
        eu: Number(cells[groupAt.eu]),
        row: Number(cells[groupAt.row]),
      },
    };
  });
}

/** The demo plan: the catalogue, and opening stock per warehouse from the sales history. */
export function demoPlan(dir = DEMO_DIR, sales = readDemoSales(dir)): StockPlan {
  const file = `${dir}catalogue.csv`;
  const { plan, errors } = planFromCsv(readFileSync(file, 'utf8'));
  assert(errors.length === 0, () => `${file}: ${JSON.stringify(errors.slice(0, 5))}`);
  const sold = new Map<string, Record<Group, number>>();
  let first = Infinity;
  let last = -Infinity;
  for (const sale of sales) {
    if (!plan.skus.has(sale.sku)) continue;
    const day = Date.parse(`${sale.date}T00:00:00Z`);
    first = Math.min(first, day);
    last = Math.max(last, day);
    let totals = sold.get(sale.sku);
    if (!totals) sold.set(sale.sku, (totals = { uk: 0, eu: 0, row: 0 }));
    for (const group of GROUPS) totals[group] += sale.units[group];
  }
  const weeks = Number.isFinite(first) ? (last - first + DAY_MS) / (7 * DAY_MS) : 1;
  for (const w of DEMO_WAREHOUSES) {
    const stock = new Map<string, number>();
    for (const sku of plan.skus.keys()) {
      const units = sold.get(sku)?.[w.group] ?? 0;
      stock.set(sku, Math.max(MIN_UNITS, Math.ceil((units / weeks) * COVER_WEEKS)));
    }
    plan.stock.set(w.code, stock);
  }
  return plan;
}

/**
 * The sales history as each warehouse's demand history, moved forward by whole weeks so that
 * it ends before today: weekdays stay weekdays, so the weekly pattern survives.
 */
export function demoDemandHistory(
  sales: readonly DemoSale[],
  skus: ReadonlySet<string>,
  today: Date,
): DemandImportLine[] {
  const lastDay = Math.max(...sales.map((s) => Date.parse(`${s.date}T00:00:00Z`)));
  const yesterday = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - DAY_MS;
  const shift = Math.floor((yesterday - lastDay) / (7 * DAY_MS)) * 7 * DAY_MS;
  const lines: DemandImportLine[] = [];
  for (const sale of sales) {
    if (!skus.has(sale.sku)) continue;
    const date = new Date(Date.parse(`${sale.date}T00:00:00Z`) + shift).toISOString().slice(0, 10);
    for (const w of DEMO_WAREHOUSES) {
      const units = sale.units[w.group];
      if (units > 0)
        lines.push({ date, sku: sale.sku, warehouse: w.code, units, returned: 0, outOfStock: null });
    }
  }
  return lines;
}

/**
 * The demo's regions, the country groups of its sales: the UK, Europe, and the rest of the
 * world (every other country the replay knows, served from New York).
 */
export const DEMO_REGIONS: readonly (RegionInput & { code: Group })[] = (() => {
  const uk = REPLAY_REGIONS.find((r) => r.code === 'uk')!;
  const eu = REPLAY_REGIONS.find((r) => r.code === 'eu')!;
  const rest = REPLAY_REGIONS.filter((r) => r !== uk && r !== eu).flatMap((r) => r.countries);
  return [
    { code: 'uk', name: uk.name, lat: uk.lat, lon: uk.lon, countries: [...uk.countries] },
    { code: 'eu', name: eu.name, lat: eu.lat, lon: eu.lon, countries: [...eu.countries] },
    { code: 'row', name: 'Rest of the world', lat: 40.7128, lon: -74.006, countries: rest },
  ];
})();

/** One wholesaler supplies the demo catalogue; New York is further away. */
export const DEMO_SUPPLIER = { code: 'GIFTCO', name: 'Gift wholesaler', leadTimeDays: 14, packSize: 6 };
export const LEAD_TIME_DAYS: Record<string, number> = { LON: 10, AMS: 14, NYC: 28 };

export interface DemoLoaded {
  summary: ApplySummary;
  plan: StockPlan;
  history: DemandImportView;
}

/**
 * Loads the demo into `db` through the use cases: regions, warehouses, the catalogue and its
 * opening stock, the demand history and the supplier. Safe to repeat: the receipts carry
 * Idempotency-Keys and a day of history imported again replaces itself. The CLI's `demo` and
 * the admin route `POST /v1/admin/demo` (the dashboard's "load the demo") both run it.
 */
export async function loadDemo(
  db: Database,
  options: { onProgress?: StockImportProgress | undefined } = {},
): Promise<DemoLoaded> {
  const sales = readDemoSales(DEMO_DIR);
  const plan = demoPlan(DEMO_DIR, sales);
  const ctx = createContext(db);
  for (const { code, ...region } of DEMO_REGIONS) await putRegion(ctx, code, region);
  for (const { code, group: _group, ...input } of DEMO_WAREHOUSES) await putWarehouse(ctx, code, input);
  const summary = await applyPlan(db, plan, {
    reference: 'demo',
    keyPrefix: 'demo',
    onProgress: options.onProgress,
  });
  const skus = new Set(plan.skus.keys());
  const history = await importDemandHistory(ctx, demoDemandHistory(sales, skus, ctx.clock()), {
    source: 'csv',
  });
  const { code: supplier, ...supplierInput } = DEMO_SUPPLIER;
  await putSupplier(ctx, supplier, supplierInput);
  // The Online Retail year is a UK shop's: its prices are pounds (a shop that chose a currency keeps it).
  if ((await readSetting(db, 'shop')) === undefined) await putShopSettings(ctx, { currency: 'GBP' });
  for (const w of DEMO_WAREHOUSES) {
    await assignSupplier(ctx, {
      supplier,
      warehouse: w.code,
      skus: [...skus],
      leadTimeDays: LEAD_TIME_DAYS[w.code],
    });
  }
  return { summary, plan, history };
}
