/**
 * Zones of a warehouse (docs/zones.md): managing them, moving units between them (a ledger
 * movement with actor and reason), receiving into one, and reading a position's units by zone.
 */
import type { Queryable } from '../db/database.ts';
import { applyMovements, GuardRefused, positionsOfSkus } from '../db/stock.ts';
import {
  deleteEmptyZone,
  lastMovementId,
  lockZone,
  lockZonedPosition,
  putIntoZone,
  recordZoneMovements,
  takeFromZone,
  unitsInZone,
  upsertZone,
  zoneHoldsUnits,
  zonesOfWarehouse,
  zonesOfWarehouses,
  zoneUnitsOfSku,
  type ZoneRow,
} from '../db/zones.ts';
import { fail } from '../domain/errors.ts';
import type { Move } from '../domain/movements.ts';
import { varianceMoves } from '../domain/counts.ts';
import { sellable, ZERO } from '../domain/quantities.ts';
import {
  DEFAULT_ZONE,
  isSellableKind,
  looseUnits,
  receiptDeltas,
  zoneBucket,
  zoneMove,
  type ZoneBucket,
  type ZoneKind,
} from '../domain/zones.ts';
import { keyOf } from '../domain/keys.ts';
import { readableWarehouses, requireWarehouseAccess } from './access.ts';
import { requireKnown } from './catalog.ts';
import type { Actor, AppContext, CommandOptions, Outcome } from './context.ts';
import { runCommand } from './idempotency.ts';
import type { Page } from './paging.ts';
import { positionView, type PositionView } from './position-view.ts';

export interface ZoneView {
  warehouse: string;
  code: string;
  name: string;
  kind: ZoneKind;
  sellable: boolean;
}

const zoneView = (z: ZoneRow): ZoneView => ({ ...z, sellable: isSellableKind(z.kind) });

/** A zone as a position sees it: the default zone has kind `default`. */
export interface ZoneUnitsView {
  zone: string;
  name: string;
  kind: ZoneKind | 'default';
  sellable: boolean;
  units: number;
}

function requireNamedZoneCode(code: string): void {
  if (code === DEFAULT_ZONE) {
    fail('invalid_request', `"${DEFAULT_ZONE}" is every warehouse's implicit zone; it cannot be defined`, {
      zone: code,
    });
  }
}

export async function putZone(
  ctx: AppContext,
  warehouse: string,
  code: string,
  input: { name: string; kind: ZoneKind },
): Promise<Outcome<ZoneView>> {
  requireNamedZoneCode(code);
  await requireKnown(ctx.db, [], [warehouse]);
  return ctx.db.transaction(async (tx): Promise<Outcome<ZoneView>> => {
    const saved = await upsertZone(tx, { warehouse, code, ...input }, ctx.clock());
    if (!saved) {
      fail(
        'zone_not_empty',
        `zone ${code} at ${warehouse} holds units: move them out before changing its kind`,
        {
          warehouse,
          zone: code,
          units: await zoneHoldsUnits(tx, warehouse, code),
        },
      );
    }
    return { created: saved.inserted, body: zoneView(saved.zone) };
  });
}

export async function listZones(ctx: AppContext, warehouse: string, actor: Actor): Promise<Page<ZoneView>> {
  readableWarehouses(actor, warehouse);
  await requireKnown(ctx.db, [], [warehouse]);
  return { items: (await zonesOfWarehouse(ctx.db, warehouse)).map(zoneView), nextCursor: null };
}

export async function deleteZone(ctx: AppContext, warehouse: string, code: string): Promise<void> {
  await requireKnown(ctx.db, [], [warehouse]);
  await ctx.db.transaction(async (tx) => {
    if (await deleteEmptyZone(tx, warehouse, code)) return;
    if (!(await lockZone(tx, warehouse, code))) failUnknownZone(warehouse, code);
    fail('zone_not_empty', `zone ${code} at ${warehouse} holds units: move them out first`, {
      warehouse,
      zone: code,
      units: await zoneHoldsUnits(tx, warehouse, code),
    });
  });
}

function failUnknownZone(warehouse: string, zone: string): never {
  return fail('unknown_zone', `no zone ${zone} at ${warehouse}`, { warehouse, zone });
}

/** The zone `code` at `warehouse` (share-locked), or the default zone. */
export async function resolveZone(
  q: Queryable,
  warehouse: string,
  code: string,
): Promise<{ code: string; named: boolean; bucket: ZoneBucket }> {
  if (code === DEFAULT_ZONE) return { code, named: false, bucket: null };
  const zone = await lockZone(q, warehouse, code);
  if (!zone) failUnknownZone(warehouse, code);
  return { code, named: true, bucket: zoneBucket(zone.kind) };
}

export interface ZoneMoveInput {
  sku: string;
  warehouse: string;
  from: string;
  to: string;
  qty: number;
  reason: string;
}

export type ZoneMoveView = ZoneMoveInput & {
  zoneMoveId: string;
  at: string;
  position: PositionView & { zones: ZoneUnitsView[] };
};

/**
 * Moves units between two zones of one position: one `zone_move` movement (bucket deltas from
 * `zoneMove`, the actor and the reason) and its zone rows. The guards are in the writes: the
 * source zone must hold the units, and a move from a sellable zone into an unsellable one is
 * refused when it would take reserved units (S < 0).
 */
export async function moveBetweenZones(
  ctx: AppContext,
  input: ZoneMoveInput,
  opts: CommandOptions,
): Promise<Outcome<ZoneMoveView>> {
  if (input.from === input.to) {
    fail('same_zone', 'a zone move needs two different zones', { from: input.from, to: input.to });
  }
  requireWarehouseAccess(opts.actor, [input.warehouse]);
  await requireKnown(ctx.db, [input.sku], [input.warehouse]);
  return runCommand(ctx, { ...opts, request: ['zone_move', input] }, async (tx) => {
    const at = ctx.clock();
    const zoneMoveId = ctx.newId('zmv');
    const position = await lockZonedPosition(tx, input.sku, input.warehouse);
    // Zones in code order, as every mover locks them (no two moves wait on each other).
    const [first, second] = [input.from, input.to].sort();
    const resolved = new Map<string, Awaited<ReturnType<typeof resolveZone>>>();
    for (const code of [first!, second!]) resolved.set(code, await resolveZone(tx, input.warehouse, code));
    const from = resolved.get(input.from)!;
    const to = resolved.get(input.to)!;
    const short = () =>
      fail(
        'insufficient_zone_units',
        `zone ${input.from} holds fewer than ${input.qty} units of ${input.sku}`,
        {
          sku: input.sku,
          warehouse: input.warehouse,
          zone: input.from,
          requested: input.qty,
        },
      );
    if (!position) return short();
    const zoned = { damaged: position.zoneDamaged, qcPending: position.zoneQcPending };
    const move = zoneMove(input, input.qty, from.bucket, to.bucket, looseUnits(position, zoned, to.bucket));
    const here = { sku: input.sku, warehouse: input.warehouse };
    if (
      from.named &&
      !(await takeFromZone(tx, { ...here, zone: from.code, bucket: from.bucket }, input.qty))
    ) {
      short();
    }
    await applyZoneMove(tx, move, { at, reason: input.reason, reference: zoneMoveId, actor: opts.actor.id });
    const movementId = await lastMovementId(tx);
    if (
      to.named &&
      !(await putIntoZone(tx, { ...here, zone: to.code, bucket: to.bucket }, input.qty, !from.named))
    ) {
      short();
    }
    await recordZoneMovements(tx, { id: movementId, at }, here, [
      ...(from.named ? [{ zone: from.code, units: -input.qty }] : []),
      ...(to.named ? [{ zone: to.code, units: input.qty }] : []),
    ]);
    const [after] = await positionsWithZones(tx, input.sku, [input.warehouse]);
    return {
      created: true,
      body: { zoneMoveId, ...input, at: at.toISOString(), position: after! },
    };
  });
}

async function applyZoneMove(
  tx: Queryable,
  move: Move,
  meta: { at: Date; reason: string; reference: string; actor: string },
): Promise<void> {
  try {
    await applyMovements(tx, [move], meta);
  } catch (err) {
    if (!(err instanceof GuardRefused)) throw err;
    const refused = err.refused[0];
    fail(
      'insufficient_stock',
      'moving these units into an unsellable zone would take units already reserved, locked or promised',
      { sku: move.sku, warehouse: move.warehouse, requested: move.qty, sellable: refused?.sellable ?? 0 },
    );
  }
}

/**
 * A received line that names a zone: the units land there, and in an unsellable zone they join
 * its bucket. Booked as its own receipt movement so that its zone row names it.
 */
export async function receiveIntoZone(
  tx: Queryable,
  line: {
    sku: string;
    warehouse: string;
    qty: number;
    zone: string;
    inspect: boolean;
    againstVirtual: boolean;
  },
  meta: { at: Date; reason: string; reference: string; actor: string },
): Promise<void> {
  const zone = await resolveZone(tx, line.warehouse, line.zone);
  const here = { sku: line.sku, warehouse: line.warehouse };
  const deltas = line.againstVirtual
    ? zone.bucket === null
      ? { onHand: line.qty, virtual: -line.qty }
      : 'conflict'
    : receiptDeltas(line.qty, zone.bucket, line.inspect);
  if (deltas === 'conflict') {
    fail(
      'invalid_request',
      `a line into unsellable zone ${line.zone} cannot be for inspection (unless a qc zone) or against virtual stock`,
      { sku: line.sku, zone: line.zone },
    );
  }
  const move: Move = {
    ...here,
    type: line.againstVirtual ? 'receipt_virtual' : 'receipt',
    qty: line.qty,
    deltas,
    guard: 'physical',
  };
  await applyMovements(tx, [move], meta);
  if (!zone.named) return;
  const movementId = await lastMovementId(tx);
  await putIntoZone(tx, { ...here, zone: zone.code, bucket: zone.bucket }, line.qty, false);
  await recordZoneMovements(tx, { id: movementId, at: meta.at }, here, [
    { zone: zone.code, units: line.qty },
  ]);
}

export interface ZoneCountInput {
  sku: string;
  warehouse: string;
  zone: string;
  counted: number;
  reason: string;
}

export type ZoneCountView = ZoneCountInput & {
  zoneCountId: string;
  expected: number;
  variance: number;
  at: string;
  position: PositionView & { zones: ZoneUnitsView[] };
};

/**
 * A spot count of one zone of a position: what the zone holds becomes `counted`. The variance
 * is booked as a `count` movement (onHand += variance, and the zone's bucket with it for an
 * unsellable zone), a physical fact like any count variance: booked even if S goes negative.
 * Expected is the zone's units read under the position's row lock.
 */
export async function countZone(
  ctx: AppContext,
  input: ZoneCountInput,
  opts: CommandOptions,
): Promise<Outcome<ZoneCountView>> {
  requireWarehouseAccess(opts.actor, [input.warehouse]);
  await requireKnown(ctx.db, [input.sku], [input.warehouse]);
  return runCommand(ctx, { ...opts, request: ['zone_count', input] }, async (tx) => {
    const at = ctx.clock();
    const zoneCountId = ctx.newId('zct');
    const position = await lockZonedPosition(tx, input.sku, input.warehouse);
    const zone = await resolveZone(tx, input.warehouse, input.zone);
    const here = { sku: input.sku, warehouse: input.warehouse };
    const expected = zone.named
      ? await unitsInZone(tx, { ...here, zone: zone.code })
      : position
        ? position.onHand - position.zoneUnits
        : 0;
    const variance = input.counted - expected;
    // The zone held `expected` under the position's lock, so it holds any shortfall.
    const booked = await bookZoneVariance(tx, here, zone, variance, {
      at,
      reason: input.reason,
      reference: zoneCountId,
      actor: opts.actor.id,
    });
    if (booked === 'refused') {
      fail(
        'insufficient_on_hand',
        'the count would leave fewer units on hand than are held as damaged, in inspection, locked or promised to transfers',
        { ...here, zone: input.zone, counted: input.counted, expected },
      );
    }
    const [after] = await positionsWithZones(tx, input.sku, [input.warehouse]);
    return {
      created: true,
      body: { zoneCountId, ...input, expected, variance, at: at.toISOString(), position: after! },
    };
  });
}

/**
 * Books a count variance in one zone of a position (a spot count, or a cycle count of the zone):
 * one `count` movement (onHand and, for an unsellable zone, its bucket += variance) and, for a
 * named zone, its units and zone ledger row. Units found missing leave the named zone first,
 * under the guard that it still holds them: `zone_short` when it does not (nothing booked),
 * `refused` when the movement's guard refuses (the caller's transaction must roll back).
 */
export async function bookZoneVariance(
  tx: Queryable,
  here: { sku: string; warehouse: string },
  zone: { code: string; named: boolean; bucket: ZoneBucket },
  variance: number,
  meta: { at: Date; reason: string; reference: string; actor: string },
): Promise<'booked' | 'zone_short' | 'refused'> {
  if (variance === 0) return 'booked';
  const inZone = { ...here, zone: zone.code, bucket: zone.bucket };
  if (zone.named && variance < 0 && !(await takeFromZone(tx, inZone, -variance))) return 'zone_short';
  try {
    await applyMovements(
      tx,
      varianceMoves(here.warehouse, [{ sku: here.sku, variance }], new Map(), zone.bucket),
      meta,
    );
  } catch (err) {
    if (!(err instanceof GuardRefused)) throw err;
    return 'refused';
  }
  if (!zone.named) return 'booked';
  const movementId = await lastMovementId(tx);
  if (variance > 0) await putIntoZone(tx, inZone, variance, false);
  await recordZoneMovements(tx, { id: movementId, at: meta.at }, here, [
    { zone: zone.code, units: variance },
  ]);
  return 'booked';
}

/** Units by zone of each position of `rows`: the default zone first, then the named ones. */
export async function unitsByZone(
  q: Queryable,
  sku: string,
  positions: readonly { warehouse: string; onHand: number }[],
  asOf?: Date,
): Promise<Map<string, ZoneUnitsView[]>> {
  const warehouses = [...new Set(positions.map((p) => p.warehouse))];
  const [zones, units] = await Promise.all([zonesOfWarehouses(q, warehouses), zoneUnitsOfSku(q, sku, asOf)]);
  const unitsOf = new Map(units.map((u) => [keyOf(u.warehouse, u.zone), u.units]));
  const out = new Map<string, ZoneUnitsView[]>();
  for (const p of positions) {
    const named = zones
      .filter((z) => z.warehouse === p.warehouse)
      .map((z) => ({
        ...zoneView(z),
        zone: z.code,
        units: unitsOf.get(keyOf(z.warehouse, z.code)) ?? 0,
      }))
      .map(({ zone, name, kind, sellable, units }) => ({ zone, name, kind, sellable, units }));
    const inNamed = named.reduce((sum, z) => sum + z.units, 0);
    const fallback: ZoneUnitsView = {
      zone: DEFAULT_ZONE,
      name: 'Default',
      kind: 'default',
      sellable: true,
      units: p.onHand - inNamed,
    };
    out.set(p.warehouse, [fallback, ...named]);
  }
  return out;
}

/** Positions of a SKU at `warehouses` with their units by zone. */
export async function positionsWithZones(
  q: Queryable,
  sku: string,
  warehouses: readonly string[],
): Promise<(PositionView & { zones: ZoneUnitsView[] })[]> {
  const rows = (await positionsOfSkus(q, [sku])).filter((r) => warehouses.includes(r.warehouse));
  const views = warehouses.map(
    (w) =>
      rows.map(positionView).find((p) => p.warehouse === w) ?? {
        warehouse: w,
        ...ZERO,
        sellable: sellable(ZERO),
      },
  );
  const zones = await unitsByZone(q, sku, views);
  return views.map((v) => ({ ...v, zones: zones.get(v.warehouse) ?? [] }));
}
