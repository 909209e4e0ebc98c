/**
 * Zones of a warehouse (docs/zones.md): bins or areas, each sellable or not. A zone's kind says
 * which bucket of U its units count in: units in a damaged, quarantine or returns zone are
 * `damaged`, units in a qc zone are `qcPending`, units in a pick or bulk zone are sellable.
 * Every warehouse has an implicit default zone, sellable, holding the units of no named zone.
 */
import type { Move } from './movements.ts';
import type { Deltas, Quantities } from './quantities.ts';

export const ZONE_KINDS = ['pick', 'bulk', 'damaged', 'quarantine', 'returns', 'qc'] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];

/** The implicit zone of every warehouse; no named zone may take its code. */
export const DEFAULT_ZONE = 'default';

/** The bucket a zone's units count in: null for a sellable zone. */
export type ZoneBucket = 'damaged' | 'qcPending' | null;

export function zoneBucket(kind: ZoneKind | 'default'): ZoneBucket {
  if (kind === 'qc') return 'qcPending';
  if (kind === 'damaged' || kind === 'quarantine' || kind === 'returns') return 'damaged';
  return null;
}

export const isSellableKind = (kind: ZoneKind | 'default') => zoneBucket(kind) === null;

type At = { sku: string; warehouse: string };

/**
 * Moving `qty` units from a zone of bucket `from` to one of bucket `to`, as bucket deltas.
 * Units leaving an unsellable zone leave its bucket (into a sellable zone they are sellable
 * again, like a repair or a passed inspection). Units entering an unsellable zone from a
 * sellable one join its bucket, except that units already counted there but in no unsellable
 * zone (`loose`: marked damaged, or received for inspection, before they were moved) are taken
 * first, so that moving damaged units to the damaged area does not count them twice. `loose`
 * is read under the position's row lock.
 */
export function zoneMove(at: At, qty: number, from: ZoneBucket, to: ZoneBucket, loose = 0): Move {
  if (!Number.isInteger(qty) || qty <= 0) throw new RangeError(`zone move of ${qty} units`);
  const deltas: Deltas = {};
  if (from !== to) {
    if (from) deltas[from] = -qty;
    if (to) deltas[to] = (deltas[to] ?? 0) + (from === null ? qty - Math.min(qty, Math.max(loose, 0)) : qty);
  }
  return {
    ...at,
    type: 'zone_move',
    qty,
    deltas,
    // Into an unsellable zone from a sellable one takes sellable units: never the reserved ones.
    guard: from === null && to !== null ? 'sellable' : 'physical',
  };
}

/** Units of `bucket` in no unsellable zone: the ones a move into such a zone takes first. */
export function looseUnits(
  position: Pick<Quantities, 'damaged' | 'qcPending'>,
  zoned: { damaged: number; qcPending: number },
  bucket: ZoneBucket,
): number {
  if (bucket === null) return 0;
  return position[bucket] - zoned[bucket];
}

/**
 * A receipt into a zone: into an unsellable zone the units land in its bucket. `inspect`
 * (qcPending) is only consistent with a sellable zone (inspected in place) or a qc zone.
 */
export function receiptDeltas(qty: number, bucket: ZoneBucket, inspect: boolean): Deltas | 'conflict' {
  if (bucket === null) return inspect ? { onHand: qty, qcPending: qty } : { onHand: qty };
  if (inspect && bucket !== 'qcPending') return 'conflict';
  return { onHand: qty, [bucket]: qty };
}
