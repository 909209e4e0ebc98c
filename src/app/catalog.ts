/** SKUs and warehouses: the catalogue that stock positions refer to. */
import type { Queryable } from '../db/database.ts';
import { CURRENCY_SQL } from './shop.ts';
import { failDamagedCodeAsSku, getDamagedSuffixes, isDamagedCodeSql } from './damaged-suffix.ts';
import { fail } from '../domain/errors.ts';
import type { AppContext, Outcome } from './context.ts';
import { decodeCursor, encodeCursor, type Page } from './paging.ts';

export interface SkuInput {
  name: string;
  attributes?: Record<string, unknown> | undefined;
  unitCost?: number | null | undefined;
  price?: number | null | undefined;
}

export interface Sku {
  sku: string;
  name: string;
  attributes: Record<string, unknown>;
  unitCost: number | null;
  price: number | null;
  /** The shop's currency, which unitCost and price are in. */
  currency: string;
  createdAt: string;
  updatedAt: string;
}

const SKU_COLUMNS = `sku, name, attributes, unit_cost as "unitCost", price, ${CURRENCY_SQL} as currency,
  created_at as "createdAt", updated_at as "updatedAt"`;

type SkuRow = Omit<Sku, 'createdAt' | 'updatedAt'> & { createdAt: Date; updatedAt: Date; inserted?: boolean };

function toSku(row: SkuRow): Sku {
  return {
    sku: row.sku,
    name: row.name,
    attributes: row.attributes,
    unitCost: row.unitCost,
    price: row.price,
    currency: row.currency,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function putSku(ctx: AppContext, sku: string, input: SkuInput): Promise<Outcome<Sku>> {
  const now = ctx.clock();
  // A code naming damaged units under the shop's suffix rule is no SKU: the insert is guarded.
  const { rows } = await ctx.db.query<SkuRow>(
    `insert into skus (sku, name, attributes, unit_cost, price, created_at, updated_at)
     select $1::text, $2::text, $3::jsonb, $4::numeric, $5::numeric, $6::timestamptz, $6::timestamptz
     where not ${isDamagedCodeSql('$1::text')}
     on conflict (sku) do update set name = excluded.name, attributes = excluded.attributes,
       unit_cost = excluded.unit_cost, price = excluded.price, updated_at = excluded.updated_at
     returning ${SKU_COLUMNS}, (xmax = 0) as inserted`,
    [
      sku,
      input.name,
      JSON.stringify(input.attributes ?? {}),
      input.unitCost ?? null,
      input.price ?? null,
      now,
    ],
  );
  const row = rows[0];
  if (!row) failDamagedCodeAsSku(sku, (await getDamagedSuffixes(ctx.db)).suffixes);
  return { status: row.inserted ? 201 : 200, body: toSku(row) };
}

export async function getSku(ctx: AppContext, sku: string): Promise<Sku> {
  const { rows } = await ctx.db.query<SkuRow>(`select ${SKU_COLUMNS} from skus where sku = $1`, [sku]);
  if (!rows[0]) fail('unknown_sku', `no SKU ${sku}`, { sku });
  return toSku(rows[0]);
}

export async function listSkus(
  ctx: AppContext,
  page: { cursor?: string | undefined; limit: number },
): Promise<Page<Sku>> {
  const after = page.cursor ? decodeCursor(page.cursor, ['text'])[0] : null;
  const { rows } = await ctx.db.query<SkuRow>(
    `select ${SKU_COLUMNS} from skus where ($1::text is null or sku > $1) order by sku limit $2`,
    [after, page.limit + 1],
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
  capacityAlertPercent: number | null;
  ageingAlertDays: number | null;
}

const WAREHOUSE_COLUMNS = `code, name, region, lat, lon, priority, capacity_units::float8 as "capacityUnits",
  capacity_alert_percent as "capacityAlertPercent", ageing_alert_days as "ageingAlertDays"`;

export async function putWarehouse(
  ctx: AppContext,
  code: string,
  input: WarehouseInput,
): Promise<Outcome<Warehouse>> {
  const { rows } = await ctx.db.query<Warehouse & { inserted: boolean }>(
    `insert into warehouses (code, name, region, lat, lon, priority, created_at, updated_at,
                             capacity_units, capacity_alert_percent, ageing_alert_days)
     values ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9, $10)
     on conflict (code) do update set name = excluded.name, region = excluded.region,
       lat = excluded.lat, lon = excluded.lon, priority = excluded.priority,
       capacity_units = excluded.capacity_units, capacity_alert_percent = excluded.capacity_alert_percent,
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
    ],
  );
  const { inserted, ...warehouse } = rows[0]!;
  return { status: inserted ? 201 : 200, body: warehouse };
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
