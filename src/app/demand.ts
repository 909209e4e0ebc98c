/**
 * Demand history use cases: the daily series of one SKU (at a warehouse or everywhere), from
 * imported history and the ledger, and the import of historical sales. The rules are in
 * src/domain/demand.ts; docs/forecasting.md explains them.
 */
import {
  importedByDayOf,
  importedUntilOf,
  orderedUnitsByDayOf,
  returnedUnitsByDayOf,
  sellableByDayOf,
  writeImport,
  type ImportRow,
} from '../db/demand.ts';
import { demandDays, type DemandDay } from '../domain/demand.ts';
import { fail } from '../domain/errors.ts';
import { keyOf, mergeBy } from '../domain/keys.ts';
import type { IsoDate } from '../domain/forecast/index.ts';
import { requireKnown } from './catalog.ts';
import type { AppContext } from './context.ts';

export interface DemandQuery {
  sku: string;
  /** null: the SKU over all warehouses. */
  warehouse: string | null;
  from?: IsoDate | undefined;
  to?: IsoDate | undefined;
}

export interface DemandHistoryView {
  sku: string;
  warehouse: string | null;
  /** The first and last day listed (null when there is no history). */
  from: IsoDate | null;
  to: IsoDate | null;
  /** The first day the ledger has for this scope: imported rows from it on are not used. */
  firstLedgerDay: IsoDate | null;
  days: DemandDay[];
}

/** Today's date (UTC) by the context's clock. */
export const today = (ctx: AppContext): IsoDate => ctx.clock().toISOString().slice(0, 10);

export async function getDemandHistory(ctx: AppContext, q: DemandQuery): Promise<DemandHistoryView> {
  if (q.from && q.to && q.from > q.to) fail('invalid_request', `from ${q.from} is after to ${q.to}`);
  await requireKnown(ctx.db, [q.sku], q.warehouse ? [q.warehouse] : []);
  return readDemandHistory(ctx, q);
}

/** The history without the catalogue check (the caller has made it). */
export async function readDemandHistory(ctx: AppContext, q: DemandQuery): Promise<DemandHistoryView> {
  const histories = await readDemandHistories(ctx, [q.sku], q);
  return histories.get(q.sku)!;
}

/**
 * The histories of many SKUs in one scope (a warehouse, or everywhere) and period, in five
 * statements whatever their number: what a refresh of a warehouse's forecasts reads.
 */
export async function readDemandHistories(
  ctx: AppContext,
  skus: readonly string[],
  q: Omit<DemandQuery, 'sku'>,
): Promise<Map<string, DemandHistoryView>> {
  const [ordered, returned, sellable, imported, until] = await Promise.all([
    orderedUnitsByDayOf(ctx.db, skus, q.warehouse),
    returnedUnitsByDayOf(ctx.db, skus, q.warehouse),
    sellableByDayOf(ctx.db, skus, q.warehouse),
    importedByDayOf(ctx.db, skus, q.warehouse),
    importedUntilOf(ctx.db, skus),
  ]);
  const histories = new Map<string, DemandHistoryView>();
  for (const sku of skus) {
    const { firstLedgerDay, days } = demandDays(
      { ordered: ordered.get(sku)!, returned: returned.get(sku)!, sellable: sellable.get(sku)! },
      { days: imported.get(sku)!, until: until.get(sku)! },
      { from: q.from ?? null, to: q.to ?? null, today: today(ctx) },
    );
    histories.set(sku, {
      sku,
      warehouse: q.warehouse,
      from: days[0]?.date ?? null,
      to: days.at(-1)?.date ?? null,
      firstLedgerDay,
      days,
    });
  }
  return histories;
}

export type UnknownSkuPolicy = 'reject' | 'skip' | 'create';
export const UNKNOWN_SKU_POLICIES: readonly UnknownSkuPolicy[] = ['reject', 'skip', 'create'];

export interface DemandImportLine {
  date: IsoDate;
  sku: string;
  warehouse: string | null;
  units: number;
  returned: number;
  outOfStock: boolean | null;
}

export interface DemandImportView {
  importId: number;
  source: 'csv' | 'online-retail';
  /** The days the import covers: its first and last date. */
  from: IsoDate;
  to: IsoDate;
  /** Rows written (lines for the same SKU, warehouse and day are summed into one). */
  rows: number;
  skus: number;
  /** SKUs not in the catalogue: skipped (their rows not written) or created, by the policy. */
  skippedSkus: string[];
  createdSkus: string[];
}

/** Unknown SKUs listed in an error's details, at most. */
const LISTED = 100;

/**
 * Imports daily sales. Every line is checked before anything is written; unknown warehouses are
 * refused, unknown SKUs refused (`reject`, the default), left out (`skip`) or created with the
 * SKU as name, or the name given in `names` (`create`). One transaction: all or nothing.
 */
export async function importDemandHistory(
  ctx: AppContext,
  lines: readonly DemandImportLine[],
  opts: {
    source: 'csv' | 'online-retail';
    unknownSkus?: UnknownSkuPolicy | undefined;
    names?: ReadonlyMap<string, string>;
  },
): Promise<DemandImportView> {
  if (lines.length === 0) fail('invalid_csv', 'the file has no rows', { errors: [] });
  const policy = opts.unknownSkus ?? 'reject';
  const merged = mergeLines(lines);
  const skus = [...new Set(merged.map((r) => r.sku))];
  const warehouses = [...new Set(merged.flatMap((r) => (r.warehouse ? [r.warehouse] : [])))];
  await requireKnown(ctx.db, [], warehouses);
  const { rows: known } = await ctx.db.query<{ sku: string }>(
    'select sku from skus where sku = any($1::text[])',
    [skus],
  );
  const knownSet = new Set(known.map((r) => r.sku));
  const unknown = skus.filter((s) => !knownSet.has(s)).sort();
  if (unknown.length > 0 && policy === 'reject') {
    fail(
      'unknown_sku',
      `${unknown.length} SKU(s) of the file are not in the catalogue; nothing was imported`,
      {
        skus: unknown.slice(0, LISTED),
        count: unknown.length,
        hint: 'create them first, or import with unknownSkus=skip or unknownSkus=create',
      },
    );
  }
  const rows = policy === 'skip' ? merged.filter((r) => knownSet.has(r.sku)) : merged;
  const dates = lines.map((l) => l.date).sort();
  const from = dates[0]!;
  const to = dates.at(-1)!;
  const now = ctx.clock();
  const importId = await ctx.db.transaction(async (tx) => {
    if (policy === 'create' && unknown.length > 0) {
      await tx.query(
        `insert into skus (sku, name, created_at, updated_at)
         select s, n, $3, $3 from unnest($1::text[], $2::text[]) as t(s, n)
         on conflict (sku) do nothing`,
        [unknown, unknown.map((s) => (opts.names?.get(s) ?? s).slice(0, 200)), now],
      );
    }
    return writeImport(tx, { source: opts.source, firstDay: from, lastDay: to, rows, at: now });
  });
  return {
    importId,
    source: opts.source,
    from,
    to,
    rows: rows.length,
    skus: new Set(rows.map((r) => r.sku)).size,
    skippedSkus: policy === 'skip' ? unknown : [],
    createdSkus: policy === 'create' ? unknown : [],
  };
}

/** Lines for one (sku, warehouse, day) summed; out of stock if any said so, null if none said. */
function mergeLines(lines: readonly DemandImportLine[]): ImportRow[] {
  const rows = lines.map((l): ImportRow => ({
    sku: l.sku,
    warehouse: l.warehouse,
    day: l.date,
    units: l.units,
    returned: l.returned,
    outOfStock: l.outOfStock,
  }));
  return mergeBy(
    rows,
    (r) => keyOf(r.sku, r.warehouse, r.day),
    (row, r) => {
      row.units += r.units;
      row.returned += r.returned;
      if (r.outOfStock !== null) row.outOfStock = (row.outOfStock ?? false) || r.outOfStock;
    },
  );
}
