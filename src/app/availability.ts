/**
 * What a storefront shows: sellable units of a SKU for a customer's region, and from which
 * warehouses in how many days. Units in stock and units resting on a supplier's virtual
 * capacity are told apart, since the latter arrive only after the supplier's lead time.
 *
 * Beside S it tells the committed future demand: standing orders' deliveries within the next
 * `committedDays` days that are not reserved yet (reserved ones are out of S already), and what
 * remains promisable to new orders. S keeps its meaning (what an order may reserve now); a shop
 * that keeps its subscribers' deliveries safe sells no more than `promisable`.
 */
import { committedSql } from '../db/committed-demand.ts';
import { prepared } from '../db/database.ts';
import { physicallyFreeSql, sellableSql } from '../db/stock.ts';
import { regionForAddress, servingWarehouses } from '../domain/delivery.ts';
import { sellableAcross } from '../domain/quantities.ts';
import { fail } from '../domain/errors.ts';
import { addDays } from '../domain/forecast/series.ts';
import { positionKey } from '../domain/keys.ts';
import { DEFAULT_COMMITTED_DAYS, promisable } from '../domain/standing-orders.ts';
import type { AvailabilityOption, AvailabilityView } from '../domain/availability.ts';
import type { AppContext } from './context.ts';
import { requireKnown } from './catalog.ts';
import { damagedCodesOf, explainUnknownBase } from './damaged-suffix.ts';
import { SERVICE_MAP_VERSION_COLUMN } from './regions.ts';

export const MAX_AVAILABILITY_SKUS = 1000;

export interface Where {
  region?: string | undefined;
  country?: string | undefined;
  postalCode?: string | undefined;
}

export interface AvailabilityQuery extends Where {
  /** Days from today whose committed deliveries count (default DEFAULT_COMMITTED_DAYS; 0: none). */
  committedDays?: number | undefined;
}

interface PositionRow {
  sku: string;
  warehouse: string;
  sellable: number;
  physical: number;
  supplier: string | null;
  lead_time_days: number | null;
}

interface CommittedRow {
  sku: string;
  warehouse: string;
  units: number;
}

/**
 * Unknown codes, the positions with their suppliers, the committed standing-order deliveries
 * between $2 and $3, and the service map's version (the map itself comes from the process's
 * ServiceMapCache while the version holds), for the codes `skus` names. Each code is looked up by
 * its key (a lateral LIMIT cannot become a hash join): a plan that reads all SKUs to find a few
 * unknown ones would be chosen on a row estimate alone. The committed deliveries cost one probe
 * of `standing_order_lines_by_sku` per SKU (the planner pushes the SKU filter into
 * `committedSql`), nothing more when no standing order names the SKU.
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
     (select coalesce(jsonb_agg(jsonb_build_object('sku', c.sku, 'warehouse', c.warehouse, 'units', c.units)), '[]')
        from (select c.sku, c.warehouse, sum(c.units) as units from (${committedSql('$2', '$3')}) c
               where c.sku = any(${skus}) group by 1, 2) c) as committed,
     ${SERVICE_MAP_VERSION_COLUMN}`);

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
  where: AvailabilityQuery = {},
): Promise<AvailabilityView[]> {
  const unique = [...new Set(skus)];
  if (unique.length > MAX_AVAILABILITY_SKUS) {
    fail('invalid_request', `at most ${MAX_AVAILABILITY_SKUS} SKUs per request`, { skus: unique.length });
  }
  const committedDays = where.committedDays ?? DEFAULT_COMMITTED_DAYS;
  const today = ctx.clock().toISOString().slice(0, 10);
  // One statement: unknown codes, the positions with their suppliers, the committed deliveries
  // from today to the end of the look-ahead (none when it is 0 days), and the service map's
  // version, under which the map comes from this process's cache or is read once more.
  const { rows } = await ctx.db.query<{
    missing: string[];
    positions: PositionRow[];
    committed: CommittedRow[];
    serviceMapVersion: string;
  }>(unique.length === 1 ? AVAILABILITY_OF_ONE_SQL : AVAILABILITY_SQL, [
    unique.length === 1 ? unique[0] : unique,
    today,
    addDays(today, committedDays - 1),
  ]);
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
  const service = await ctx.serviceMaps.at(ctx.db, read.serviceMapVersion);
  const positions = { rows: read.positions };
  const region =
    where.region ??
    (where.country || where.postalCode
      ? regionForAddress(service, { country: where.country, postalCode: where.postalCode })
      : null);
  const serving = new Map(servingWarehouses(service, region).map((d) => [d.warehouse, d.deliveryDays]));
  const committedAt = new Map<string, number>();
  const committedOf = new Map<string, number>();
  for (const c of read.committed) {
    if (!serving.has(c.warehouse)) continue;
    committedAt.set(positionKey(c.sku, c.warehouse), Number(c.units));
    committedOf.set(c.sku, (committedOf.get(c.sku) ?? 0) + Number(c.units));
  }
  const bySku = new Map<string, AvailabilityOption[]>();
  for (const p of positions.rows) {
    if (p.sellable <= 0 || !serving.has(p.warehouse)) continue;
    const days = serving.get(p.warehouse)!;
    const fromStock = Math.min(p.sellable, Math.max(0, p.physical));
    const virtualUnits = p.sellable - fromStock;
    const leadTimeDays = p.lead_time_days ?? 0;
    const committed = committedAt.get(positionKey(p.sku, p.warehouse)) ?? 0;
    const option: AvailabilityOption = {
      warehouse: p.warehouse,
      sellable: p.sellable,
      committed,
      promisable: promisable(p.sellable, committed),
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
    if (base !== undefined) {
      const none = { sellable: 0, inStock: false, committed: 0, promisable: 0, committedDays };
      return { sku, damagedOf: base, region, ...none, options: [] };
    }
    const options = (bySku.get(sku) ?? []).sort(
      (a, b) =>
        (a.deliveryDays ?? 0) - (b.deliveryDays ?? 0) ||
        b.sellable - a.sellable ||
        (a.warehouse < b.warehouse ? -1 : 1),
    );
    const total = sellableAcross(options.map((o) => o.sellable));
    return {
      sku,
      region,
      sellable: total,
      inStock: total > 0,
      committed: committedOf.get(sku) ?? 0,
      promisable: options.reduce((sum, o) => sum + o.promisable, 0),
      committedDays,
      options,
    };
  });
}
