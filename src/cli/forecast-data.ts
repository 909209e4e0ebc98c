/**
 * Daily demand per SKU from the Online Retail invoices, for `stockroom forecast evaluate`.
 *
 * Cleaning (the rules of scripts/derive-demo-data.ts and replay-data.ts):
 *   - stock codes that are not products (POST, DOT, M, C2, BANK CHARGES, AMAZONFEE, gift
 *     vouchers, DCGS..., ...) are dropped: a product code is five digits and up to two letters,
 *     upper-cased (85123a and 85123A are one SKU);
 *   - cancellations (invoice numbers starting with C) and other non-sales (A... bad-debt
 *     adjustments) are excluded: demand is units ordered;
 *   - lines with a quantity or price that is not positive (write-offs, "damaged") are dropped.
 *
 * A series runs from the SKU's first sale (it was not for sale before) to the data's last day.
 * Days the whole shop sold nothing on a weekday it usually trades (Christmas, bank holidays)
 * are not observed (null) for every SKU: closed, not zero demand. Weekdays it never trades
 * (Saturdays in this data) stay 0, which the weekly models learn.
 */
import { forEachCsvRecord, readTextFile } from './csv-text.ts';
import { dateOfDay, dayNumber, type Demand, type IsoDate } from '../domain/forecast/index.ts';

const PRODUCT_CODE = /^\d{5}[A-Z]{0,2}$/;
const SALE_INVOICE = /^\d+$/;
/** A weekday counts as a trading day when the shop traded on at least this share of them. */
const TRADING_SHARE = 0.5;

export interface SkuSeries {
  sku: string;
  start: IsoDate;
  units: Demand[];
  totalUnits: number;
}

export interface DemandData {
  first: IsoDate;
  /** Units returned per SKU and day (`withReturns`): negative lines of cancellation invoices. */
  returns?: Map<string, Map<IsoDate, number>>;
  /** A description per SKU (`withReturns`), the first one seen. */
  names?: Map<string, string>;
  last: IsoDate;
  lines: number;
  salesLines: number;
  /** Trading weekdays the shop was closed: not observed. */
  closedDays: IsoDate[];
  series: SkuSeries[];
}

/**
 * `withReturns` also collects returns and cancellations (lines of C invoices with a negative
 * quantity, product codes only) per SKU and day, and the SKUs' descriptions: what
 * `stockroom demand import --format online-retail` imports besides the sales.
 */
export async function readDailyDemand(
  path: string,
  options: { withReturns?: boolean } = {},
): Promise<DemandData> {
  const bySku = new Map<string, Map<number, number>>();
  const returns = options.withReturns ? new Map<string, Map<IsoDate, number>>() : undefined;
  const names = options.withReturns ? new Map<string, string>() : undefined;
  const tradingDays = new Set<number>();
  let lines = 0;
  let salesLines = 0;
  // The whole file at once: a year of invoices is tens of megabytes, and one pass over a string
  // is several times faster than a streaming parser building an object per row.
  let column: ((row: readonly string[], name: string) => string) | null = null;
  const dayOf = new Map<string, number | null>();
  forEachCsvRecord(await readTextFile(path), (row) => {
    if (!column) {
      const at = new Map(row.map((name, i) => [name, i]));
      column = (r, name) => {
        const i = at.get(name);
        return i === undefined ? '' : (r[i] ?? '');
      };
      return;
    }
    lines++;
    const invoice = column(row, 'InvoiceNo').trim();
    const code = column(row, 'StockCode').trim().toUpperCase();
    const qty = Number(column(row, 'Quantity'));
    const price = Number(column(row, 'UnitPrice'));
    const date = column(row, 'InvoiceDate').slice(0, 10);
    if (returns && invoice.startsWith('C') && PRODUCT_CODE.test(code) && Number.isInteger(qty) && qty < 0) {
      if (/^\d{4}-\d\d-\d\d$/.test(date)) {
        let days = returns.get(code);
        if (!days) returns.set(code, (days = new Map()));
        days.set(date, (days.get(date) ?? 0) - qty);
      }
      return;
    }
    if (!SALE_INVOICE.test(invoice) || !PRODUCT_CODE.test(code)) return;
    if (!(Number.isInteger(qty) && qty > 0 && price > 0)) return;
    let day = dayOf.get(date);
    if (day === undefined) {
      try {
        day = dayNumber(date);
      } catch {
        day = null;
      }
      dayOf.set(date, day);
    }
    if (day === null) return;
    salesLines++;
    tradingDays.add(day);
    if (names && !names.has(code)) names.set(code, column(row, 'Description').trim() || code);
    let days = bySku.get(code);
    if (!days) bySku.set(code, (days = new Map()));
    days.set(day, (days.get(day) ?? 0) + qty);
  });
  if (tradingDays.size === 0) throw new Error(`${path}: no sales lines`);
  const firstDay = Math.min(...tradingDays);
  const lastDay = Math.max(...tradingDays);

  // Weekdays the shop usually trades on; a silent one of those is a closure.
  const seen = new Array<number>(7).fill(0);
  const traded = new Array<number>(7).fill(0);
  for (let d = firstDay; d <= lastDay; d++) {
    seen[(d + 4) % 7]!++;
    if (tradingDays.has(d)) traded[(d + 4) % 7]!++;
  }
  const closed = new Set<number>();
  for (let d = firstDay; d <= lastDay; d++) {
    const w = (d + 4) % 7;
    if (!tradingDays.has(d) && traded[w]! >= TRADING_SHARE * seen[w]!) closed.add(d);
  }

  const series: SkuSeries[] = [];
  for (const [sku, days] of bySku) {
    const start = Math.min(...days.keys());
    const units: Demand[] = [];
    let totalUnits = 0;
    for (let d = start; d <= lastDay; d++) {
      const q = days.get(d) ?? 0;
      totalUnits += q;
      units.push(closed.has(d) ? null : q);
    }
    series.push({ sku, start: dateOfDay(start), units, totalUnits });
  }
  series.sort((a, b) => b.totalUnits - a.totalUnits || (a.sku < b.sku ? -1 : 1));
  return {
    ...(returns ? { returns } : {}),
    ...(names ? { names } : {}),
    first: dateOfDay(firstDay),
    last: dateOfDay(lastDay),
    lines,
    salesLines,
    closedDays: [...closed].sort((a, b) => a - b).map(dateOfDay),
    series,
  };
}
