/**
 * The order stream of `stockroom replay`: the UCI Online Retail invoices, cleaned, mapped to
 * regions and put in time order. Pure apart from `readInvoiceFile`: no database.
 *
 * Cleaning (the same rules as scripts/derive-demo-data.ts):
 *   - stock codes that are not products (POST, DOT, M, BANK CHARGES, AMAZONFEE, gift vouchers,
 *     DCGS..., ...) are dropped: a product code is five digits and up to two letters,
 *     upper-cased (85123a and 85123A are one SKU);
 *   - on a sale, lines with a quantity or price that is not positive (write-offs, "damaged",
 *     bad-debt adjustments) are dropped; on a cancellation (invoice number starting with C),
 *     lines that are not negative are dropped and the rest count as positive units;
 *   - other invoices (A..., "adjust bad debt") and invoices left without product lines are
 *     skipped.
 */
import { parse } from 'csv-parse/sync';
import { REPLAY_REGIONS, type ReplayRegion } from '../app/retail-regions.ts';
import { distanceKm } from '../domain/delivery.ts';
import { DAY_MS } from '../domain/time.ts';

export { REPLAY_REGIONS, type ReplayRegion };

export const DEFAULT_SOURCE = '../shared/data/online-retail/onlineretail.csv.gz';

const PRODUCT_CODE = /^\d{5}[A-Z]{0,2}$/;

/** The data's country names as ISO 3166-1 alpha-2 codes ("European Community": EU, reserved for it). */
export const COUNTRY_CODES: Readonly<Record<string, string>> = {
  'United Kingdom': 'GB',
  'Channel Islands': 'JE',
  EIRE: 'IE',
  Austria: 'AT',
  Belgium: 'BE',
  Cyprus: 'CY',
  'Czech Republic': 'CZ',
  Denmark: 'DK',
  'European Community': 'EU',
  Finland: 'FI',
  France: 'FR',
  Germany: 'DE',
  Greece: 'GR',
  Iceland: 'IS',
  Italy: 'IT',
  Lithuania: 'LT',
  Malta: 'MT',
  Netherlands: 'NL',
  Norway: 'NO',
  Poland: 'PL',
  Portugal: 'PT',
  Spain: 'ES',
  Sweden: 'SE',
  Switzerland: 'CH',
  USA: 'US',
  Canada: 'CA',
  Brazil: 'BR',
  Australia: 'AU',
  Japan: 'JP',
  'Hong Kong': 'HK',
  Singapore: 'SG',
  Israel: 'IL',
  Lebanon: 'LB',
  'United Arab Emirates': 'AE',
  Bahrain: 'BH',
  'Saudi Arabia': 'SA',
  RSA: 'ZA',
};

export interface ReplayWarehouse {
  code: string;
  name: string;
  region: string;
  lat: number;
  lon: number;
  priority: number;
}

export const REPLAY_WAREHOUSES: readonly ReplayWarehouse[] = [
  { code: 'LON', name: 'London', region: 'uk', lat: 51.5072, lon: -0.1276, priority: 2 },
  { code: 'AMS', name: 'Amsterdam', region: 'eu', lat: 52.3676, lon: 4.9041, priority: 1 },
  { code: 'NYC', name: 'New York', region: 'na', lat: 40.7128, lon: -74.006, priority: 0 },
];

/** The ISO code of one of the data's country names; null for "Unspecified" or unknown names. */
export function countryCode(country: string): string | null {
  return COUNTRY_CODES[country.trim()] ?? null;
}

/** The region of a country code, or null (the order then names no region). */
export function regionOf(
  code: string | null,
  regions: readonly ReplayRegion[] = REPLAY_REGIONS,
): string | null {
  if (!code) return null;
  return regions.find((r) => r.countries.includes(code))?.code ?? null;
}

/**
 * The warehouse whose stock is planned for a region's demand: the nearest one; for orders
 * without a region, the highest priority.
 */
export function homeWarehouse(
  region: string | null,
  regions: readonly ReplayRegion[] = REPLAY_REGIONS,
  warehouses: readonly ReplayWarehouse[] = REPLAY_WAREHOUSES,
): string {
  const r = region ? regions.find((x) => x.code === region) : undefined;
  const ranked = [...warehouses].sort((a, b) =>
    r ? distanceKm(a, r) - distanceKm(b, r) : b.priority - a.priority,
  );
  return ranked[0]!.code;
}

export interface Invoice {
  invoiceNo: string;
  at: Date;
  customer: string | null;
  country: string;
  countryCode: string | null;
  region: string | null;
  cancellation: boolean;
  /** Units per SKU (positive, also on cancellations), in the order first seen. */
  lines: Map<string, number>;
}

export interface SkuInfo {
  name: string;
  price: number | null;
}

export interface InvoiceStream {
  /** Invoices with product lines, in time order (file order within a minute). */
  invoices: Invoice[];
  /** Invoices read from the file, and those skipped: no product line left, or not a sale or cancellation. */
  read: number;
  skipped: number;
  /** Lines dropped by the cleaning. */
  droppedLines: number;
  /** Every product code of the file: its most frequent description and median sale price. */
  skus: Map<string, SkuInfo>;
}

/** Reads "YYYY-MM-DD HH:MM:SS" as UTC (the data has no zone; UTC keeps days whole). */
export function parseInvoiceDate(raw: string): Date {
  const at = new Date(`${raw.trim().replace(' ', 'T')}Z`);
  if (Number.isNaN(at.getTime())) throw new Error(`not a date: "${raw}"`);
  return at;
}

/**
 * The rows of a CSV text. Lines without a quote (nearly all of this data) are split directly,
 * which is many times faster than a general parser over half a million lines; the few with
 * quotes (descriptions with commas) go through csv-parse.
 */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (line === '') continue;
    if (!line.includes('"')) {
      rows.push(line.split(','));
      continue;
    }
    // A quoted field may hold a line break: join lines until the quotes balance.
    while ((line.match(/"/g)?.length ?? 0) % 2 === 1 && i + 1 < lines.length) line += `\n${lines[++i]}`;
    rows.push(...(parse(line, { relax_column_count: true }) as string[][]));
  }
  return rows;
}

/** Parses and cleans the CSV text (header row with the data's column names). */
export function invoicesFromCsv(text: string): InvoiceStream {
  const rows = csvRows(text);
  const header = rows[0] ?? [];
  const at = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`the file has no column ${name}`);
    return i;
  };
  const col = {
    invoice: at('InvoiceNo'),
    code: at('StockCode'),
    description: at('Description'),
    qty: at('Quantity'),
    date: at('InvoiceDate'),
    price: at('UnitPrice'),
    customer: at('CustomerID'),
    country: at('Country'),
  };
  const byNo = new Map<string, Invoice>();
  const seenSkus = new Map<string, { names: Map<string, number>; prices: number[] }>();
  let droppedLines = 0;
  let read = 0;
  for (const row of rows.slice(1)) {
    const invoiceNo = (row[col.invoice] ?? '').trim();
    let invoice = byNo.get(invoiceNo);
    if (!invoice) {
      read++;
      const customer = (row[col.customer] ?? '').trim();
      const country = (row[col.country] ?? '').trim();
      const code = countryCode(country);
      invoice = {
        invoiceNo,
        at: parseInvoiceDate(row[col.date] ?? ''),
        customer: customer && customer !== 'NA' ? customer.replace(/\.0$/, '') : null,
        country,
        countryCode: code,
        region: regionOf(code),
        cancellation: invoiceNo.startsWith('C'),
        lines: new Map(),
      };
      byNo.set(invoiceNo, invoice);
    }
    const sku = (row[col.code] ?? '').trim().toUpperCase();
    const qty = Number(row[col.qty]);
    const price = Number(row[col.price]);
    if (PRODUCT_CODE.test(sku)) {
      let seen = seenSkus.get(sku);
      if (!seen) seenSkus.set(sku, (seen = { names: new Map(), prices: [] }));
      const description = (row[col.description] ?? '').replace(/\s+/g, ' ').trim();
      if (description && description !== 'NA')
        seen.names.set(description, (seen.names.get(description) ?? 0) + 1);
      if (price > 0 && qty > 0) seen.prices.push(price);
    }
    const isSale = /^\d/.test(invoiceNo);
    const units = invoice.cancellation ? -qty : qty;
    const keep =
      PRODUCT_CODE.test(sku) &&
      Number.isSafeInteger(units) &&
      units > 0 &&
      (invoice.cancellation || (isSale && price > 0));
    if (!keep) {
      droppedLines++;
      continue;
    }
    invoice.lines.set(sku, (invoice.lines.get(sku) ?? 0) + units);
  }
  const invoices = [...byNo.values()].filter((i) => i.lines.size > 0);
  // Array.prototype.sort is stable: invoices of the same minute keep their file order.
  invoices.sort((a, b) => a.at.getTime() - b.at.getTime());
  const skus = new Map<string, SkuInfo>();
  for (const [sku, seen] of seenSkus) {
    const named = [...seen.names].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    skus.set(sku, {
      name: (named?.[0] ?? sku).slice(0, 200),
      price: seen.prices.length > 0 ? Math.round(median(seen.prices) * 100) / 100 : null,
    });
  }
  return { invoices, read, skipped: read - invoices.length, droppedLines, skus };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface Window {
  /** Inclusive, a day (UTC). */
  from?: string | undefined;
  /** Inclusive, a day (UTC): the whole of that day is replayed. */
  to?: string | undefined;
  /** At most this many invoices (sales and cancellations), the earliest first. */
  limit?: number | undefined;
}

/** The invoices of a window: dates first, then the limit. */
export function selectWindow(invoices: readonly Invoice[], window: Window): Invoice[] {
  const from = window.from ? parseDay(window.from, '--from').getTime() : -Infinity;
  const to = window.to ? parseDay(window.to, '--to').getTime() + DAY_MS : Infinity;
  const chosen = invoices.filter((i) => i.at.getTime() >= from && i.at.getTime() < to);
  return window.limit !== undefined ? chosen.slice(0, window.limit) : chosen;
}

export function parseDay(raw: string, what: string): Date {
  if (!/^\d{4}-\d\d-\d\d$/.test(raw)) throw new Error(`${what} must be a day, YYYY-MM-DD, got "${raw}"`);
  const day = new Date(`${raw}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) throw new Error(`${what} "${raw}" is not a date`);
  return day;
}

/** Midnight (UTC) of the day of `at`. */
export function dayOf(at: Date): number {
  return Math.floor(at.getTime() / DAY_MS) * DAY_MS;
}
