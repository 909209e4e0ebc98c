/**
 * Locks: units held back at a position (L += q, guarded by S >= q), released by hand, in
 * scheduled waves, or all at once at `until`. Scheduled releases are done by the service
 * itself (`releaseDueLocks`, run by every process's background loop): a due lock is claimed
 * with SKIP LOCKED and each wave is marked done in the same transaction as its `unlock`
 * movement, so each release happens exactly once, also across restarts and processes.
 *
 * Lock order: a lock row first, then its positions in (sku, warehouse) order, as orders do.
 */
import type { Queryable, Transaction } from '../db/database.ts';
import { applyMovements, GuardRefused, positionsOfSkus } from '../db/stock.ts';
import { fail } from '../domain/errors.ts';
import { moves } from '../domain/movements.ts';
import { ZERO } from '../domain/quantities.ts';
import { requireWarehouseAccess } from './access.ts';
import { requireKnown } from './catalog.ts';
import type { AppContext, CommandOptions, Outcome } from './context.ts';
import { runCommand } from './idempotency.ts';
import { decodeCursor, encodeCursor, type Page } from './paging.ts';
import { positionView, type PositionView } from './stock.ts';

export interface WaveInput {
  at: string;
  qty: number;
}

export interface LockInput {
  warehouse: string;
  sku: string;
  qty: number;
  reason: string;
  until?: string | undefined;
  waves?: WaveInput[] | undefined;
}

export interface WaveView {
  wave: number;
  at: string;
  qty: number;
  released: number;
  releasedAt: string | null;
}

export interface ReleaseView {
  at: string;
  qty: number;
  reason: string | null;
  actor: string | null;
}

export interface LockView {
  lockId: string;
  sku: string;
  warehouse: string;
  reason: string;
  qty: number;
  locked: number;
  released: number;
  active: boolean;
  until: string | null;
  createdAt: string;
  releasedAt: string | null;
  waves: WaveView[];
}

interface LockRow {
  id: string;
  sku: string;
  warehouse: string;
  qty: number;
  locked: number;
  reason: string;
  until: Date | null;
  actor: string | null;
  created_at: Date;
  released_at: Date | null;
}

interface WaveRow {
  lock_id: string;
  wave_no: number;
  at: Date;
  qty: number;
  released: number;
  released_at: Date | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function lockView(row: LockRow, waves: WaveRow[]): LockView {
  return {
    lockId: row.id,
    sku: row.sku,
    warehouse: row.warehouse,
    reason: row.reason,
    qty: row.qty,
    locked: row.locked,
    released: row.qty - row.locked,
    active: row.released_at === null,
    until: iso(row.until),
    createdAt: row.created_at.toISOString(),
    releasedAt: iso(row.released_at),
    waves: waves
      .filter((w) => w.lock_id === row.id)
      .map((w) => ({
        wave: w.wave_no,
        at: w.at.toISOString(),
        qty: w.qty,
        released: w.released,
        releasedAt: iso(w.released_at),
      })),
  };
}

async function wavesOf(q: Queryable, lockIds: string[]): Promise<WaveRow[]> {
  if (lockIds.length === 0) return [];
  const { rows } = await q.query<WaveRow>(
    'select * from stock_lock_waves where lock_id = any($1::text[]) order by lock_id, wave_no',
    [lockIds],
  );
  return rows;
}

async function positionOf(q: Queryable, sku: string, warehouse: string): Promise<PositionView> {
  const rows = await positionsOfSkus(q, [sku]);
  const row = rows.find((r) => r.warehouse === warehouse);
  return positionView(row ?? { sku, warehouse, ...ZERO });
}

/** Checks of the schedule that do not depend on the time of the request. */
function checkSchedule(input: LockInput): void {
  const waves = input.waves ?? [];
  const total = waves.reduce((n, w) => n + w.qty, 0);
  if (total > input.qty) {
    fail('invalid_schedule', `the waves release ${total} units but the lock holds ${input.qty}`, {
      qty: input.qty,
      wavesTotal: total,
    });
  }
  for (let i = 1; i < waves.length; i++) {
    if (Date.parse(waves[i]!.at) <= Date.parse(waves[i - 1]!.at)) {
      fail('invalid_schedule', `wave ${i + 1} is not after wave ${i}: waves must be in time order`, {
        wave: i + 1,
        at: waves[i]!.at,
        previousAt: waves[i - 1]!.at,
      });
    }
  }
  if (input.until !== undefined) {
    const until = Date.parse(input.until);
    const late = waves.findIndex((w) => Date.parse(w.at) >= until);
    if (late >= 0) {
      fail('invalid_schedule', `wave ${late + 1} is not before until`, {
        wave: late + 1,
        at: waves[late]!.at,
        until: input.until,
      });
    }
  }
}

/** Times must lie ahead: a release schedule in the past is a mistake, not a lock. */
function checkFuture(input: LockInput, now: Date): void {
  const times = [...(input.waves ?? []).map((w) => w.at), ...(input.until ? [input.until] : [])];
  const past = times.find((t) => Date.parse(t) <= now.getTime());
  if (past !== undefined) {
    fail('invalid_schedule', `${past} is not in the future`, { at: past, now: now.toISOString() });
  }
}

export type LockCreated = LockView & { position: PositionView };

export async function createLock(
  ctx: AppContext,
  input: LockInput,
  opts: CommandOptions,
): Promise<Outcome<LockCreated>> {
  requireWarehouseAccess(opts.actor, [input.warehouse]);
  checkSchedule(input);
  await requireKnown(ctx.db, [input.sku], [input.warehouse]);
  return runCommand(ctx, { ...opts, request: ['lock', input] }, async (tx) => {
    const now = ctx.clock();
    checkFuture(input, now);
    const lockId = ctx.newId('lck');
    const at = { sku: input.sku, warehouse: input.warehouse };
    try {
      await applyMovements(tx, [moves.lock(at, input.qty)], {
        at: now,
        reason: input.reason,
        reference: lockId,
        actor: opts.actor.id,
      });
    } catch (err) {
      if (!(err instanceof GuardRefused)) throw err;
      const r = err.refused[0];
      fail('insufficient_stock', `not enough sellable stock to lock ${input.qty} units`, {
        sku: input.sku,
        warehouse: input.warehouse,
        requested: input.qty,
        sellable: r?.sellable ?? 0,
      });
    }
    await tx.query(
      `insert into stock_locks (id, sku, warehouse, qty, locked, reason, until, actor, created_at)
       values ($1, $2, $3, $4, $4, $5, $6, $7, $8)`,
      [lockId, input.sku, input.warehouse, input.qty, input.reason, input.until ?? null, opts.actor.id, now],
    );
    const waves = input.waves ?? [];
    if (waves.length > 0) {
      await tx.query(
        `insert into stock_lock_waves (lock_id, wave_no, at, qty)
         select $1, n, t.at, t.qty
         from unnest($2::timestamptz[], $3::bigint[]) with ordinality as t(at, qty, n)`,
        [lockId, waves.map((w) => w.at), waves.map((w) => w.qty)],
      );
    }
    return {
      created: true,
      body: {
        ...(await readLock(tx, lockId)),
        position: await positionOf(tx, input.sku, input.warehouse),
      },
    };
  });
}

async function readLock(q: Queryable, lockId: string): Promise<LockView> {
  const { rows } = await q.query<LockRow>('select * from stock_locks where id = $1', [lockId]);
  if (!rows[0]) fail('unknown_lock', `no lock ${lockId}`, { lockId });
  return lockView(rows[0], await wavesOf(q, [lockId]));
}

export type LockDetail = LockView & { releases: ReleaseView[] };

/** A lock, its waves, and every release so far (from the ledger: by hand, wave or expiry). */
export async function getLock(ctx: AppContext, lockId: string): Promise<LockDetail> {
  const view = await readLock(ctx.db, lockId);
  const { rows } = await ctx.db.query<{ at: Date; qty: number; reason: string | null; actor: string | null }>(
    `select at, qty, reason, actor from movements
     where sku = $1 and warehouse = $2 and reference = $3 and type = 'unlock' order by id`,
    [view.sku, view.warehouse, lockId],
  );
  return { ...view, releases: rows.map((r) => ({ ...r, at: r.at.toISOString() })) };
}

export async function listLocks(
  ctx: AppContext,
  filter: {
    sku?: string | undefined;
    warehouse?: string | undefined;
    active?: boolean | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<Page<LockView>> {
  const after = filter.cursor ? decodeCursor(filter.cursor, ['time', 'text']) : undefined;
  const { rows } = await ctx.db.query<LockRow>(
    `select * from stock_locks
     where ($1::text is null or sku = $1) and ($2::text is null or warehouse = $2)
       and ($3::boolean is null or (released_at is null) = $3)
       and ($4::timestamptz is null or (created_at, id) > ($4, $5::text))
     order by created_at, id limit $6`,
    [
      filter.sku ?? null,
      filter.warehouse ?? null,
      filter.active ?? null,
      after?.[0] ?? null,
      after?.[1] ?? null,
      filter.limit + 1,
    ],
  );
  const page = rows.slice(0, filter.limit);
  const waves = await wavesOf(
    ctx.db,
    page.map((r) => r.id),
  );
  const items = page.map((r) => lockView(r, waves));
  const last = page[page.length - 1];
  return {
    items,
    nextCursor:
      rows.length > filter.limit && last ? encodeCursor([last.created_at.toISOString(), last.id]) : null,
  };
}

async function claimLock(tx: Transaction, lockId: string): Promise<LockRow> {
  const { rows } = await tx.query<LockRow>('select * from stock_locks where id = $1 for update', [lockId]);
  if (!rows[0]) fail('unknown_lock', `no lock ${lockId}`, { lockId });
  return rows[0];
}

/** Takes `qty` units off a lock whose row the caller holds, with one `unlock` movement. */
async function unlockUnits(
  tx: Transaction,
  lock: LockRow,
  qty: number,
  meta: { at: Date; reason: string; actor: string },
): Promise<void> {
  if (qty <= 0) return;
  await applyMovements(tx, [moves.unlock({ sku: lock.sku, warehouse: lock.warehouse }, qty)], {
    at: meta.at,
    reason: meta.reason,
    reference: lock.id,
    actor: meta.actor,
  });
  lock.locked -= qty;
  if (lock.locked === 0) lock.released_at = meta.at;
  await tx.query('update stock_locks set locked = $2, released_at = $3 where id = $1', [
    lock.id,
    lock.locked,
    lock.released_at,
  ]);
  // Nothing is left for the waves still ahead: they are done, having released nothing.
  if (lock.locked === 0) {
    await tx.query(
      'update stock_lock_waves set released_at = $2 where lock_id = $1 and released_at is null',
      [lock.id, meta.at],
    );
  }
}

export type Unlocked = LockView & { unlocked: number; position: PositionView };

/** Unlocks `qty` units, or all still locked. Scheduled waves later release what is left. */
export async function unlockLock(
  ctx: AppContext,
  lockId: string,
  qty: number | undefined,
  opts: CommandOptions,
): Promise<Outcome<Unlocked>> {
  return runCommand(
    ctx,
    { actor: opts.actor, idempotencyKey: opts.idempotencyKey, request: ['unlock', lockId, qty ?? null] },
    async (tx) => {
      const now = ctx.clock();
      const lock = await claimLock(tx, lockId);
      requireWarehouseAccess(opts.actor, [lock.warehouse]);
      if (qty === undefined && lock.locked === 0) {
        fail('invalid_state', `lock ${lockId} is already fully released`, { lockId, locked: 0 });
      }
      const take = qty ?? lock.locked;
      if (take > lock.locked) {
        fail('exceeds_locked', `lock ${lockId} holds ${lock.locked} units; cannot unlock ${take}`, {
          lockId,
          requested: take,
          locked: lock.locked,
        });
      }
      await unlockUnits(tx, lock, take, { at: now, reason: 'unlocked', actor: opts.actor.id });
      return {
        created: false,
        body: {
          ...(await readLock(tx, lockId)),
          unlocked: take,
          position: await positionOf(tx, lock.sku, lock.warehouse),
        },
      };
    },
  );
}

export interface Release {
  lockId: string;
  sku: string;
  warehouse: string;
  qty: number;
  reason: string;
}

const RELEASE_ACTOR = 'lock-release';

/**
 * Carries out every wave and `until` that has come due, for up to `batchSize` locks, in one
 * transaction. Safe with several processes on one database: each claims due locks with
 * SKIP LOCKED, and a wave is marked done in the transaction that releases it, so it is
 * released once. Returns the releases made (a wave or expiry that found nothing left to
 * release is marked done without a movement).
 */
export async function releaseDueLocks(
  ctx: AppContext,
  batchSize = 100,
): Promise<{ locks: number; releases: Release[] }> {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock();
    const { rows: locks } = await tx.query<LockRow>(
      `select * from stock_locks l
       where l.released_at is null
         and (l.until <= $1 or exists (
           select 1 from stock_lock_waves w
           where w.lock_id = l.id and w.released_at is null and w.at <= $1))
       order by l.id limit $2 for update skip locked`,
      [now, batchSize],
    );
    if (locks.length === 0) return { locks: 0, releases: [] };
    const ids = locks.map((l) => l.id);
    // Releasing lock by lock would take positions out of (sku, warehouse) order and could
    // deadlock with orders; so lock them all first, sorted.
    await tx.query(
      `select 1 from stock_positions p
       where (p.sku, p.warehouse) in (select sku, warehouse from stock_locks where id = any($1::text[]))
       order by p.sku, p.warehouse for update`,
      [ids],
    );
    const allWaves = await wavesOf(tx, ids);
    const releases: Release[] = [];
    const meta = (reason: string) => ({ at: now, reason, actor: RELEASE_ACTOR });
    for (const lock of locks) {
      const waves = allWaves.filter((w) => w.lock_id === lock.id);
      for (const wave of waves) {
        if (wave.released_at !== null || wave.at > now) continue;
        const take = Math.min(wave.qty, lock.locked);
        const reason = `wave ${wave.wave_no} of ${waves.length}`;
        await unlockUnits(tx, lock, take, meta(reason));
        await tx.query(
          'update stock_lock_waves set released = $3, released_at = $4 where lock_id = $1 and wave_no = $2',
          [lock.id, wave.wave_no, take, now],
        );
        if (take > 0)
          releases.push({ lockId: lock.id, sku: lock.sku, warehouse: lock.warehouse, qty: take, reason });
      }
      if (lock.until !== null && lock.until <= now) {
        const take = lock.locked;
        await unlockUnits(tx, lock, take, meta('lock expired'));
        // Waves still ahead have nothing left to release.
        await tx.query(
          'update stock_lock_waves set released_at = $2 where lock_id = $1 and released_at is null',
          [lock.id, now],
        );
        if (take > 0) {
          releases.push({
            lockId: lock.id,
            sku: lock.sku,
            warehouse: lock.warehouse,
            qty: take,
            reason: 'lock expired',
          });
        }
      }
    }
    return { locks: locks.length, releases };
  });
}
