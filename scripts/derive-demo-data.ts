/**
 * Derives the demo data set in `demo/` from the UCI Online Retail transactions
 * (CC0, via the CRAN package onlineretail 0.1.2):
 *
 *   demo/catalogue.csv        the top SKUs by units sold: sku,name,price,unitCost
 *   demo/daily-sales.csv.gz   units sold per SKU per day, split by country group
 *
 * Usage: npx tsx scripts/derive-demo-data.ts [path/to/onlineretail.csv.gz]
 *
 * Cleaning, in order:
 *   - stock codes that are not products (POST, DOT, M, C2, BANK CHARGES, AMAZONFEE, gift
 *     vouchers, DCGS..., ...) are dropped: a product code is five digits and up to two
 *     letters, upper-cased (85123a and 85123A are one SKU);
 *   - lines with a zero or negative quantity or price that are not cancellations (stock
 *     write-offs, "damaged", bad-debt adjustments) are dropped;
 *   - a cancellation (invoice number starting with C) is netted against the latest earlier
 *     sale of the same stock code to the same customer with at least that many units, on
 *     that sale's day; cancellations without a customer or without such a sale are dropped.
 *     This removes, for example, the 80,995 and 74,215-unit orders cancelled minutes later.
 */
import { createReadStream, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync, createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';

const SOURCE = process.argv[2] ?? '/work/shared/data/online-retail/onlineretail.csv.gz';
const OUT_DIR = fileURLToPath(new URL('../demo/', import.meta.url));
/** How many SKUs the demo catalogue keeps: the best sellers by units. */
const TOP_SKUS = 500;
/** The data has sale prices only; the demo assumes goods cost 55% of the median price. */
const COST_RATIO = 0.55;

const PRODUCT_CODE = /^\d{5}[A-Z]{0,2}$/;
const API_CODE = /^[A-Za-z0-9\-_.:/]{1,64}$/;

type Group = 'uk' | 'eu' | 'row';
const GROUPS: readonly Group[] = ['uk', 'eu', 'row'];

/** UK (with the Channel Islands), served from the UK warehouse. */
const UK = new Set(['United Kingdom', 'Channel Islands']);
/** Continental Europe and Ireland (EU, EEA and Switzerland), served from the EU warehouse. */
const EU = new Set([
  'Austria',
  'Belgium',
  'Cyprus',
  'Czech Republic',
  'Denmark',
  'EIRE',
  'European Community',
  'Finland',
  'France',
  'Germany',
  'Greece',
  'Iceland',
  'Italy',
  'Lithuania',
  'Malta',
  'Netherlands',
  'Norway',
  'Poland',
  'Portugal',
  'Spain',
  'Sweden',
  'Switzerland',
]);

function groupOf(country: string): Group {
  if (UK.has(country)) return 'uk';
  if (EU.has(country)) return 'eu';
  return 'row'; // rest of world, including "Unspecified"
}

const SMALL_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'in',
  'of',
  'on',
  'or',
  'the',
  'to',
  'with',
]);
const ACRONYMS = new Set(['LED', 'USB', 'UK', 'USA', 'CD', 'DVD', 'DIY', 'PC', 'XL', 'XXL', 'II', 'III']);

/** "PACK OF 72 RETROSPOT CAKE CASES" -> "Pack of 72 Retrospot Cake Cases". */
export function titleCase(description: string): string {
  const words = description
    .replace(/\s*,\s*/g, ', ')
    .replace(/[\s,.]+$/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .split(' ');
  return words
    .map((word, i) => {
      if (ACRONYMS.has(word)) return word;
      const lower = word.toLowerCase();
      if (i > 0 && SMALL_WORDS.has(lower)) return lower;
      // Capitalise the first letter of the word and of each part after - / ( + &.
      return lower.replace(/(^|[-/(+&."])([a-z])/g, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
    })
    .join(' ');
}

interface Day {
  units: number;
  orders: number;
  uk: number;
  eu: number;
  row: number;
}

interface Sale {
  day: string;
  group: Group;
  remaining: number;
}

interface SkuStats {
  units: number;
  prices: number[];
  descriptions: Map<string, number>;
  days: Map<string, Day>;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

async function main() {
  const stats = new Map<string, SkuStats>();
  /** Sales that a later cancellation may net against, by customer and stock code. */
  const open = new Map<string, Sale[]>();
  const counts = { lines: 0, notProduct: 0, notSale: 0, sales: 0, cancellations: 0, netted: 0 };

  const parser = createReadStream(SOURCE)
    .pipe(createGunzip())
    .pipe(parse({ columns: true, skip_empty_lines: true }));
  for await (const row of parser as AsyncIterable<Record<string, string>>) {
    counts.lines++;
    const code = (row.StockCode ?? '').trim().toUpperCase();
    if (!PRODUCT_CODE.test(code)) {
      counts.notProduct++;
      continue;
    }
    const qty = Number(row.Quantity);
    const price = Number(row.UnitPrice);
    const customer = row.CustomerID && row.CustomerID !== 'NA' ? row.CustomerID : '';
    const day = (row.InvoiceDate ?? '').slice(0, 10);
    if ((row.InvoiceNo ?? '').startsWith('C')) {
      counts.cancellations++;
      if (!customer || !(qty < 0)) continue;
      const sales = open.get(`${customer}|${code}`) ?? [];
      const sale = sales.findLast((s) => s.remaining >= -qty);
      if (!sale) continue;
      counts.netted++;
      sale.remaining += qty;
      const d = stats.get(code)!.days.get(sale.day)!;
      d.units += qty;
      d[sale.group] += qty;
      if (sale.remaining === 0) d.orders--;
      stats.get(code)!.units += qty;
      continue;
    }
    if (!(Number.isInteger(qty) && qty > 0 && price > 0 && /^\d{4}-\d\d-\d\d$/.test(day))) {
      counts.notSale++;
      continue;
    }
    counts.sales++;
    const group = groupOf((row.Country ?? '').trim());
    let s = stats.get(code);
    if (!s) stats.set(code, (s = { units: 0, prices: [], descriptions: new Map(), days: new Map() }));
    s.units += qty;
    s.prices.push(price);
    const description = (row.Description ?? '').replace(/\s+/g, ' ').trim();
    if (description && description !== 'NA') {
      s.descriptions.set(description, (s.descriptions.get(description) ?? 0) + 1);
    }
    let d = s.days.get(day);
    if (!d) s.days.set(day, (d = { units: 0, orders: 0, uk: 0, eu: 0, row: 0 }));
    d.units += qty;
    d.orders++;
    d[group] += qty;
    if (customer) {
      const key = `${customer}|${code}`;
      let list = open.get(key);
      if (!list) open.set(key, (list = []));
      list.push({ day, group, remaining: qty });
    }
  }

  const top = [...stats.entries()]
    .filter(([, s]) => s.descriptions.size > 0)
    .sort(([a, x], [b, y]) => y.units - x.units || (a < b ? -1 : 1))
    .slice(0, TOP_SKUS);

  const catalogue = ['sku,name,price,unitCost'];
  const daily: { date: string; sku: string; d: Day }[] = [];
  for (const [sku, s] of top) {
    if (!API_CODE.test(sku)) throw new Error(`stock code ${sku} does not fit the API's code pattern`);
    const description = [...s.descriptions.entries()].sort(
      ([a, x], [b, y]) => y - x || (a < b ? -1 : 1),
    )[0]![0];
    const price = round2(median(s.prices));
    catalogue.push([sku, titleCase(description), price, round2(price * COST_RATIO)].map(csvField).join(','));
    for (const [date, d] of s.days) if (d.units > 0) daily.push({ date, sku, d });
  }
  daily.sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0,
  );
  const dailyCsv = ['date,sku,units,orders,uk,eu,row'];
  for (const { date, sku, d } of daily) {
    dailyCsv.push([date, sku, d.units, d.orders, ...GROUPS.map((g) => d[g])].join(','));
  }

  mkdirSync(OUT_DIR, { recursive: true });
  const catalogueBytes = Buffer.from(catalogue.join('\n') + '\n');
  const dailyBytes = gzipSync(dailyCsv.join('\n') + '\n', { level: 9 });
  writeFileSync(`${OUT_DIR}catalogue.csv`, catalogueBytes);
  writeFileSync(`${OUT_DIR}daily-sales.csv.gz`, dailyBytes);

  const units = top.reduce((n, [, s]) => n + s.units, 0);
  const allUnits = [...stats.values()].reduce((n, s) => n + s.units, 0);
  console.log(
    [
      `read ${counts.lines} lines: ${counts.sales} product sales, ${counts.cancellations} cancellation lines ` +
        `(${counts.netted} netted against their sale), ${counts.notProduct} non-product lines, ` +
        `${counts.notSale} other non-sales dropped`,
      `${stats.size} products; the top ${top.length} sold ${units} of ${allUnits} units (${Math.round((100 * units) / allUnits)}%)`,
      `wrote demo/catalogue.csv (${top.length} SKUs, ${catalogueBytes.length} bytes)`,
      `wrote demo/daily-sales.csv.gz (${daily.length} rows, ${daily[0]?.date} to ${daily.at(-1)?.date}, ${dailyBytes.length} bytes)`,
    ].join('\n'),
  );
}

await main();
