/** SKUs and warehouses: the catalogue that stock positions refer to. */
import { isPgError, type Queryable } from '../db/database.ts';
import { CURRENCY_SQL } from './shop.ts';
import { failDamagedCodeAsSku, getDamagedSuffixes, isDamagedCodeSql } from './damaged-suffix.ts';
import { fail } from '../domain/errors.ts';
import type { AppContext, Outcome } from './context.ts';
import { decodeCursor, encodeCursor, type Page } from './paging.ts';
import {
  categoryAndDescendants,
  inCategoriesSql,
  isMissingCategory,
  requireCategories,
} from './categories.ts';
import { failOptionGuard } from './variant-options.ts';

export interface SkuInput {
  name: string;
  attributes?: Record<string, unknown> | undefined;
  unitCost?: number | null | undefined;
  price?: number | null | undefined;
  /** The product the SKU is a variant of; null: none. Omitted: unchanged. */
  product?: string | null | undefined;
  /** Its option values (`{"size": "M"}`). Omitted: unchanged. */
  options?: Record<string, string> | undefined;
  /** The categories it is in (replaces the set). Omitted: unchanged. */
  categories?: string[] | undefined;
  /** One unit's volume in litres (capacity by volume); null: not known. Omitted: unchanged. */
  volumeLitres?: number | null | undefined;
}

export interface Sku {
  sku: string;
  name: string;
  attributes: Record<string, unknown>;
  /** Absent for storefront keys: costs are never public (see `publicSku`). */
  unitCost?: number | null;
  price: number | null;
  /** The shop's currency, which unitCost and price are in. */
  currency: string;
  product: string | null;
  options: Record<string, string>;
  categories: string[];
  volumeLitres: number | null;
  createdAt: string;
  updatedAt: string;
}

export const SKU_COLUMNS = `s.sku, s.name, s.attributes, s.unit_cost as "unitCost", s.price, ${CURRENCY_SQL} as currency,
  s.product, s.options,
  array(select sc.category from sku_categories sc where sc.sku = s.sku order by sc.category) as categories,
  s.volume_litres::float8 as "volumeLitres", s.created_at as "createdAt", s.updated_at as "updatedAt"`;

type SkuRow = Omit<Sku, 'createdAt' | 'updatedAt'> & { createdAt: Date; updatedAt: Date };

export function toSku(row: SkuRow): Sku {
  return {
    sku: row.sku,
    name: row.name,
    attributes: row.attributes,
    unitCost: row.unitCost,
    price: row.price,
    currency: row.currency,
    product: row.product,
    options: row.options,
    categories: row.categories,
    volumeLitres: row.volumeLitres ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What a storefront key may see of a SKU: everything but its cost. */
export function publicSku(sku: Sku): Sku {
  const { unitCost: _cost, ...rest } = sku;
  return rest;
}

/**
 * Maps a refusal of a SKU write to its stable code: a missing product or category (foreign
 * keys) or an option name its product does not have (the trigger of migration 034).
 */
export function failMissingReference(err: unknown, product: string | null | undefined): never {
  failOptionGuard(err);
  if (isPgError(err) && err.code === '23503') {
    if (/product/.test(err.message + (err.detail ?? ''))) {
      fail('unknown_product', `no product ${product}`, { product });
    }
    if (isMissingCategory(err)) fail('unknown_category', 'a category was deleted meanwhile', {});
  }
  throw err;
}

/** Replaces the categories of the given SKUs (in the caller's transaction). */
export async function setSkuCategories(
  tx: Queryable,
  assignments: readonly { sku: string; categories: readonly string[] }[],
): Promise<void> {
  if (assignments.length === 0) return;
  await tx.query('delete from sku_categories where sku = any($1::text[])', [assignments.map((a) => a.sku)]);
  const pairs = assignments.flatMap((a) => [...new Set(a.categories)].map((c) => [a.sku, c]));
  if (pairs.length === 0) return;
  await tx.query(
    `insert into sku_categories (sku, category)
     select * from unnest($1::text[], $2::text[]) order by 1, 2`,
    [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
  );
}

export async function putSku(ctx: AppContext, sku: string, input: SkuInput): Promise<Outcome<Sku>> {
  const now = ctx.clock();
  await requireCategories(ctx.db, input.categories ?? []);
  await requireProducts(ctx.db, [input.product]);
  return ctx.db.transaction(async (tx) => {
    try {
      const { rows } = await tx.query<{ inserted: boolean }>(
        `insert into skus as s (sku, name, attributes, unit_cost, price, product, options, created_at, updated_at,
                                volume_litres)
         select $1::text, $2::text, $3::jsonb, $4::numeric, $5::numeric, $6::text, coalesce($7::jsonb, '{}'),
           $9::timestamptz, $9::timestamptz, $11::numeric
         where not ${isDamagedCodeSql('$1::text')}
         on conflict (sku) do update set name = excluded.name, attributes = excluded.attributes,
           unit_cost = excluded.unit_cost, price = excluded.price,
           product = case when $8 then excluded.product else s.product end,
           options = coalesce($7::jsonb, s.options),
           volume_litres = case when $10 then excluded.volume_litres else s.volume_litres end,
           updated_at = excluded.updated_at
         returning (xmax = 0) as inserted`,
        [
          sku,
          input.name,
          JSON.stringify(input.attributes ?? {}),
          input.unitCost ?? null,
          input.price ?? null,
          input.product ?? null,
          input.options === undefined ? null : JSON.stringify(input.options),
          input.product !== undefined,
          now,
          input.volumeLitres !== undefined,
          input.volumeLitres ?? null,
        ],
      );
      // A code naming damaged units under the shop's suffix rule is no SKU: the insert is guarded.
      if (!rows[0]) failDamagedCodeAsSku(sku, (await getDamagedSuffixes(tx)).suffixes);
      if (input.categories) await setSkuCategories(tx, [{ sku, categories: input.categories }]);
      return { created: rows[0].inserted, body: await readSku(tx, sku) };
    } catch (err) {
      return failMissingReference(err, input.product);
    }
  });
}

async function readSku(q: Queryable, sku: string): Promise<Sku> {
  const { rows } = await q.query<SkuRow>(`select ${SKU_COLUMNS} from skus s where s.sku = $1`, [sku]);
  if (!rows[0]) fail('unknown_sku', `no SKU ${sku}`, { sku });
  return toSku(rows[0]);
}

export async function getSku(ctx: AppContext, sku: string): Promise<Sku> {
  return readSku(ctx.db, sku);
}

export interface SkuListQuery {
  cursor?: string | undefined;
  limit: number;
  /** Only SKUs in this category or one under it (directly or through their product). */
  category?: string | undefined;
  product?: string | undefined;
}

export async function listSkus(ctx: AppContext, page: SkuListQuery): Promise<Page<Sku>> {
  const after = page.cursor ? decodeCursor(page.cursor, ['text'])[0] : null;
  const categories = page.category ? await categoryAndDescendants(ctx.db, page.category) : null;
  const { rows } = await ctx.db.query<SkuRow>(
    `select ${SKU_COLUMNS} from skus s
      where ($1::text is null or s.sku > $1) and ${inCategoriesSql('s', '$3')}
        and ($4::text is null or s.product = $4)
      order by s.sku limit $2`,
    [after, page.limit + 1, categories, page.product ?? null],
  );
  const items = rows.slice(0, page.limit).map(toSku);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > page.limit && last ? encodeCursor([last.sku]) : null };
}

export interface WarehouseInput {
  name: string;
  region: string;
  lat?: number | null | undefined;
  lon?: number | null | undefined;
  priority?: number | undefined;
  /** Units the warehouse holds at most: watched by the warehouse_near_capacity alert. */
  capacityUnits?: number | null | undefined;
  /** Litres the warehouse holds at most (on hand x each SKU's volumeLitres): watched too. */
  capacityLitres?: number | null | undefined;
  capacityAlertPercent?: number | null | undefined;
  /** Units on hand longer than this open a stock_ageing alert (default 180). */
  ageingAlertDays?: number | null | undefined;
}

export interface Warehouse {
  code: string;
  name: string;
  region: string;
  lat: number | null;
  lon: number | null;
  priority: number;
  capacityUnits: number | null;
  capacityLitres: number | null;
  capacityAlertPercent: number | null;
  ageingAlertDays: number | null;
}

const WAREHOUSE_COLUMNS = `code, name, region, lat, lon, priority, capacity_units::float8 as "capacityUnits",
  capacity_litres::float8 as "capacityLitres", capacity_alert_percent as "capacityAlertPercent", ageing_alert_days as "ageingAlertDays"`;

export async function putWarehouse(
  ctx: AppContext,
  code: string,
  input: WarehouseInput,
): Promise<Outcome<Warehouse>> {
  const { rows } = await ctx.db.query<Warehouse & { inserted: boolean }>(
    `insert into warehouses (code, name, region, lat, lon, priority, created_at, updated_at,
                             capacity_units, capacity_alert_percent, ageing_alert_days, capacity_litres)
     values ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9, $10, $11)
     on conflict (code) do update set name = excluded.name, region = excluded.region,
       lat = excluded.lat, lon = excluded.lon, priority = excluded.priority,
       capacity_units = excluded.capacity_units, capacity_alert_percent = excluded.capacity_alert_percent,
       capacity_litres = excluded.capacity_litres,
       ageing_alert_days = excluded.ageing_alert_days, updated_at = excluded.updated_at
     returning ${WAREHOUSE_COLUMNS}, (xmax = 0) as inserted`,
    [
      code,
      input.name,
      input.region,
      input.lat ?? null,
      input.lon ?? null,
      input.priority ?? 0,
      ctx.clock(),
      input.capacityUnits ?? null,
      input.capacityAlertPercent ?? null,
      input.ageingAlertDays ?? null,
      input.capacityLitres ?? null,
    ],
  );
  const { inserted, ...warehouse } = rows[0]!;
  return { created: inserted, body: warehouse };
}

export async function getWarehouse(ctx: AppContext, code: string): Promise<Warehouse> {
  const { rows } = await ctx.db.query<Warehouse>(
    `select ${WAREHOUSE_COLUMNS} from warehouses where code = $1`,
    [code],
  );
  if (!rows[0]) fail('unknown_warehouse', `no warehouse ${code}`, { warehouse: code });
  return rows[0];
}

export async function listWarehouses(ctx: AppContext): Promise<Page<Warehouse>> {
  const { rows } = await ctx.db.query<Warehouse>(
    `select ${WAREHOUSE_COLUMNS} from warehouses order by priority desc, code`,
  );
  return { items: rows, nextCursor: null };
}

/** Fails with unknown_sku / unknown_warehouse unless every code exists. One round trip. */
export async function requireKnown(
  q: Queryable,
  skus: readonly string[],
  warehouses: readonly string[],
): Promise<void> {
  const { rows } = await q.query<{ kind: string; code: string }>(
    `select 'sku' as kind, s as code from unnest($1::text[]) s where not exists (select 1 from skus where sku = s)
     union all
     select 'warehouse', w from unnest($2::text[]) w where not exists (select 1 from warehouses where code = w)`,
    [[...new Set(skus)], [...new Set(warehouses)]],
  );
  const missingSkus = rows.filter((r) => r.kind === 'sku').map((r) => r.code);
  const missingWarehouses = rows.filter((r) => r.kind === 'warehouse').map((r) => r.code);
  if (missingSkus.length > 0) {
    fail('unknown_sku', `unknown SKU ${missingSkus.join(', ')}`, { skus: missingSkus });
  }
  if (missingWarehouses.length > 0) {
    fail('unknown_warehouse', `unknown warehouse ${missingWarehouses.join(', ')}`, {
      warehouses: missingWarehouses,
    });
  }
}

/** Fails `unknown_product` naming every code that is not a product. */
export async function requireProducts(
  q: Queryable,
  codes: readonly (string | null | undefined)[],
): Promise<void> {
  const named = [...new Set(codes.filter((c): c is string => !!c))];
  if (named.length === 0) return;
  const { rows } = await q.query<{ code: string }>(
    'select c as code from unnest($1::text[]) c where not exists (select 1 from products where code = c)',
    [named],
  );
  if (rows.length > 0) {
    const missing = rows.map((r) => r.code);
    fail('unknown_product', `unknown product ${missing.join(', ')}`, { products: missing });
  }
}
