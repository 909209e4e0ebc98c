/**
 * Regions customers live in, which warehouses serve them and how fast, and the routing policy.
 * `loadServiceMap` is the one read that placement and availability answers share.
 */
import { readSetting, writeSetting } from '../db/settings.ts';
import { changesNoStock, type Queryable } from '../db/database.ts';
import type { Region, ServiceMap } from '../domain/delivery.ts';
import { fail } from '../domain/errors.ts';
import { DEFAULT_ROUTING, type RoutingPolicy } from '../domain/routing.ts';
import { requireKnown } from './catalog.ts';
import type { AppContext, Outcome, ServiceMaps } from './context.ts';

export interface RegionInput {
  name: string;
  lat?: number | null | undefined;
  lon?: number | null | undefined;
  countries?: string[] | undefined;
  postalPrefixes?: string[] | undefined;
}

export interface RegionView extends Region {
  name: string;
  countries: string[];
  postalPrefixes: string[];
}

interface RegionRow {
  code: string;
  name: string;
  lat: number | null;
  lon: number | null;
  countries: string[];
  postal_prefixes: string[];
}

const toRegion = (r: RegionRow): RegionView => ({
  code: r.code,
  name: r.name,
  lat: r.lat,
  lon: r.lon,
  countries: r.countries,
  postalPrefixes: r.postal_prefixes,
});

export async function putRegion(
  ctx: AppContext,
  code: string,
  input: RegionInput,
): Promise<Outcome<RegionView>> {
  const countries = [...new Set((input.countries ?? []).map((c) => c.toUpperCase()))].sort();
  const prefixes = [...new Set(input.postalPrefixes ?? [])].sort();
  const hasPoint = input.lat != null && input.lon != null;
  if ((input.lat == null) !== (input.lon == null)) {
    fail('invalid_request', 'give both lat and lon, or neither', { region: code });
  }
  if (!hasPoint && countries.length === 0 && prefixes.length === 0) {
    fail(
      'invalid_region',
      'a region needs coordinates (lat, lon) or coverage (countries or postalPrefixes)',
      {
        region: code,
      },
    );
  }
  const { rows } = await ctx.db.query<RegionRow & { inserted: boolean }>(
    `insert into regions (code, name, lat, lon, countries, postal_prefixes, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $7)
     on conflict (code) do update set name = excluded.name, lat = excluded.lat, lon = excluded.lon,
       countries = excluded.countries, postal_prefixes = excluded.postal_prefixes,
       updated_at = excluded.updated_at
     returning code, name, lat, lon, countries, postal_prefixes, (xmax = 0) as inserted`,
    [code, input.name, input.lat ?? null, input.lon ?? null, countries, prefixes, ctx.clock()],
  );
  const row = rows[0]!;
  return { created: row.inserted, body: toRegion(row) };
}

export async function getRegion(ctx: AppContext, code: string): Promise<RegionView> {
  const { rows } = await ctx.db.query<RegionRow>(
    'select code, name, lat, lon, countries, postal_prefixes from regions where code = $1',
    [code],
  );
  if (!rows[0]) fail('unknown_region', `no region ${code}`, { region: code });
  return toRegion(rows[0]);
}

export async function listRegions(ctx: AppContext): Promise<{ items: RegionView[]; nextCursor: null }> {
  const { rows } = await ctx.db.query<RegionRow>(
    'select code, name, lat, lon, countries, postal_prefixes from regions order by code',
  );
  return { items: rows.map(toRegion), nextCursor: null };
}

export interface WarehouseService {
  warehouse: string;
  /** Explicit service; empty means every region, by distance or same/other region. */
  regions: { region: string; deliveryDays: number }[];
}

/** Replaces the regions a warehouse serves explicitly (an empty list: serve every region). */
export async function putWarehouseRegions(
  ctx: AppContext,
  warehouse: string,
  regions: { region: string; deliveryDays: number }[],
): Promise<Outcome<WarehouseService>> {
  const codes = regions.map((r) => r.region);
  const duplicates = codes.filter((c, i) => codes.indexOf(c) !== i);
  if (duplicates.length > 0) fail('invalid_request', 'a region is listed twice', { regions: duplicates });
  await requireKnown(ctx.db, [], [warehouse]);
  await requireRegions(ctx.db, codes);
  return ctx.db.transaction(async (tx) => {
    await tx.query('delete from warehouse_regions where warehouse = $1', [warehouse]);
    await tx.query(
      `insert into warehouse_regions (warehouse, region, delivery_days)
       select $1, r, d from unnest($2::text[], $3::int[]) as t(r, d)`,
      [warehouse, codes, regions.map((r) => r.deliveryDays)],
    );
    await tx.query('update regions set updated_at = $2 where code = any($1)', [codes, ctx.clock()]);
    return { created: false, body: await warehouseService(tx, warehouse) };
  });
}

export async function getWarehouseRegions(ctx: AppContext, warehouse: string): Promise<WarehouseService> {
  await requireKnown(ctx.db, [], [warehouse]);
  return warehouseService(ctx.db, warehouse);
}

async function warehouseService(q: Queryable, warehouse: string): Promise<WarehouseService> {
  const { rows } = await q.query<{ region: string; deliveryDays: number }>(
    `select region, delivery_days as "deliveryDays" from warehouse_regions where warehouse = $1 order by region`,
    [warehouse],
  );
  return { warehouse, regions: rows };
}

export async function requireRegions(q: Queryable, codes: readonly string[]): Promise<void> {
  if (codes.length === 0) return;
  const { rows } = await q.query<{ code: string }>(
    'select c as code from unnest($1::text[]) c where not exists (select 1 from regions where code = c)',
    [[...new Set(codes)]],
  );
  if (rows.length > 0) {
    const missing = rows.map((r) => r.code);
    fail('unknown_region', `unknown region ${missing.join(', ')}`, { regions: missing });
  }
}

const ROUTING_KEY = 'routing';

export async function getRoutingPolicy(q: Queryable): Promise<RoutingPolicy> {
  return { ...DEFAULT_ROUTING, ...(await readSetting<RoutingPolicy>(q, ROUTING_KEY)) };
}

export async function putRoutingPolicy(
  ctx: AppContext,
  policy: RoutingPolicy,
): Promise<Outcome<RoutingPolicy>> {
  await writeSetting(ctx.db, ROUTING_KEY, policy, ctx.clock());
  return { created: false, body: policy };
}

/** Select-list columns (`warehouses`, `regions`, `routing`) that `toServiceMap` reads. */
export const SERVICE_MAP_COLUMNS = `
  (select coalesce(jsonb_agg(jsonb_build_object('code', w.code, 'region', w.region, 'lat', w.lat,
            'lon', w.lon, 'priority', w.priority,
            'serves', (select coalesce(jsonb_object_agg(s.region, s.delivery_days), '{}')
                       from warehouse_regions s where s.warehouse = w.code)) order by w.code), '[]')
   from warehouses w) as warehouses,
  (select coalesce(jsonb_agg(jsonb_build_object('code', code, 'name', name, 'lat', lat, 'lon', lon,
            'countries', countries, 'postal_prefixes', postal_prefixes) order by code), '[]')
   from regions) as regions,
  (select value from settings where key = 'routing') as routing`;

export interface ServiceMapRow {
  warehouses: WarehouseRow[];
  regions: RegionRow[];
  routing: RoutingPolicy | null;
}

export function toServiceMap(row: ServiceMapRow): ServiceMap {
  return {
    warehouses: row.warehouses.map((w) => ({ ...w, serves: new Map(Object.entries(w.serves)) })),
    regions: new Map(row.regions.map((r) => [r.code, toRegion(r)])),
    routing: { ...DEFAULT_ROUTING, ...row.routing },
  };
}

export async function loadServiceMap(q: Queryable): Promise<ServiceMap> {
  const { rows } = await q.query<ServiceMapRow>(`select ${SERVICE_MAP_COLUMNS}`);
  return toServiceMap(rows[0]!);
}

/**
 * The service map's version, as a column of a statement that reads something else: every
 * committed change to the map moves it (migration 046), so a map read under the same version is
 * the map of that statement's snapshot.
 */
export const SERVICE_MAP_VERSION_COLUMN = `(select version from service_map_version) as "serviceMapVersion"`;

const SERVICE_MAP_WITH_VERSION_SQL = changesNoStock(
  `select ${SERVICE_MAP_VERSION_COLUMN}, ${SERVICE_MAP_COLUMNS}`,
);

/**
 * The service map a process read last, under its version. A storefront's read asks the database
 * for the version alone and gets the map from here while it has not moved: building the map as
 * JSON was about a quarter of that statement's database CPU (issue 15). Right after any change,
 * by any process, the version differs and the map is read again.
 */
export class ServiceMapCache implements ServiceMaps {
  private held: { version: number; map: ServiceMap } | null = null;

  /** The map at `version` (a value read with SERVICE_MAP_VERSION_COLUMN), or a later one. */
  async at(q: Queryable, version: number | string): Promise<ServiceMap> {
    const wanted = Number(version);
    if (this.held !== null && this.held.version === wanted) return this.held.map;
    const { rows } = await q.query<ServiceMapRow & { serviceMapVersion: string }>(
      SERVICE_MAP_WITH_VERSION_SQL,
    );
    const read = { version: Number(rows[0]!.serviceMapVersion), map: toServiceMap(rows[0]!) };
    // Versions only grow: a slower read of an older map never replaces a newer one.
    if (this.held === null || read.version >= this.held.version) this.held = read;
    return read.map;
  }
}

interface WarehouseRow {
  code: string;
  region: string;
  lat: number | null;
  lon: number | null;
  priority: number;
  serves: Record<string, number>;
}
