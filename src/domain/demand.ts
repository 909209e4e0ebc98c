/**
 * Demand history: one row per calendar day (UTC) of units ordered, units returned, and whether
 * the SKU was out of stock, from imported history before the ledger starts and from the ledger
 * after. Pure: the rows come from src/db/demand.ts. See docs/forecasting.md, "Demand history".
 *
 *   - A day from the ledger is out of stock when nothing was sellable at some moment of it: at
 *     the start of the day (the level the previous day closed at) or after any of its
 *     movements. The first ledger day has no start level (there was no position before it).
 *   - Days before the first ledger day come from the import, up to the last day any import
 *     covers; from the first ledger day on, the ledger is the truth and imported rows are not
 *     used. Days between the two (the import ended before the ledger began) are `none`: not
 *     observed.
 *   - An out-of-stock or `none` day is null in the DemandSeries: its sales understate demand.
 */
import { addDays, dayNumber, type DemandSeries, type IsoDate } from './forecast/index.ts';

export type DemandSource = 'import' | 'ledger' | 'none';

export interface DemandDay {
  date: IsoDate;
  units: number;
  returned: number;
  outOfStock: boolean;
  source: DemandSource;
}

export interface LedgerInput {
  ordered: readonly { day: IsoDate; units: number }[];
  returned: readonly { day: IsoDate; units: number }[];
  /** Days with movements: the lowest and the closing units sellable (in scope). */
  sellable: readonly { day: IsoDate; lowest: number; closing: number }[];
}

export interface ImportedInput {
  days: readonly { day: IsoDate; units: number; returned: number; outOfStock: boolean | null }[];
  /** The last day any import covers; null without imports. */
  until: IsoDate | null;
}

export interface DemandHistoryDays {
  /** The first day of the ledger for this scope, or null when it has no movements. */
  firstLedgerDay: IsoDate | null;
  days: DemandDay[];
}

/**
 * The days from `from` to `to` (both included; each null: from the first day with data, to
 * `today`), cut to the days with data: the first imported or ledger day, and the last imported
 * day when there is no ledger.
 */
export function demandDays(
  ledger: LedgerInput,
  imported: ImportedInput,
  range: { from: IsoDate | null; to: IsoDate | null; today: IsoDate },
): DemandHistoryDays {
  const firstLedgerDay = ledger.sellable[0]?.day ?? null;
  const firstImported = imported.days[0]?.day ?? null;
  const starts = [firstLedgerDay, firstImported].filter((d): d is IsoDate => d !== null);
  if (starts.length === 0) return { firstLedgerDay, days: [] };
  const dataStart = starts.reduce((a, b) => (a < b ? a : b));
  let dataEnd = range.today;
  if (firstLedgerDay === null) dataEnd = min(imported.until ?? imported.days.at(-1)!.day, range.today);
  const from = range.from && range.from > dataStart ? range.from : dataStart;
  const to = range.to && range.to < dataEnd ? range.to : dataEnd;
  if (from > to) return { firstLedgerDay, days: [] };

  const ordered = byDay(ledger.ordered);
  const returned = byDay(ledger.returned);
  const levels = new Map(ledger.sellable.map((r) => [r.day, r]));
  const importedDays = new Map(imported.days.map((r) => [r.day, r]));
  const importEnd = imported.until ?? imported.days.at(-1)?.day ?? null;

  // The sellable level entering `from`: the closing level of the last day with movements before.
  let closing: number | null = null;
  for (const r of ledger.sellable) {
    if (r.day >= from) break;
    closing = r.closing;
  }

  const days: DemandDay[] = [];
  const n = dayNumber(to) - dayNumber(from) + 1;
  for (let i = 0; i < n; i++) {
    const date = addDays(from, i);
    if (firstLedgerDay !== null && date >= firstLedgerDay) {
      const level = levels.get(date);
      const lowest = level ? Math.min(level.lowest, closing ?? Infinity) : (closing ?? Infinity);
      if (level) closing = level.closing;
      days.push({
        date,
        units: ordered.get(date) ?? 0,
        returned: returned.get(date) ?? 0,
        outOfStock: lowest <= 0,
        source: 'ledger',
      });
    } else if (importEnd !== null && date <= importEnd) {
      const row = importedDays.get(date);
      days.push({
        date,
        units: row?.units ?? 0,
        returned: row?.returned ?? 0,
        outOfStock: row?.outOfStock ?? false,
        source: 'import',
      });
    } else {
      days.push({ date, units: 0, returned: 0, outOfStock: false, source: 'none' });
    }
  }
  return { firstLedgerDay, days };
}

/** The forecasting series of the days: out-of-stock and `none` days are not observed (null). */
export function demandSeries(days: readonly DemandDay[]): DemandSeries | null {
  if (days.length === 0) return null;
  return {
    start: days[0]!.date,
    units: days.map((d) => (d.outOfStock || d.source === 'none' ? null : d.units)),
  };
}

function byDay(rows: readonly { day: IsoDate; units: number }[]): Map<IsoDate, number> {
  const out = new Map<IsoDate, number>();
  for (const r of rows) out.set(r.day, (out.get(r.day) ?? 0) + r.units);
  return out;
}

const min = (a: IsoDate, b: IsoDate) => (a < b ? a : b);
