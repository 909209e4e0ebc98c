/**
 * Products: a product groups SKUs (its variants) that differ by options such as size and
 * colour. Stock stays per SKU; a product's stock is read by rolling up its SKUs' positions with
 * the one "sellable across warehouses" rule (`purchasableSql`, the SQL spelling of
 * `sellableAcross`): an oversold position never lowers what other positions can sell.
 */

import { isPgError, type Queryable } from '../db/database.ts';
import { oversoldSql, purchasableSql, sellableSql } from '../db/stock.ts';
import { fail } from '../domain/errors.ts';
import { readableWarehouses } from './access.ts';
import {
  categoryAndDescendants,
  inCategoriesSql,
  isMissingCategory,
  requireCategories,
} from './categories.ts';
import { publicSku, SKU_COLUMNS, toSku, type Sku } from './catalog.ts';
import type { Actor, AppContext, Outcome } from './context.ts';
import { decodeCursor, encodeCursor, type Page } from './paging.ts';
import { failOptionGuard } from './variant-options.ts';

export interface ProductInput {
  name: string;
  description?: string | null | undefined;
  /** Option names its SKUs differ by, in display order. */
  options?: string[] | undefined;
  attributes?: Record<string, unknown> | undefined;
  /** Replaces the product's categories. Omitted: unchanged. */
  categories?: string[] | undefined;
}

export interface Product {
  code: string;
  name: string;
  description: string | null;
  options: string[];
  attributes: Record<string, unknown>;
  categories: string[];
  /** How many SKUs are its variants. */
  skuCount: number;
  /** Sellable across all warehouses (in the caller's scope), summed over its SKUs. */
  sellable: number;
  createdAt: string;
  updatedAt: string;
}

export interface ProductView extends Product {
  skus: Sku[];
}

const PURCHASABLE = purchasableSql('p');
const OVERSOLD = oversoldSql('p');

interface ProductRow extends Omit<Product, 'createdAt' | 'updatedAt'> {
  createdAt: Date;
  updatedAt: Date;
}

/** $1: the warehouses in scope (null: all). */
const PRODUCT_COLUMNS = `pr.code, pr.name, pr.description, pr.options, pr.attributes,
  array(select pc.category from product_categories pc where pc.product = pr.code order by pc.category) as categories,
  (select count(*)::int from skus s where s.product = pr.code) as "skuCount",
  coalesce((select sum(${PURCHASABLE})::float8 from stock_positions p join skus s on s.sku = p.sku
             where s.product = pr.code and ($1::text[] is null or p.warehouse = any($1::text[]))), 0) as sellable,
  pr.created_at as "createdAt", pr.updated_at as "updatedAt"`;

const toProduct = (r: ProductRow): Product => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export async function putProduct(
  ctx: AppContext,
  code: string,
  input: ProductInput,
  actor: Actor,
): Promise<Outcome<ProductView>> {
  const options = input.options ?? [];
  if (new Set(options).size !== options.length) {
    fail('invalid_product', 'each option name may appear once', { options });
  }
  await requireCategories(ctx.db, input.categories ?? []);
  const inserted = await ctx.db.transaction(async (tx) => {
    try {
      return await writeProduct(tx, code, input, options, ctx.clock());
    } catch (err) {
      // Dropping an option a variant still uses is refused by the write (migration 034).
      failOptionGuard(err);
      throw err;
    }
  });
  return { created: inserted, body: await getProduct(ctx, code, actor) };
}

async function writeProduct(
  tx: Queryable,
  code: string,
  input: ProductInput,
  options: string[],
  now: Date,
): Promise<boolean> {
  const { rows } = await tx.query<{ inserted: boolean }>(
    `insert into products as pr (code, name, description, options, attributes, created_at, updated_at)
       values ($1, $2, $3, $4::text[], $5, $6, $6)
       on conflict (code) do update set name = excluded.name, description = excluded.description,
         options = excluded.options, attributes = excluded.attributes, updated_at = excluded.updated_at
       returning (xmax = 0) as inserted`,
    [code, input.name, input.description ?? null, options, JSON.stringify(input.attributes ?? {}), now],
  );
  if (input.categories) {
    await tx.query('delete from product_categories where product = $1', [code]);
    try {
      await tx.query(
        `insert into product_categories (product, category)
           select $1, c from unnest($2::text[]) c group by c order by c`,
        [code, input.categories],
      );
    } catch (err) {
      if (isMissingCategory(err)) fail('unknown_category', 'a category was deleted meanwhile', {});
      throw err;
    }
  }
  return rows[0]!.inserted;
}

/** A product with its SKUs; a storefront key sees no costs. */
export async function getProduct(ctx: AppContext, code: string, actor: Actor): Promise<ProductView> {
  const scope = readableWarehouses(actor);
  const { rows } = await ctx.db.query<ProductRow>(
    `select ${PRODUCT_COLUMNS} from products pr where pr.code = $2`,
    [scope, code],
  );
  if (!rows[0]) fail('unknown_product', `no product ${code}`, { product: code });
  const { rows: skus } = await ctx.db.query<Parameters<typeof toSku>[0]>(
    `select ${SKU_COLUMNS} from skus s where s.product = $1 order by s.sku`,
    [code],
  );
  const view = skus.map(toSku);
  return { ...toProduct(rows[0]), skus: actor.role === 'storefront' ? view.map(publicSku) : view };
}

export interface ProductListQuery {
  cursor?: string | undefined;
  limit: number;
  category?: string | undefined;
  search?: string | undefined;
}

/** Products by code; a category filter includes its descendants and the categories of the products' SKUs. */
export async function listProducts(
  ctx: AppContext,
  q: ProductListQuery,
  actor: Actor,
): Promise<Page<Product>> {
  const after = q.cursor ? decodeCursor(q.cursor, ['text'])[0] : null;
  const categories = q.category ? await categoryAndDescendants(ctx.db, q.category) : null;
  const search = q.search?.trim() ? `%${q.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const { rows } = await ctx.db.query<ProductRow>(
    `select ${PRODUCT_COLUMNS} from products pr
      where ($2::text is null or pr.code > $2)
        and ($4::text[] is null
             or exists (select 1 from product_categories pc where pc.product = pr.code and pc.category = any($4::text[]))
             or exists (select 1 from skus s where s.product = pr.code and ${inCategoriesSql('s', '$4')}))
        and ($5::text is null or pr.code ilike $5 or pr.name ilike $5)
      order by pr.code limit $3`,
    [readableWarehouses(actor), after, q.limit + 1, categories, search],
  );
  const items = rows.slice(0, q.limit).map(toProduct);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > q.limit && last ? encodeCursor([last.code]) : null };
}

export interface ProductStock {
  product: string;
  /** Sellable across the warehouses in scope. */
  sellable: number;
  /** Units sold beyond stock at oversold positions, shown apart (never subtracted). */
  oversold: number;
  onHand: number;
  byWarehouse: { warehouse: string; region: string; sellable: number; oversold: number; onHand: number }[];
  byRegion: { region: string; sellable: number; oversold: number; onHand: number }[];
  bySku: {
    sku: string;
    options: Record<string, string>;
    sellable: number;
    oversold: number;
    onHand: number;
  }[];
}

/** A product's stock rolled up from its SKUs' positions, by warehouse, region and SKU. */
export async function productStock(
  ctx: AppContext,
  code: string,
  actor: Actor,
  named?: string | undefined,
): Promise<ProductStock> {
  const scope = readableWarehouses(actor, named);
  const { rows } = await ctx.db.query<{
    found: boolean;
    positions: {
      sku: string;
      options: Record<string, string>;
      warehouse: string;
      region: string;
      purchasable: number;
      oversold: number;
      onHand: number;
    }[];
  }>(
    `select exists (select 1 from products where code = $1) as found,
       (select coalesce(jsonb_agg(jsonb_build_object(
                 'sku', s.sku, 'options', s.options, 'warehouse', p.warehouse, 'region', w.region,
                 'purchasable', ${PURCHASABLE}, 'oversold', ${OVERSOLD}, 'onHand', p.on_hand,
                 'sellable', ${sellableSql('p')})
               order by s.sku, p.warehouse), '[]')
          from skus s
          join stock_positions p on p.sku = s.sku
          join warehouses w on w.code = p.warehouse
         where s.product = $1 and ($2::text[] is null or p.warehouse = any($2::text[]))) as positions`,
    [code, scope],
  );
  if (!rows[0]?.found) fail('unknown_product', `no product ${code}`, { product: code });
  const { rows: skus } = await ctx.db.query<{ sku: string; options: Record<string, string> }>(
    'select sku, options from skus where product = $1 order by sku',
    [code],
  );
  type Totals = { sellable: number; oversold: number; onHand: number };
  const add = (t: Totals, p: { purchasable: number; oversold: number; onHand: number }) => {
    t.sellable += p.purchasable;
    t.oversold += p.oversold;
    t.onHand += p.onHand;
  };
  const zero = (): Totals => ({ sellable: 0, oversold: 0, onHand: 0 });
  const total = zero();
  const byWarehouse = new Map<string, Totals & { region: string }>();
  const byRegion = new Map<string, Totals>();
  const bySku = new Map(skus.map((s) => [s.sku, { ...zero(), options: s.options }]));
  for (const p of rows[0].positions) {
    add(total, p);
    if (!byWarehouse.has(p.warehouse)) byWarehouse.set(p.warehouse, { ...zero(), region: p.region });
    add(byWarehouse.get(p.warehouse)!, p);
    if (!byRegion.has(p.region)) byRegion.set(p.region, zero());
    add(byRegion.get(p.region)!, p);
    add(bySku.get(p.sku)!, p);
  }
  return {
    product: code,
    ...total,
    byWarehouse: [...byWarehouse].map(([warehouse, t]) => ({ warehouse, ...t })),
    byRegion: [...byRegion].sort(([a], [b]) => (a < b ? -1 : 1)).map(([region, t]) => ({ region, ...t })),
    bySku: [...bySku].map(([sku, t]) => ({ sku, ...t })),
  };
}

/** Deletes a product with no SKUs left; one that still groups SKUs is refused. */
export async function deleteProduct(ctx: AppContext, code: string): Promise<void> {
  let r: { found: boolean; deleted: boolean };
  try {
    const { rows } = await ctx.db.query<{ found: boolean; deleted: boolean }>(
      `with deleted as (
         delete from products where code = $1 and not exists (select 1 from skus where product = $1)
         returning code)
       select exists (select 1 from products where code = $1) as found,
              exists (select 1 from deleted) as deleted`,
      [code],
    );
    r = rows[0]!;
  } catch (err) {
    // A SKU joined the product after the statement's snapshot: the foreign key refuses.
    if (isPgError(err) && err.code === '23503') r = { found: true, deleted: false };
    else throw err;
  }
  if (r.deleted) return;
  if (!r.found) fail('unknown_product', `no product ${code}`, { product: code });
  fail('product_has_skus', `product ${code} still groups SKUs: move them out first`, { product: code });
}
