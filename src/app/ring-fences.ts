/**
 * Ring-fences: units a sales channel holds for itself, as locks it owns (`stock_locks.channel`).
 * Setting one locks units (guarded by S >= q inside the SQL write, like any lock), lowering it
 * unlocks them, and the channel's own orders consume it (`takeFromRingFence`), the oldest lock
 * first.
 *
 * Lock order, shared with orders and locks: the channel row, then the channel's lock rows in
 * (sku, warehouse, created_at, id) order, then positions in (sku, warehouse) order.
 */
import type { Queryable, Transaction } from '../db/database.ts';
import { applyMovements, GuardRefused, QUANTITY_COLUMNS, type PositionRow } from '../db/stock.ts';
import {
  channelLimits,
  type ChannelLimits,
  type RingFence,
  type RingFenceChange,
} from '../domain/channels.ts';
import { fail } from '../domain/errors.ts';
import { moves, type Move } from '../domain/movements.ts';
import { sellable } from '../domain/quantities.ts';
import { failUnknownChannel, toChannel, type Channel, type ChannelRow } from './channel-rows.ts';
import type { Actor, AppContext } from './context.ts';

const RING_FENCE_REASON = (code: string) => `ring-fence for channel ${code}`;

/** Units locked for the channel, per SKU and warehouse (all SKUs when `skus` is null). */
export async function ringFencedOf(
  q: Queryable,
  channel: string,
  skus: string[] | null,
): Promise<Map<string, Map<string, number>>> {
  const { rows } = await q.query<{ sku: string; warehouse: string; locked: number }>(
    `select sku, warehouse, sum(locked) as locked from stock_locks
     where channel = $1 and released_at is null and ($2::text[] is null or sku = any($2::text[]))
     group by sku, warehouse order by sku, warehouse`,
    [channel, skus],
  );
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (!out.has(r.sku)) out.set(r.sku, new Map());
    out.get(r.sku)!.set(r.warehouse, r.locked);
  }
  return out;
}

/** The units still ring-fenced for each of the channels, by position. */
export async function ringFencesOf(q: Queryable, channels: string[]): Promise<Map<string, RingFence[]>> {
  const { rows } = await q.query<RingFence & { channel: string }>(
    `select channel, sku, warehouse, sum(locked) as qty from stock_locks
     where channel = any($1::text[]) and released_at is null
     group by channel, sku, warehouse order by channel, sku, warehouse`,
    [channels],
  );
  const out = new Map<string, RingFence[]>(channels.map((c) => [c, []]));
  for (const { channel, ...fence } of rows) out.get(channel)?.push(fence);
  return out;
}

export interface LockRow {
  id: string;
  sku: string;
  warehouse: string;
  locked: number;
}

/** Takes up to `qty` units off the given lock rows (held by the caller), oldest first. */
async function drainLocks(
  tx: Transaction,
  locks: readonly LockRow[],
  qty: number,
  at: Date,
): Promise<{ lockId: string; qty: number }[]> {
  const taken: { lockId: string; qty: number }[] = [];
  let left = qty;
  for (const lock of locks) {
    if (left === 0) break;
    const take = Math.min(lock.locked, left);
    if (take === 0) continue;
    await tx.query(
      `update stock_locks set locked = locked - $2,
         released_at = case when locked - $2 = 0 then $3::timestamptz else null end
       where id = $1`,
      [lock.id, take, at],
    );
    taken.push({ lockId: lock.id, qty: take });
    left -= take;
  }
  return taken;
}

export async function channelLocks(
  tx: Transaction,
  channel: string,
  where: { sku: string; warehouse: string } | null,
): Promise<LockRow[]> {
  const { rows } = await tx.query<LockRow>(
    `select id, sku, warehouse, locked from stock_locks
     where channel = $1 and released_at is null
       and ($2::text is null or (sku = $2 and warehouse = $3))
     order by sku, warehouse, created_at, id for update`,
    [channel, where?.sku ?? null, where?.warehouse ?? null],
  );
  return rows;
}

export interface RingFenceTaken {
  /** Units taken off the channel's ring-fence at this position: min(qty, what it holds). */
  taken: number;
  /** The `unlock` move (L -= taken) to apply with the order's reservation; empty if none. */
  moves: Move[];
  /** Which of the channel's locks gave the units, oldest first. */
  locks: { lockId: string; qty: number }[];
}

/**
 * For the order placement: an order of `channel` consumes the channel's ring-fenced units at a
 * position first. This takes up to `qty` units off the channel's lock rows there (oldest
 * first), writing those rows, and returns the matching `moves.unlock`. Put that move before
 * the order's `moves.reserve` for the position in the same `applyMovements` call (moves of one
 * position are applied in the order given): L -= taken, then O += q, so S changes only by the
 * part not taken from the ring-fence, and the reservation's guard (S >= 0) holds for exactly
 * that part. Nothing touches the position until the caller applies the moves.
 *
 * Lock order: call it for every position of the order, in (sku, warehouse) order, before any
 * position is written or locked (lock rows come before positions; `lockChannelLimits` does
 * both for a whole order). If the order is then refused, roll the transaction back: the lock
 * rows were already written. The unlock movement carries the order's id, not a lock id.
 */
export async function takeFromRingFence(
  tx: Transaction,
  channel: string,
  sku: string,
  warehouse: string,
  qty: number,
  meta: { at: Date },
): Promise<RingFenceTaken> {
  const locks = await channelLocks(tx, channel, { sku, warehouse });
  const taken = await drainLocks(tx, locks, qty, meta.at);
  const total = taken.reduce((n, t) => n + t.qty, 0);
  return { taken: total, moves: total > 0 ? [moves.unlock({ sku, warehouse }, total)] : [], locks: taken };
}

/**
 * For the order placement: locks what decides how much an order of `channel` may take of
 * `skus` (the channel row for share, the channel's lock rows of those SKUs, then the SKUs'
 * positions at the channel's warehouses, each in lock order) and answers the limits per SKU
 * (`channelLimits`; check an order's takes with `splitChannelTake`). Read under these locks,
 * a buffer or cap that spans several warehouses holds under concurrency, not only S >= q per
 * position. Fails `unknown_channel`.
 */
export async function lockChannelLimits(
  tx: Transaction,
  code: string,
  skus: string[],
): Promise<{ channel: Channel; limits: Map<string, ChannelLimits> }> {
  const unique = [...new Set(skus)];
  const locked = await lockChannelsForOrders(tx, [code], unique);
  const channel = locked.channels.get(code);
  if (!channel) failUnknownChannel([code]);
  const locks = locked.locks;
  const { rows: positions } = await tx.query<PositionRow>(
    `select sku, warehouse, ${QUANTITY_COLUMNS} from stock_positions
     where sku = any($1::text[]) and ($2::text[] is null or warehouse = any($2::text[]))
     order by sku, warehouse for update`,
    [unique, channel.warehouses],
  );
  const limits = new Map<string, ChannelLimits>();
  for (const sku of unique) {
    const ringFenced = new Map<string, number>();
    for (const l of locks) {
      if (l.sku === sku) ringFenced.set(l.warehouse, (ringFenced.get(l.warehouse) ?? 0) + l.locked);
    }
    const sellableAt = positions
      .filter((p) => p.sku === sku)
      .map((p) => ({ warehouse: p.warehouse, sellable: sellable(p) }));
    limits.set(sku, channelLimits(channel, sellableAt, ringFenced));
  }
  return { channel, limits };
}

/**
 * The first step of placing orders of these channels: locks the channel rows (for share: their
 * settings cannot change under the orders) and their ring-fence lock rows of these SKUs (for
 * update), before the caller locks any position. Unknown codes are absent from `channels`.
 */
export async function lockChannelsForOrders(
  tx: Transaction,
  codes: string[],
  skus: string[],
): Promise<{ channels: Map<string, Channel>; locks: (LockRow & { channel: string })[] }> {
  const { rows } = await tx.query<ChannelRow>(
    'select * from channels where code = any($1::text[]) order by code for share',
    [[...new Set(codes)]],
  );
  const { rows: locks } = await tx.query<LockRow & { channel: string }>(
    `select id, channel, sku, warehouse, locked from stock_locks
     where channel = any($1::text[]) and released_at is null and sku = any($2::text[])
     order by sku, warehouse, created_at, id for update`,
    [[...new Set(codes)], [...new Set(skus)]],
  );
  return { channels: new Map(rows.map((r) => [r.code, toChannel(r)])), locks };
}

/** Unlocks `from - to` of the channel's units at a position, oldest lock first. */
export async function lowerRingFence(
  tx: Transaction,
  code: string,
  change: RingFenceChange,
  locks: readonly LockRow[],
  actor: Actor,
  now: Date,
): Promise<void> {
  const at = { sku: change.sku, warehouse: change.warehouse };
  const here = locks.filter((l) => l.sku === at.sku && l.warehouse === at.warehouse);
  for (const taken of await drainLocks(tx, here, change.from - change.to, now)) {
    await applyMovements(tx, [moves.unlock(at, taken.qty)], {
      at: now,
      reason: `${RING_FENCE_REASON(code)} lowered`,
      reference: taken.lockId,
      actor: actor.id,
    });
  }
}

/** Locks `to - from` more units for the channel at a position, as a new lock it owns. */
export async function raiseRingFence(
  ctx: AppContext,
  tx: Transaction,
  code: string,
  change: RingFenceChange,
  actor: Actor,
  now: Date,
): Promise<void> {
  const qty = change.to - change.from;
  const lockId = ctx.newId('lck');
  const reason = RING_FENCE_REASON(code);
  try {
    await applyMovements(tx, [moves.lock({ sku: change.sku, warehouse: change.warehouse }, qty)], {
      at: now,
      reason,
      reference: lockId,
      actor: actor.id,
    });
  } catch (err) {
    if (!(err instanceof GuardRefused)) throw err;
    fail(
      'insufficient_stock',
      `not enough sellable stock to ring-fence ${qty} more units for channel ${code}`,
      {
        channel: code,
        sku: change.sku,
        warehouse: change.warehouse,
        ringFenced: change.from,
        target: change.to,
        requested: qty,
        sellable: err.refused[0]?.sellable ?? 0,
      },
    );
  }
  await tx.query(
    `insert into stock_locks (id, sku, warehouse, qty, locked, reason, until, actor, created_at, channel)
     values ($1, $2, $3, $4, $4, $5, null, $6, $7, $8)`,
    [lockId, change.sku, change.warehouse, qty, reason, actor.id, now, code],
  );
}
