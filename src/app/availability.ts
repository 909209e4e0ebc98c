/**
 * What a storefront shows: sellable units of a SKU for a customer's region, and from which
 * warehouses in how many days. Units in stock and units resting on a supplier's virtual
 * capacity are told apart, since the latter arrive only after the supplier's lead time.
 */
import { prepared } from '../db/database.ts';
import { physicallyFreeSql, sellableSql } from '../db/stock.ts';
import { regionForAddress, servingWarehouses } from '../domain/delivery.ts';
import { sellableAcross } from '../domain/quantities.ts';
import { fail } from '../domain/errors.ts';
import type { AppContext } from './context.ts';
import { requireKnown } from './catalog.ts';
import { damagedCodesOf, explainUnknownBase } from './damaged-suffix.ts';
import { SERVICE_MAP_COLUMNS, toServiceMap, type ServiceMapRow } from './regions.ts';

export const MAX_AVAILABILITY_SKUS = 1000;

export interface AvailabilityOption {
  warehouse: string;
  sellable: number;
  /** Days to the customer's region for units in stock; null without a region. */
  deliveryDays: number | null;
  /** Of `sellable`, units physically in the warehouse. */
  fromStock: number;
  /** Of `sellable`, units resting on a supplier's capacity; they ship after its lead time. */
  virtual: {
    units: number;
    supplier: string | null;
    leadTimeDays: number;
    deliveryDays: number | null;
  } | null;
}

export interface AvailabilityView {
  sku: string;
  /** Set when `sku` names the damaged units of this SKU (suffix rule): nothing is sellable. */
  damagedOf?: string;
  region: string | null;
  sellable: number;
  inStock: boolean;
  /** Fastest first. */
  options: AvailabilityOption[];
}

export interface Where {
  region?: string | undefined;
  country?: string | undefined;
  postalCode?: string | undefined;
}

interface PositionRow {
  sku: string;
  warehouse: string;
  sellable: number;
  physical: number;
  supplier: string | null;
  lead_time_days: number | null;
}

/**
 * Unknown codes, the positions with their suppliers, and the service map, for the codes `skus`
 * names. Each code is looked up by its key (a lateral LIMIT cannot become a hash join): a plan
 * that reads all SKUs to find a few unknown ones would be chosen on a row estimate alone.
 */
const availabilitySql = (skus: string) =>
  prepared(`select
     (select coalesce(jsonb_agg(c.code), '[]') from unnest(${skus}) c(code)
        left join lateral (select true as known from skus k where k.sku = c.code limit 1) k on true
        where k.known is null) as missing,
     (select coalesce(jsonb_agg(jsonb_build_object('sku', p.sku, 'warehouse', p.warehouse,
               'sellable', ${sellableSql('p')},
               'physical', ${physicallyFreeSql('p')} - p.reserved,
               'supplier', v.supplier, 'lead_time_days', v.lead_time_days)), '[]')
        from stock_positions p
        left join virtual_supply v on v.sku = p.sku and v.warehouse = p.warehouse
        where p.sku = any(${skus})) as positions,
     ${SERVICE_MAP_COLUMNS}`);

/**
 * A storefront's single read: prepared once per connection on PostgreSQL, then only bound and
 * executed. The one code is an array of one element in the text, so the plan PostgreSQL caches
 * for every value (its generic plan) expects one row, as each value's own plan would: it keeps
 * the cached plan instead of planning the statement again on every read, which cost twice the
 * execution (issue 15).
 */
const AVAILABILITY_OF_ONE_SQL = availabilitySql('array[$1::text]');
/** Up to MAX_AVAILABILITY_SKUS codes: planned for each request, a cost shared by its codes. */
const AVAILABILITY_SQL = availabilitySql('$1::text[]');

export async function availability(
  ctx: AppContext,
  skus: string[],
  where: Where = {},
): Promise<AvailabilityView[]> {
  const unique = [...new Set(skus)];
  if (unique.length > MAX_AVAILABILITY_SKUS) {
    fail('invalid_request', `at most ${MAX_AVAILABILITY_SKUS} SKUs per request`, { skus: unique.length });
  }
  // One statement: unknown codes, the positions with their suppliers, and the service map.
  const { rows } = await ctx.db.query<ServiceMapRow & { missing: string[]; positions: PositionRow[] }>(
    unique.length === 1 ? AVAILABILITY_OF_ONE_SQL : AVAILABILITY_SQL,
    [unique.length === 1 ? unique[0] : unique],
  );
  const read = rows[0]!;
  // Codes naming damaged units (351038U) are never sellable; the rule is read only for codes
  // that are no SKU, so a storefront's ordinary reads pay nothing for it.
  const damaged = read.missing.length > 0 ? await damagedCodesOf(ctx.db, read.missing) : [];
  const missing = read.missing.filter((s) => !damaged.some((d) => d.code === s));
  if (missing.length > 0) fail('unknown_sku', `unknown SKU ${missing.join(', ')}`, { skus: missing });
  if (damaged.length > 0) {
    await explainUnknownBase(damaged, () =>
      requireKnown(
        ctx.db,
        damaged.map((d) => d.base),
        [],
      ),
    );
  }
  const damagedOf = new Map(damaged.map((d) => [d.code, d.base]));
  const service = toServiceMap(read);
  const positions = { rows: read.positions };
  const region =
    where.region ??
    (where.country || where.postalCode
      ? regionForAddress(service, { country: where.country, postalCode: where.postalCode })
      : null);
  const serving = new Map(servingWarehouses(service, region).map((d) => [d.warehouse, d.deliveryDays]));
  const bySku = new Map<string, AvailabilityOption[]>();
  for (const p of positions.rows) {
    if (p.sellable <= 0 || !serving.has(p.warehouse)) continue;
    const days = serving.get(p.warehouse)!;
    const fromStock = Math.min(p.sellable, Math.max(0, p.physical));
    const virtualUnits = p.sellable - fromStock;
    const leadTimeDays = p.lead_time_days ?? 0;
    const option: AvailabilityOption = {
      warehouse: p.warehouse,
      sellable: p.sellable,
      deliveryDays: days,
      fromStock,
      virtual:
        virtualUnits > 0
          ? {
              units: virtualUnits,
              supplier: p.supplier,
              leadTimeDays,
              deliveryDays: days === null ? null : days + leadTimeDays,
            }
          : null,
    };
    const list = bySku.get(p.sku) ?? [];
    list.push(option);
    bySku.set(p.sku, list);
  }
  return unique.map((sku): AvailabilityView => {
    const base = damagedOf.get(sku);
    if (base !== undefined) return { sku, damagedOf: base, region, sellable: 0, inStock: false, options: [] };
    const options = (bySku.get(sku) ?? []).sort(
      (a, b) =>
        (a.deliveryDays ?? 0) - (b.deliveryDays ?? 0) ||
        b.sellable - a.sellable ||
        (a.warehouse < b.warehouse ? -1 : 1),
    );
    const total = sellableAcross(options.map((o) => o.sellable));
    return { sku, region, sellable: total, inStock: total > 0, options };
  });
}
