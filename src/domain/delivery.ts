/**
 * Regions and delivery times: which warehouses serve a customer's region, and in how many days.
 * Pure: the caller supplies the warehouses, the regions and the explicit service table.
 */
import { fail } from './errors.ts';
import type { RoutingPolicy } from './routing.ts';

export interface Region {
  code: string;
  lat: number | null;
  lon: number | null;
  countries: readonly string[];
  postalPrefixes: readonly string[];
}

export interface ServedWarehouse {
  code: string;
  /** The warehouse's own region code (a label; it need not name a defined region). */
  region: string;
  lat: number | null;
  lon: number | null;
  priority: number;
  /** Explicit service: region code -> delivery days. Empty: it serves every region. */
  serves: ReadonlyMap<string, number>;
}

/** Without explicit service or coordinates: a warehouse in the customer's region, or not. */
export const SAME_REGION_DELIVERY_DAYS = 1;
export const OTHER_REGION_DELIVERY_DAYS = 3;
/** Distance-based estimate: one day, plus one for every full `KM_PER_EXTRA_DAY` of distance. */
export const KM_PER_EXTRA_DAY = 800;

const EARTH_RADIUS_KM = 6371;

/** Great-circle distance (haversine) in kilometres. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export type DeliveryBasis = 'explicit' | 'distance' | 'same_region' | 'other_region';

export interface DeliveryEstimate {
  days: number;
  basis: DeliveryBasis;
}

/**
 * Days for `warehouse` to deliver to `region`, or null when it does not serve the region. An
 * explicit service row wins; a warehouse with explicit rows serves only those regions. Without
 * any: distance-based where both have coordinates, otherwise same region or not.
 */
export function deliveryEstimate(warehouse: ServedWarehouse, region: Region): DeliveryEstimate | null {
  if (warehouse.serves.size > 0) {
    const days = warehouse.serves.get(region.code);
    return days === undefined ? null : { days, basis: 'explicit' };
  }
  if (warehouse.lat !== null && warehouse.lon !== null && region.lat !== null && region.lon !== null) {
    const km = distanceKm({ lat: warehouse.lat, lon: warehouse.lon }, { lat: region.lat, lon: region.lon });
    return { days: 1 + Math.floor(km / KM_PER_EXTRA_DAY), basis: 'distance' };
  }
  return warehouse.region === region.code
    ? { days: SAME_REGION_DELIVERY_DAYS, basis: 'same_region' }
    : { days: OTHER_REGION_DELIVERY_DAYS, basis: 'other_region' };
}

const normalPostal = (s: string) => s.toUpperCase().replace(/[^0-9A-Z]/g, '');

/**
 * The region an address belongs to: the longest postal prefix that matches (within the
 * country, if the region also lists countries), else a region listing the country. Ties go to
 * the smaller region code, so the answer never depends on row order.
 */
export function resolveRegion(
  regions: readonly Region[],
  address: { country?: string | undefined; postalCode?: string | undefined },
): Region | null {
  const country = address.country?.toUpperCase();
  const postal = address.postalCode ? normalPostal(address.postalCode) : undefined;
  const byCode = [...regions].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const inCountry = (r: Region) =>
    r.countries.length === 0 || (country !== undefined && r.countries.includes(country));
  if (postal) {
    let best: { region: Region; length: number } | null = null;
    for (const r of byCode) {
      if (!inCountry(r)) continue;
      for (const p of r.postalPrefixes) {
        const prefix = normalPostal(p);
        if (postal.startsWith(prefix) && (!best || prefix.length > best.length))
          best = { region: r, length: prefix.length };
      }
    }
    if (best) return best.region;
  }
  if (country) return byCode.find((r) => r.countries.includes(country)) ?? null;
  return null;
}

/** Warehouses with their explicit service and every region, read together for one decision. */
export interface ServiceMap {
  warehouses: ServedWarehouse[];
  regions: Map<string, Region>;
  routing: RoutingPolicy;
}

export interface Delivery {
  warehouse: string;
  priority: number;
  deliveryDays: number | null;
  basis: DeliveryBasis | null;
}

/**
 * The warehouses that serve `region` with their delivery days; without a region every
 * warehouse, with unknown days. Fails with unknown_region for a code that is not defined.
 */
export function servingWarehouses(map: ServiceMap, region: string | null | undefined): Delivery[] {
  if (region == null) {
    return map.warehouses.map((w) => ({
      warehouse: w.code,
      priority: w.priority,
      deliveryDays: null,
      basis: null,
    }));
  }
  const r = map.regions.get(region);
  if (!r) fail('unknown_region', `unknown region ${region}`, { regions: [region] });
  return map.warehouses.flatMap((w) => {
    const estimate = deliveryEstimate(w, r);
    return estimate
      ? [{ warehouse: w.code, priority: w.priority, deliveryDays: estimate.days, basis: estimate.basis }]
      : [];
  });
}

/** The region code for an address, or unknown_region when no region covers it. */
export function regionForAddress(
  map: ServiceMap,
  address: { country?: string | undefined; postalCode?: string | undefined },
): string {
  const found = resolveRegion([...map.regions.values()], address);
  if (!found) fail('unknown_region', 'no region covers this address', { address });
  return found.code;
}
