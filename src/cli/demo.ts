/**
 * `stockroom demo`: three warehouses, the demo catalogue (the 500 best sellers of a real UK
 * online gift shop, see demo/README.md) and opening stock: about six weeks of each region's
 * average demand in the sales history, at least a small case of every SKU everywhere.
 * Idempotent: the receipts carry Idempotency-Keys, so a second run adds no stock.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { createContext } from '../app/context.ts';
import { putWarehouse, type WarehouseInput } from '../app/catalog.ts';
import type { Config } from '../config.ts';
import { describeDatabase } from '../db/open.ts';
import {
  applyPlan,
  CliError,
  describeSummary,
  formatRowErrors,
  openForCli,
  planFromCsv,
  type StockPlan,
} from './import.ts';

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

const DAY_MS = 24 * 3600 * 1000;

/** The demo plan: the catalogue, and opening stock per warehouse from the sales history. */
export function demoPlan(dir = DEMO_DIR): StockPlan {
  const file = `${dir}catalogue.csv`;
  const { plan, errors } = planFromCsv(readFileSync(file, 'utf8'));
  if (errors.length > 0) throw new CliError(formatRowErrors(file, errors));

  // Our own file, codes and numbers only (no quoting): split lines rather than parse CSV.
  const [header, ...lines] = gunzipSync(readFileSync(`${dir}daily-sales.csv.gz`))
    .toString('utf8')
    .trim()
    .split('\n');
  const columns = header!.split(',');
  const at = (name: string) => {
    const i = columns.indexOf(name);
    if (i < 0) throw new CliError(`${dir}daily-sales.csv.gz has no column ${name}`);
    return i;
  };
  const [dateAt, skuAt] = [at('date'), at('sku')];
  const groupAt = { uk: at('uk'), eu: at('eu'), row: at('row') };
  const sold = new Map<string, Record<Group, number>>();
  let first = Infinity;
  let last = -Infinity;
  for (const line of lines) {
    const cells = line.split(',');
    const sku = cells[skuAt]!;
    if (!plan.skus.has(sku)) continue;
    const day = Date.parse(`${cells[dateAt]}T00:00:00Z`);
    first = Math.min(first, day);
    last = Math.max(last, day);
    let totals = sold.get(sku);
    if (!totals) sold.set(sku, (totals = { uk: 0, eu: 0, row: 0 }));
    for (const group of GROUPS) totals[group] += Number(cells[groupAt[group]]);
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

export async function runDemo(config: Config): Promise<void> {
  const plan = demoPlan();
  const db = await openForCli(config);
  try {
    const ctx = createContext(db);
    for (const { code, group: _group, ...input } of DEMO_WAREHOUSES) await putWarehouse(ctx, code, input);
    const summary = await applyPlan(db, plan, { reference: 'demo', keyPrefix: 'demo' });
    const perWarehouse = [...plan.stock].map(
      ([code, skus]) => `${code} ${[...skus.values()].reduce((a, b) => a + b, 0).toLocaleString('en')}`,
    );
    const url = `http://${config.host}:${config.port}`;
    const sku = [...plan.skus.keys()][0] ?? '85123A';
    console.log(
      [
        `Demo loaded into ${describeDatabase(config)}:`,
        `  warehouses: ${DEMO_WAREHOUSES.map((w) => `${w.code} (${w.name}, region ${w.region})`).join(', ')}`,
        `  ${describeSummary(summary)}`,
        `  opening stock (units): ${perWarehouse.join(', ')}: about ${COVER_WEEKS} weeks of each region's demand`,
        '',
        'Next: start the server (it prints an admin API key on its first start) and try the API:',
        '  npm start',
        '  export KEY=<the admin API key>',
        `  curl -s -H "Authorization: Bearer $KEY" "${url}/v1/stock/${sku}"`,
        `  curl -s -H "Authorization: Bearer $KEY" "${url}/v1/stock?warehouse=AMS&limit=5"`,
        `  curl -s -H "Authorization: Bearer $KEY" "${url}/v1/availability/${sku}?region=eu"`,
        `  curl -s -X POST -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" \\`,
        `    -d '{"orderId":"demo-1","region":"uk","lines":[{"sku":"${sku}","qty":2}]}' "${url}/v1/orders"`,
        `  API docs: ${url}/docs`,
      ].join('\n'),
    );
  } finally {
    await db.close();
  }
}
