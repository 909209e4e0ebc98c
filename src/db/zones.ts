/** SQL for warehouse zones, the units of a position in each zone, and the zone ledger. */
import type { ZoneBucket, ZoneKind } from '../domain/zones.ts';
import type { Queryable } from './database.ts';

export interface ZoneRow {
  warehouse: string;
  code: string;
  name: string;
  kind: ZoneKind;
}

const ZONE_COLUMNS = 'warehouse, code, name, kind';

/**
 * Creates or renames a zone, inside the caller's transaction. Its kind may change only while it
 * holds no units (the units' bucket follows the kind): otherwise null comes back and the caller
 * refuses. The zone row is locked first, so that the emptiness is read in a later statement
 * that sees every move into the zone committed before the lock was granted.
 */
export async function upsertZone(
  q: Queryable,
  zone: ZoneRow,
  at: Date,
): Promise<{ zone: ZoneRow; inserted: boolean } | null> {
  const inserted = await q.query<ZoneRow>(
    `insert into warehouse_zones (warehouse, code, name, kind, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $5) on conflict (warehouse, code) do nothing
     returning ${ZONE_COLUMNS}`,
    [zone.warehouse, zone.code, zone.name, zone.kind, at],
  );
  if (inserted.rows[0]) return { zone: inserted.rows[0], inserted: true };
  await q.query(`select 1 from warehouse_zones where warehouse = $1 and code = $2 for update`, [
    zone.warehouse,
    zone.code,
  ]);
  const { rows } = await q.query<ZoneRow>(
    `update warehouse_zones z set name = $3, kind = $4, updated_at = $5
     where z.warehouse = $1 and z.code = $2 and (z.kind = $4 or not exists (
       select 1 from zone_stock s where s.warehouse = z.warehouse and s.zone = z.code and s.units > 0))
     returning ${ZONE_COLUMNS}`,
    [zone.warehouse, zone.code, zone.name, zone.kind, at],
  );
  return rows[0] ? { zone: rows[0], inserted: false } : null;
}

export async function zonesOfWarehouse(q: Queryable, warehouse: string): Promise<ZoneRow[]> {
  const { rows } = await q.query<ZoneRow>(
    `select ${ZONE_COLUMNS} from warehouse_zones where warehouse = $1 order by code`,
    [warehouse],
  );
  return rows;
}

/** A zone, share-locked so that its kind cannot change while a move into or out of it commits. */
export async function lockZone(q: Queryable, warehouse: string, code: string): Promise<ZoneRow | undefined> {
  const { rows } = await q.query<ZoneRow>(
    `select ${ZONE_COLUMNS} from warehouse_zones where warehouse = $1 and code = $2 for share`,
    [warehouse, code],
  );
  return rows[0];
}

/** Deletes an empty zone; false when it holds units (or does not exist: the caller tells which). */
export async function deleteEmptyZone(q: Queryable, warehouse: string, code: string): Promise<boolean> {
  // The zone first, as every mover takes it (after the position): then its stock rows.
  await q.query(`select 1 from warehouse_zones where warehouse = $1 and code = $2 for update`, [
    warehouse,
    code,
  ]);
  await q.query(`delete from zone_stock where warehouse = $1 and zone = $2 and units = 0`, [warehouse, code]);
  const { rows } = await q.query(
    `delete from warehouse_zones z where z.warehouse = $1 and z.code = $2
       and not exists (select 1 from zone_stock s where s.warehouse = z.warehouse and s.zone = z.code)
     returning code`,
    [warehouse, code],
  );
  return rows.length > 0;
}

export async function zoneHoldsUnits(q: Queryable, warehouse: string, code: string): Promise<number> {
  const { rows } = await q.query<{ units: string | null }>(
    `select sum(units) as units from zone_stock where warehouse = $1 and zone = $2`,
    [warehouse, code],
  );
  return Number(rows[0]?.units ?? 0);
}

export interface ZonedPosition {
  onHand: number;
  damaged: number;
  qcPending: number;
  zoneUnits: number;
  zoneDamaged: number;
  zoneQcPending: number;
}

/** The position with its zone counters, under a row lock (every stock writer locks it too). */
export async function lockZonedPosition(
  q: Queryable,
  sku: string,
  warehouse: string,
): Promise<ZonedPosition | undefined> {
  const { rows } = await q.query<ZonedPosition>(
    `select on_hand as "onHand", damaged, qc_pending as "qcPending", zone_units as "zoneUnits",
       zone_damaged as "zoneDamaged", zone_qc_pending as "zoneQcPending"
     from stock_positions where sku = $1 and warehouse = $2 for update`,
    [sku, warehouse],
  );
  return rows[0];
}

const counterDeltas = (qty: number, bucket: ZoneBucket) => [
  qty,
  bucket === 'damaged' ? qty : 0,
  bucket === 'qcPending' ? qty : 0,
];

/**
 * Takes `qty` units out of a named zone: the guard is in the update (the zone must hold them).
 * False when it does not.
 */
export async function takeFromZone(
  q: Queryable,
  at: { sku: string; warehouse: string; zone: string; bucket: ZoneBucket },
  qty: number,
): Promise<boolean> {
  const { rows } = await q.query(
    `update zone_stock set units = units - $4
     where sku = $1 and warehouse = $2 and zone = $3 and units >= $4 returning units`,
    [at.sku, at.warehouse, at.zone, qty],
  );
  if (rows.length === 0) return false;
  await q.query(
    `update stock_positions set zone_units = zone_units - $3, zone_damaged = zone_damaged - $4,
       zone_qc_pending = zone_qc_pending - $5
     where sku = $1 and warehouse = $2`,
    [at.sku, at.warehouse, ...counterDeltas(qty, at.bucket)],
  );
  return true;
}

/**
 * Puts `qty` units into a named zone. With `fromDefault` the units come out of the default
 * zone, which must hold them (onHand beyond the named zones): that guard is in the update, and
 * false comes back when it fails. The position row must exist (a movement has touched it).
 */
export async function putIntoZone(
  q: Queryable,
  at: { sku: string; warehouse: string; zone: string; bucket: ZoneBucket },
  qty: number,
  fromDefault: boolean,
): Promise<boolean> {
  const { rows } = await q.query(
    `update stock_positions set zone_units = zone_units + $3, zone_damaged = zone_damaged + $4,
       zone_qc_pending = zone_qc_pending + $5
     where sku = $1 and warehouse = $2 and (not $6 or on_hand - zone_units >= $3) returning sku`,
    [at.sku, at.warehouse, ...counterDeltas(qty, at.bucket), fromDefault],
  );
  if (rows.length === 0) return false;
  await q.query(
    `insert into zone_stock (sku, warehouse, zone, units) values ($1, $2, $3, $4)
     on conflict (sku, warehouse, zone) do update set units = zone_stock.units + excluded.units`,
    [at.sku, at.warehouse, at.zone, qty],
  );
  return true;
}

/** The id of the movement this session wrote last (`stockroom_apply_movements` just ran). */
export async function lastMovementId(q: Queryable): Promise<number> {
  const { rows } = await q.query<{ id: string }>(`select currval('movements_id_seq') as id`);
  return Number(rows[0]!.id);
}

export async function recordZoneMovements(
  q: Queryable,
  movement: { id: number; at: Date },
  position: { sku: string; warehouse: string },
  deltas: { zone: string; units: number }[],
): Promise<void> {
  if (deltas.length === 0) return;
  await q.query(
    `insert into zone_movements (movement_id, at, sku, warehouse, zone, d_units)
     select $1, $2, $3, $4, z, d from unnest($5::text[], $6::bigint[]) as t(z, d)`,
    [
      movement.id,
      movement.at,
      position.sku,
      position.warehouse,
      deltas.map((d) => d.zone),
      deltas.map((d) => d.units),
    ],
  );
}

export interface ZoneUnitsRow {
  warehouse: string;
  zone: string;
  units: number;
}

/** A SKU's units per named zone, now or (from the zone ledger) as of a past time. */
export async function zoneUnitsOfSku(q: Queryable, sku: string, asOf?: Date): Promise<ZoneUnitsRow[]> {
  const { rows } = asOf
    ? await q.query<ZoneUnitsRow>(
        `select warehouse, zone, sum(d_units) as units from zone_movements
         where sku = $1 and at <= $2 group by warehouse, zone order by warehouse, zone`,
        [sku, asOf],
      )
    : await q.query<ZoneUnitsRow>(
        `select warehouse, zone, units from zone_stock where sku = $1 order by warehouse, zone`,
        [sku],
      );
  return rows.map((r) => ({ ...r, units: Number(r.units) }));
}

export async function zonesOfWarehouses(q: Queryable, warehouses: readonly string[]): Promise<ZoneRow[]> {
  const { rows } = await q.query<ZoneRow>(
    `select ${ZONE_COLUMNS} from warehouse_zones where warehouse = any($1::text[]) order by warehouse, code`,
    [warehouses],
  );
  return rows;
}

export interface ZoneDriftRow {
  sku: string;
  warehouse: string;
  zone: string | null;
  stored: number;
  rebuilt: number;
}

/**
 * Zone units that the zone ledger does not explain (zone_stock against the sum of
 * zone_movements), and positions whose zone counters do not match their zones (zone null;
 * `stored`/`rebuilt` then give the units in all named zones, though any counter may differ).
 */
export async function zoneDrift(q: Queryable, limit: number): Promise<ZoneDriftRow[]> {
  const { rows } = await q.query<ZoneDriftRow>(
    `with rebuilt as (
       select sku, warehouse, zone, sum(d_units) as units from zone_movements group by sku, warehouse, zone),
     zones as (
       select coalesce(s.sku, r.sku) as sku, coalesce(s.warehouse, r.warehouse) as warehouse,
         coalesce(s.zone, r.zone) as zone, coalesce(s.units, 0) as stored, coalesce(r.units, 0) as rebuilt
       from zone_stock s full join rebuilt r using (sku, warehouse, zone)
       where coalesce(s.units, 0) <> coalesce(r.units, 0)),
     sums as (
       select s.sku, s.warehouse, sum(s.units) as units,
         sum(s.units) filter (where z.kind in ('damaged', 'quarantine', 'returns')) as damaged,
         sum(s.units) filter (where z.kind = 'qc') as qc
       from zone_stock s join warehouse_zones z on z.warehouse = s.warehouse and z.code = s.zone
       group by s.sku, s.warehouse),
     counters as (
       select p.sku, p.warehouse, null::text as zone,
         p.zone_units as stored, coalesce(x.units, 0) as rebuilt
       from stock_positions p left join sums x using (sku, warehouse)
       where p.zone_units <> coalesce(x.units, 0) or p.zone_damaged <> coalesce(x.damaged, 0)
          or p.zone_qc_pending <> coalesce(x.qc, 0))
     select sku, warehouse, zone, stored::bigint as stored, rebuilt::bigint as rebuilt from zones
     union all select sku, warehouse, zone, stored, rebuilt from counters
     order by sku, warehouse, zone nulls first limit $1`,
    [limit],
  );
  return rows.map((r) => ({ ...r, stored: Number(r.stored), rebuilt: Number(r.rebuilt) }));
}

/** The units of one position in one named zone (0 when it never held any). */
export async function unitsInZone(
  q: Queryable,
  at: { sku: string; warehouse: string; zone: string },
): Promise<number> {
  const { rows } = await q.query<{ units: string }>(
    `select units from zone_stock where sku = $1 and warehouse = $2 and zone = $3`,
    [at.sku, at.warehouse, at.zone],
  );
  return Number(rows[0]?.units ?? 0);
}
