/**
 * The queries behind demand history: what the ledger says was ordered, returned and sellable
 * per day for each of some SKUs (at one warehouse or everywhere), and the imported history. Days
 * are UTC calendar days, returned as `YYYY-MM-DD` text (a `date` would come back as a local Date).
 *
 * Everything is read through the ledger's index on movements (sku, warehouse, at), so the cost
 * is the SKUs' own movements, whatever the size of the ledger. Each query takes many SKUs: one
 * SKU's rows lie scattered over the table's pages (they were written day by day, among every
 * other SKU's), so a refresh of many positions reads each page once instead of once per SKU.
 */
import { sellableSql } from './stock.ts';
import type { Queryable } from './database.ts';

const DAY = `to_char((m.at at time zone 'UTC')::date, 'YYYY-MM-DD')`;

/** Sellable S as a movement's delta: S = I - O - U - L - T + V. */
const SELLABLE_DELTA = sellableSql('m', 'd_');

export interface LedgerDemandRow {
  day: string;
  units: number;
}

/** A row of one of the SKUs asked for at once. */
export type OfSku<Row> = Row & { sku: string };

/** Rows of many SKUs, each SKU's rows in their order: every SKU asked for has an entry. */
function bySku<Row>(skus: readonly string[], rows: OfSku<Row>[]): Map<string, Row[]> {
  const out = new Map<string, Row[]>(skus.map((sku) => [sku, []]));
  for (const { sku, ...row } of rows) out.get(sku)?.push(row as Row);
  return out;
}

/**
 * Units ordered per day: each order's reservation at its placement day, less what that order
 * later released (cancelled or expired). Shipped units stay demand; so do units later returned.
 * Standing orders' deliveries are left out: they are known demand, added to the forecast on
 * their delivery days (src/app/replenishment.ts), so the model learns only the rest.
 */
export async function orderedUnitsByDayOf(
  q: Queryable,
  skus: readonly string[],
  warehouse: string | null,
): Promise<Map<string, LedgerDemandRow[]>> {
  const { rows } = await q.query<OfSku<LedgerDemandRow>>(
    `select m.sku, ${DAY} as day, sum(a.qty - a.released)::float8 as units
     from movements m
     join order_allocations a on a.order_id = m.order_id and a.sku = m.sku and a.warehouse = m.warehouse
     where m.sku = any($1::text[]) and ($2::text is null or m.warehouse = $2) and m.type = 'reserve'
       and not exists (select 1 from standing_order_deliveries d where d.order_id = m.order_id)
     group by 1, 2`,
    [skus, warehouse],
  );
  return bySku(skus, rows);
}

/** Units returned by customers per day (every `return` movement, with or without an order). */
export async function returnedUnitsByDayOf(
  q: Queryable,
  skus: readonly string[],
  warehouse: string | null,
): Promise<Map<string, LedgerDemandRow[]>> {
  const { rows } = await q.query<OfSku<LedgerDemandRow>>(
    `select m.sku, ${DAY} as day, sum(m.qty)::float8 as units
     from movements m
     where m.sku = any($1::text[]) and ($2::text is null or m.warehouse = $2) and m.type = 'return'
     group by 1, 2`,
    [skus, warehouse],
  );
  return bySku(skus, rows);
}

export interface SellableDayRow {
  day: string;
  /** The lowest level after any moment of the day with movements. */
  lowest: number;
  /** The level at the end of the day. */
  closing: number;
}

/**
 * The units sellable somewhere, per day with movements: after each instant of the ledger
 * (movements of one transaction share their time and count as one instant), the sum over the
 * positions in scope of max(S, 0). At one warehouse that is max(S, 0), so it is 0 exactly when
 * S <= 0; for the SKU as a whole it is 0 when no warehouse had a unit to sell at that instant.
 * Window functions over each SKU's movements, in time order: S per position is the running sum
 * of its deltas, and the total moves by each position's change of max(S, 0).
 */
export async function sellableByDayOf(
  q: Queryable,
  skus: readonly string[],
  warehouse: string | null,
): Promise<Map<string, SellableDayRow[]>> {
  const { rows } = await q.query<OfSku<SellableDayRow>>(
    `with instants as (
       select m.sku, m.warehouse, m.at, sum(${SELLABLE_DELTA}) as ds
       from movements m
       where m.sku = any($1::text[]) and ($2::text is null or m.warehouse = $2)
       group by m.sku, m.warehouse, m.at
     ), levels as (
       select sku, warehouse, at, sum(ds) over (partition by sku, warehouse order by at) as s from instants
     ), steps as (
       select sku, at,
              greatest(s, 0)
                - greatest(coalesce(lag(s) over (partition by sku, warehouse order by at), 0), 0) as change
       from levels
     ), total as (
       select sku, at, sum(sum(change)) over (partition by sku order by at) as available
       from steps group by sku, at
     )
     select sku, to_char((at at time zone 'UTC')::date, 'YYYY-MM-DD') as day,
            min(available)::float8 as lowest,
            (array_agg(available order by at desc))[1]::float8 as closing
     from total group by sku, 2 order by sku, 2`,
    [skus, warehouse],
  );
  return bySku(skus, rows);
}

export interface ImportedDayRow {
  day: string;
  units: number;
  returned: number;
  /** True when every row of the day said out of stock; null when none said anything. */
  outOfStock: boolean | null;
}

/**
 * Imported daily sales: at one warehouse, its rows; for the SKU as a whole, every row of the
 * SKU (warehouse or none) summed per day, out of stock only when all of them say so.
 */
export async function importedByDayOf(
  q: Queryable,
  skus: readonly string[],
  warehouse: string | null,
): Promise<Map<string, ImportedDayRow[]>> {
  const { rows } = await q.query<OfSku<ImportedDayRow>>(
    `select sku, to_char(day, 'YYYY-MM-DD') as day, sum(units)::float8 as units,
            sum(returned)::float8 as returned, bool_and(out_of_stock) as "outOfStock"
     from demand_history
     where sku = any($1::text[]) and ($2::text is null or coalesce(warehouse, '') = $2)
     group by sku, day order by sku, day`,
    [skus, warehouse],
  );
  return bySku(skus, rows);
}

/**
 * Where a SKU has demand history: the warehouses its ledger or imported rows name (sorted), and
 * whether any imported row is for the SKU as a whole (no warehouse), which no warehouse holds.
 */
export async function demandScopes(
  q: Queryable,
  sku: string,
): Promise<{ warehouses: string[]; wholeSkuImport: boolean }> {
  const { rows } = await q.query<{ warehouse: string | null }>(
    `select distinct warehouse from movements where sku = $1
     union
     select distinct warehouse from demand_history where sku = $1`,
    [sku],
  );
  const warehouses = rows
    .map((r) => r.warehouse)
    .filter((w): w is string => w !== null)
    .sort();
  return { warehouses, wholeSkuImport: rows.some((r) => r.warehouse === null) };
}

/** The last day the imports naming each SKU cover (the end of their files), or null. */
export async function importedUntilOf(
  q: Queryable,
  skus: readonly string[],
): Promise<Map<string, string | null>> {
  const { rows } = await q.query<{ sku: string; day: string | null }>(
    `select sku, to_char(last_day, 'YYYY-MM-DD') as day from demand_coverage where sku = any($1::text[])`,
    [skus],
  );
  const until = new Map<string, string | null>(skus.map((sku) => [sku, null]));
  for (const r of rows) until.set(r.sku, r.day);
  return until;
}

/**
 * What a SKU's demand history depends on: its latest movement and the latest import. A cached
 * forecast is good while both are unchanged (and the day has not turned).
 */
export async function demandVersion(q: Queryable, sku: string): Promise<string> {
  const { rows } = await q.query<{ movement: number | null; import: number | null }>(
    `select (select max(id) from movements where sku = $1)::float8 as movement,
            (select max(id) from demand_imports)::float8 as import`,
    [sku],
  );
  return `${rows[0]?.movement ?? 0}/${rows[0]?.import ?? 0}`;
}

export interface ImportRow {
  sku: string;
  warehouse: string | null;
  day: string;
  units: number;
  returned: number;
  outOfStock: boolean | null;
}

/** Records an import and upserts its rows (a day imported again is replaced); in batches. */
export async function writeImport(
  q: Queryable,
  input: { source: string; firstDay: string; lastDay: string; rows: readonly ImportRow[]; at: Date },
): Promise<number> {
  const { rows: created } = await q.query<{ id: number }>(
    `insert into demand_imports (source, first_day, last_day, row_count, created_at)
     values ($1, $2, $3, $4, $5) returning id::float8 as id`,
    [input.source, input.firstDay, input.lastDay, input.rows.length, input.at],
  );
  const importId = created[0]!.id;
  await q.query(
    `insert into demand_coverage (sku, first_day, last_day)
     select s, $2::date, $3::date from unnest($1::text[]) s
     on conflict (sku) do update set first_day = least(demand_coverage.first_day, excluded.first_day),
       last_day = greatest(demand_coverage.last_day, excluded.last_day)`,
    [[...new Set(input.rows.map((r) => r.sku))], input.firstDay, input.lastDay],
  );
  const BATCH = 5_000;
  // A day imported again with the same figures is left as it is, with the import that brought
  // them: a file loaded twice (the demo again, a nightly export that overlaps the last) then
  // writes only the days whose figures changed, not a new version of every row.
  for (let i = 0; i < input.rows.length; i += BATCH) {
    const batch = input.rows.slice(i, i + BATCH);
    await q.query(
      `insert into demand_history (sku, warehouse, day, units, returned, out_of_stock, import_id, imported_at)
       select r.sku, r.warehouse, r.day, r.units, r.returned, r.oos, $7, $8
       from unnest($1::text[], $2::text[], $3::date[], $4::bigint[], $5::bigint[], $6::boolean[])
         as r(sku, warehouse, day, units, returned, oos)
       on conflict (sku, (coalesce(warehouse, '')), day) do update set
         units = excluded.units, returned = excluded.returned, out_of_stock = excluded.out_of_stock,
         import_id = excluded.import_id, imported_at = excluded.imported_at
       where (demand_history.units, demand_history.returned, demand_history.out_of_stock)
         is distinct from (excluded.units, excluded.returned, excluded.out_of_stock)`,
      [
        batch.map((r) => r.sku),
        batch.map((r) => r.warehouse),
        batch.map((r) => r.day),
        batch.map((r) => r.units),
        batch.map((r) => r.returned),
        batch.map((r) => r.outOfStock),
        importId,
        input.at,
      ],
    );
  }
  return importId;
}
