/**
 * Sales channels, the pure part: how many units of one SKU a channel publishes, and how many an
 * order of that channel may take from each warehouse.
 *
 * A channel sells from a set of warehouses (null: all of them). Of the sellable units there,
 *
 *     pool       = sum over the channel's warehouses of max(0, S)
 *     buffer     = min(pool, bufferUnits + ceil(pool * bufferPercent / 100))
 *     shared     = min(pool - buffer, cap)
 *     published  = shared + ringFenced
 *
 * where `ringFenced` is what the channel holds for itself: units locked for it (counted in L,
 * so no longer in anyone's S) at its own warehouses. The buffer is rounded up, so that a channel
 * never publishes more than its settings allow: 10 % of a pool of 15 holds back 2, not 1.
 * `bufferPercent` has at most two decimals (hundredths of a percent); the arithmetic is done
 * in whole hundredths so that no floating-point error can round the wrong way. The cap limits
 * the shared part only: ring-fenced units were set aside for the channel on purpose.
 */
import { assert } from './assert.ts';
import { positionKey } from './keys.ts';

export interface ChannelPolicySettings {
  /** The warehouses the channel sells from; null: every warehouse. */
  warehouses: readonly string[] | null;
  /** Units of the pool held back from this channel. */
  bufferUnits: number | null;
  /** A share of the pool held back from this channel, 0 to 100, at most two decimals. */
  bufferPercent: number | null;
  /** At most this many units of the shared pool are published. */
  cap: number | null;
}

/** One position of the SKU: its sellable units (S, which may be negative after a physical fact). */
export interface SellableAt {
  warehouse: string;
  sellable: number;
}

/** Units the channel itself holds locked, by warehouse, for one SKU. */
export type RingFencedByWarehouse = ReadonlyMap<string, number>;

export interface Published {
  /** Sellable units at the channel's warehouses, shared by every channel. */
  pool: number;
  /** Units of the pool this channel does not show: its buffer. */
  buffer: number;
  /** What the channel shows of the pool: pool less buffer, capped. */
  shared: number;
  /** Units locked for this channel alone, at its warehouses. */
  ringFenced: number;
  /** shared + ringFenced: what the channel may sell. */
  published: number;
}

/** How a channel's published quantity is computed: a strategy, with one default. */
export interface PublishingPolicy {
  publish(
    channel: ChannelPolicySettings,
    positions: readonly SellableAt[],
    ringFenced: RingFencedByWarehouse,
  ): Published;
}

/** Hundredths of a percent in 100 %. */
const BASIS = 10_000;

export function sellsFrom(channel: Pick<ChannelPolicySettings, 'warehouses'>, warehouse: string): boolean {
  return channel.warehouses === null || channel.warehouses.includes(warehouse);
}

/** True when `percent` is within 0-100 and has at most two decimals. */
export function isValidBufferPercent(percent: number): boolean {
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) return false;
  return Math.abs(percent * 100 - Math.round(percent * 100)) < 1e-6;
}

function requireWholeUnits(name: string, value: number): void {
  assert(
    Number.isSafeInteger(value) && value >= 0,
    () => `${name} must be a whole number of units, not ${value}`,
  );
}

/** ceil(pool * percent / 100), exactly, for a percent with at most two decimals. */
export function percentHeld(pool: number, percent: number): number {
  requireWholeUnits('pool', pool);
  assert(isValidBufferPercent(percent), () => `bad buffer percent ${percent}`);
  const hundredths = Math.round(percent * 100);
  // Split the pool so that every product stays far below 2^53.
  const whole = Math.floor(pool / BASIS) * hundredths;
  const rest = pool % BASIS;
  return whole + Math.floor((rest * hundredths + BASIS - 1) / BASIS);
}

/** Units of the pool held back from the channel: never more than the pool. */
export function bufferOf(channel: ChannelPolicySettings, pool: number): number {
  const units = channel.bufferUnits ?? 0;
  requireWholeUnits('bufferUnits', units);
  const share = channel.bufferPercent === null ? 0 : percentHeld(pool, channel.bufferPercent);
  return Math.min(pool, units + share);
}

/**
 * What a channel publishes of one SKU, from the SKU's positions (any warehouses: those the
 * channel does not sell from are ignored) and the units locked for this channel by warehouse.
 */
export function publishedQuantity(
  channel: ChannelPolicySettings,
  positionsOfOneSku: readonly SellableAt[],
  ringFencedByWarehouse: RingFencedByWarehouse,
): Published {
  let pool = 0;
  for (const p of positionsOfOneSku) if (sellsFrom(channel, p.warehouse)) pool += Math.max(0, p.sellable);
  let ringFenced = 0;
  for (const [warehouse, units] of ringFencedByWarehouse) {
    requireWholeUnits('ring-fenced units', units);
    if (sellsFrom(channel, warehouse)) ringFenced += units;
  }
  const buffer = bufferOf(channel, pool);
  let shared = pool - buffer;
  if (channel.cap !== null) {
    requireWholeUnits('cap', channel.cap);
    shared = Math.min(shared, channel.cap);
  }
  return { pool, buffer, shared, ringFenced, published: shared + ringFenced };
}

/** The default policy: buffer (units and percent), then cap, plus ring-fenced units. */
export const bufferCapRingFence: PublishingPolicy = { publish: publishedQuantity };

export interface WarehouseLimit {
  warehouse: string;
  /** max(0, S) at this position: shared units physically free here. */
  sellable: number;
  /** Units locked for the channel at this position. */
  ringFenced: number;
  /** The most one order of the channel may take here: ringFenced + min(sellable, shared). */
  max: number;
}

export interface ChannelLimits extends Published {
  /** Every warehouse the channel sells from that has a position of the SKU, by code. */
  warehouses: WarehouseLimit[];
}

/**
 * The per-warehouse view of `publishedQuantity`, for placing an order of the channel. The
 * shared allowance is one number for all warehouses together, so a per-warehouse `max` alone
 * does not bound an order: check a whole order's takes with `splitChannelTake`.
 */
export function channelLimits(
  channel: ChannelPolicySettings,
  positionsOfOneSku: readonly SellableAt[],
  ringFencedByWarehouse: RingFencedByWarehouse,
  policy: PublishingPolicy = bufferCapRingFence,
): ChannelLimits {
  const published = policy.publish(channel, positionsOfOneSku, ringFencedByWarehouse);
  const byWarehouse = new Map<string, WarehouseLimit>();
  for (const p of positionsOfOneSku) {
    if (!sellsFrom(channel, p.warehouse)) continue;
    const seen = byWarehouse.get(p.warehouse);
    const sellable = (seen?.sellable ?? 0) + Math.max(0, p.sellable);
    byWarehouse.set(p.warehouse, { warehouse: p.warehouse, sellable, ringFenced: 0, max: 0 });
  }
  for (const [warehouse, units] of ringFencedByWarehouse) {
    if (!sellsFrom(channel, warehouse) || units === 0) continue;
    const seen = byWarehouse.get(warehouse) ?? { warehouse, sellable: 0, ringFenced: 0, max: 0 };
    byWarehouse.set(warehouse, { ...seen, ringFenced: seen.ringFenced + units });
  }
  const warehouses = [...byWarehouse.values()]
    .map((w) => ({ ...w, max: w.ringFenced + Math.min(w.sellable, published.shared) }))
    .sort((a, b) => (a.warehouse < b.warehouse ? -1 : a.warehouse > b.warehouse ? 1 : 0));
  return { ...published, warehouses };
}

export interface ChannelTakeLine {
  warehouse: string;
  qty: number;
  /** Taken from the channel's own locked units: L -= fromRingFence, S unchanged by it. */
  fromRingFence: number;
  /** Taken from the shared pool: S -= fromShared. */
  fromShared: number;
}

export interface ChannelTake {
  /** True when the channel may take all of it. */
  ok: boolean;
  lines: ChannelTakeLine[];
  /** Units the takes need from the shared pool, and what the channel may take from it. */
  sharedRequested: number;
  sharedAllowed: number;
  /** Warehouses named by the takes that the channel does not sell from. */
  outside: string[];
  /** Positions where the shared part exceeds the units sellable there. */
  short: { warehouse: string; requested: number; available: number }[];
}

/**
 * Splits one order's takes of one SKU (by warehouse) into ring-fenced and shared units, and
 * says whether the channel may take them all: each take uses the channel's ring-fenced units
 * at that warehouse first; the rest comes from the shared pool, which must be sellable there
 * and, over all the takes together, within the channel's shared allowance.
 */
export function splitChannelTake(
  limits: ChannelLimits,
  takes: readonly { warehouse: string; qty: number }[],
): ChannelTake {
  const merged = new Map<string, number>();
  for (const t of takes) {
    requireWholeUnits('qty', t.qty);
    merged.set(t.warehouse, (merged.get(t.warehouse) ?? 0) + t.qty);
  }
  const byWarehouse = new Map(limits.warehouses.map((w) => [w.warehouse, w]));
  const lines: ChannelTakeLine[] = [];
  const outside: string[] = [];
  const short: ChannelTake['short'] = [];
  let sharedRequested = 0;
  for (const [warehouse, qty] of merged) {
    const limit = byWarehouse.get(warehouse);
    if (!limit) {
      outside.push(warehouse);
      lines.push({ warehouse, qty, fromRingFence: 0, fromShared: qty });
      continue;
    }
    const fromRingFence = Math.min(qty, limit.ringFenced);
    const fromShared = qty - fromRingFence;
    if (fromShared > limit.sellable)
      short.push({ warehouse, requested: fromShared, available: limit.sellable });
    sharedRequested += fromShared;
    lines.push({ warehouse, qty, fromRingFence, fromShared });
  }
  const ok = outside.length === 0 && short.length === 0 && sharedRequested <= limits.shared;
  return { ok, lines, sharedRequested, sharedAllowed: limits.shared, outside, short };
}

export interface RingFence {
  sku: string;
  warehouse: string;
  qty: number;
}

export interface RingFenceChange {
  sku: string;
  warehouse: string;
  from: number;
  to: number;
}

/**
 * What setting a channel's ring-fences to `target` changes, position by position: the target
 * replaces the current set, so a position ring-fenced now and absent from the target goes to 0.
 * Sorted by (sku, warehouse), the order in which positions are locked.
 */
export function ringFenceChanges(
  current: readonly RingFence[],
  target: readonly RingFence[],
): RingFenceChange[] {
  const changes = new Map<string, RingFenceChange>();
  for (const c of current) {
    const seen = changes.get(positionKey(c.sku, c.warehouse));
    changes.set(positionKey(c.sku, c.warehouse), {
      sku: c.sku,
      warehouse: c.warehouse,
      from: (seen?.from ?? 0) + c.qty,
      to: 0,
    });
  }
  const named = new Set<string>();
  for (const t of target) {
    const key = positionKey(t.sku, t.warehouse);
    assert(!named.has(key), () => `ring-fence for ${t.sku} at ${t.warehouse} given twice`);
    named.add(key);
    changes.set(key, { sku: t.sku, warehouse: t.warehouse, from: changes.get(key)?.from ?? 0, to: t.qty });
  }
  return [...changes.entries()]
    .filter(([, c]) => c.from !== c.to)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, c]) => c);
}

/** Positions named more than once in a list of ring-fences. */
export function duplicateRingFences(target: readonly RingFence[]): { sku: string; warehouse: string }[] {
  const seen = new Set<string>();
  const dup = new Map<string, { sku: string; warehouse: string }>();
  for (const t of target) {
    const key = positionKey(t.sku, t.warehouse);
    if (seen.has(key)) dup.set(key, { sku: t.sku, warehouse: t.warehouse });
    seen.add(key);
  }
  return [...dup.values()];
}
