/**
 * What an insights report covers: the warehouses (the caller's own for a limited operator), the
 * channel and the SKUs (by supplier, by category with the categories under it, by product).
 * Every report's SQL starts with the same five parameters and the `scoped_skus` CTE, so every
 * report honours every filter.
 */
import type { Queryable } from '../../db/database.ts';
import { fail } from '../../domain/errors.ts';
import { readableWarehouses } from '../access.ts';
import { categoryAndDescendants, inCategoriesSql } from '../categories.ts';
import type { Actor, AppContext } from '../context.ts';

export interface InsightsFilter {
  warehouse?: string | undefined;
  channel?: string | undefined;
  supplier?: string | undefined;
  /** SKUs in this category or one under it, directly or through their product. */
  category?: string | undefined;
  /** The variants of this product. */
  product?: string | undefined;
}

export interface InsightsScope {
  /** The warehouses whose stock counts; null for all. */
  warehouses: string[] | null;
  /** Sales through this channel only (orders.channel); stock in its warehouses only. */
  channel: string | null;
  supplier: string | null;
  /** The category filter with its descendants; null for all. */
  categories: string[] | null;
  product: string | null;
}

/** The parameters $1..$5 of every report query, in this order. */
const scopeParams = (s: InsightsScope): unknown[] => [
  s.warehouses,
  s.supplier,
  s.channel,
  s.categories,
  s.product,
];
/** The first parameter number free for a report's own parameters. */
export const FIRST_REPORT_PARAM = 6;

/** `$1::text[]`: true when warehouse `column` is in scope. */
export const warehouseInScope = (column: string) => `($1::text[] is null or ${column} = any($1::text[]))`;

/**
 * The SKUs in scope, as a CTE. A SKU is supplied by a supplier when one of its replenishment
 * policies at a warehouse in scope names that supplier; it is in a category when it or its
 * product is in it or in one under it ($4, the list with descendants).
 */
const SCOPED_SKUS = `scoped_skus as (
  -- The channel rides along so that every report names all five parameters, used or not.
  select s.sku, s.name, $3::text as channel from skus s
   where ($2::text is null or exists (
           select 1 from replenishment_policies rp
            where rp.sku = s.sku and rp.supplier = $2::text and ${warehouseInScope('rp.warehouse')}))
     and ${inCategoriesSql('s', '$4')}
     and ($5::text is null or s.product = $5::text))`;

/**
 * Runs a report's query in its scope: `sql` is what follows `with scoped_skus as (...),` (the
 * report's own CTEs, then its select), `own` its parameters, numbered from FIRST_REPORT_PARAM.
 */
export async function queryInScope<R>(
  q: Queryable,
  scope: InsightsScope,
  sql: string,
  own: readonly unknown[],
): Promise<R[]> {
  const { rows } = await q.query<R>(`with ${SCOPED_SKUS},\n${sql}`, [...scopeParams(scope), ...own]);
  return rows;
}

/** Sales through the channel in scope ($3); `channelColumn` is the order's channel. */
export const channelInScope = (channelColumn: string) => `($3::text is null or ${channelColumn} = $3::text)`;

/**
 * Resolves the filter for this caller: a limited operator sees only its warehouses and is
 * refused another by name; unknown codes are refused rather than answered with zeros.
 */
export async function resolveScope(
  ctx: AppContext,
  filter: InsightsFilter,
  actor: Actor,
): Promise<InsightsScope> {
  let warehouses = readableWarehouses(actor, filter.warehouse);
  const { rows } = await ctx.db.query<{
    warehouse: boolean;
    channel: string[] | null;
    has_channel: boolean;
    supplier: boolean;
    product: boolean;
  }>(
    `select ($1::text is null or exists (select 1 from warehouses where code = $1)) as warehouse,
            (select warehouses from channels where code = $2) as channel,
            ($2::text is null or exists (select 1 from channels where code = $2)) as has_channel,
            ($3::text is null or exists (select 1 from suppliers where code = $3)) as supplier,
            ($4::text is null or exists (select 1 from products where code = $4)) as product`,
    [filter.warehouse ?? null, filter.channel ?? null, filter.supplier ?? null, filter.product ?? null],
  );
  const known = rows[0]!;
  if (!known.warehouse)
    fail('unknown_warehouse', `no warehouse ${filter.warehouse}`, { warehouse: filter.warehouse });
  if (!known.has_channel)
    fail('unknown_channel', `no channel ${filter.channel}`, { channel: filter.channel });
  if (!known.supplier)
    fail('unknown_supplier', `no supplier ${filter.supplier}`, { supplier: filter.supplier });
  if (!known.product) fail('unknown_product', `no product ${filter.product}`, { product: filter.product });
  // unknown_category for a code that is no category.
  const categories = filter.category ? await categoryAndDescendants(ctx.db, filter.category) : null;
  // A channel sells from its warehouses (all of them when it names none).
  const of = known.channel;
  if (filter.channel && of) warehouses = warehouses ? warehouses.filter((w) => of.includes(w)) : [...of];
  return {
    warehouses,
    channel: filter.channel ?? null,
    supplier: filter.supplier ?? null,
    categories,
    product: filter.product ?? null,
  };
}
