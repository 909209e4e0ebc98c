/** What a storefront shows: sellable units of a SKU for a customer region, and where from. */
import { positionsOfSkus } from '../db/stock.ts';
import { sellable } from '../domain/quantities.ts';
import { requireKnown } from './catalog.ts';
import type { AppContext } from './context.ts';

export interface AvailabilityView {
  sku: string;
  region: string | null;
  sellable: number;
  inStock: boolean;
  options: { warehouse: string; sellable: number; deliveryDays: number }[];
}

/**
 * Until regional routing exists every warehouse serves every region: a warehouse in the
 * customer's region delivers in a day, any other in three.
 */
export const SAME_REGION_DELIVERY_DAYS = 1;
export const OTHER_REGION_DELIVERY_DAYS = 3;

export async function availability(
  ctx: AppContext,
  skus: string[],
  region?: string | undefined,
): Promise<AvailabilityView[]> {
  const unique = [...new Set(skus)];
  await requireKnown(ctx.db, unique, []);
  const [positions, warehouses] = await Promise.all([
    positionsOfSkus(ctx.db, unique),
    ctx.db.query<{ code: string; region: string }>('select code, region from warehouses'),
  ]);
  const regionOf = new Map(warehouses.rows.map((w) => [w.code, w.region]));
  return unique.map((sku) => {
    const options = positions
      .filter((p) => p.sku === sku && sellable(p) > 0)
      .map((p) => ({
        warehouse: p.warehouse,
        sellable: sellable(p),
        deliveryDays:
          region === undefined || regionOf.get(p.warehouse) === region
            ? SAME_REGION_DELIVERY_DAYS
            : OTHER_REGION_DELIVERY_DAYS,
      }))
      .sort((a, b) => a.deliveryDays - b.deliveryDays || b.sellable - a.sellable);
    const total = options.reduce((n, o) => n + o.sellable, 0);
    return { sku, region: region ?? null, sellable: total, inStock: total > 0, options };
  });
}
