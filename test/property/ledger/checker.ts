/** The invariants of inventory-model.md, checked against the whole database after every step. */
import { SKUS } from './generator.ts';
import { byCode, heldOf, iso, only } from './driver.ts';
import { expect } from 'vitest';
import type { Database } from '../../../src/db/database.ts';
import { BUCKETS } from '../../../src/domain/quantities.ts';
import { type Harness } from '../../helpers/harness.ts';
import {
  ReferenceModel,
  sellableOf,
  transferInTransit,
  type PositionState,
} from '../../helpers/reference-model.ts';

// ---------------------------------------------------------------------------------------------
// The invariants, checked against the whole database after every step.

export const key = (p: { sku: string; warehouse: string }) => `${p.sku}/${p.warehouse}`;

export interface OrderState {
  orderId: string;
  channel: string | null;
  status: string;
  expiresAt: number | null;
  releasedReason: string | null;
  allocations: {
    sku: string;
    warehouse: string;
    qty: number;
    shipped: number;
    released: number;
    returned: number;
  }[];
}

export function modelOrders(model: ReferenceModel): OrderState[] {
  return model
    .orderList()
    .map((o) => ({
      orderId: o.orderId,
      channel: o.channel ?? null,
      status: o.status,
      expiresAt: o.expiresAt,
      releasedReason: o.releasedReason,
      allocations: o.allocations.map((a) => ({ ...a })),
    }))
    .sort((a, b) => byCode(a.orderId, b.orderId));
}

/** S-delta of a movement row, in SQL. */
export const S_DELTA =
  'd_on_hand - d_reserved - d_damaged - d_qc_pending - d_locked - d_transfer_reserved + d_virtual';
export const ms = (column: string) => `(extract(epoch from ${column}) * 1000)::bigint`;

export const BUCKET_COLUMNS = `on_hand as "onHand", reserved, damaged, qc_pending as "qcPending", locked,
  transfer_reserved as "transferReserved", virtual`;
export const BUCKET_SUMS = `sum(d_on_hand) as "onHand", sum(d_reserved) as reserved, sum(d_damaged) as damaged,
  sum(d_qc_pending) as "qcPending", sum(d_locked) as locked,
  sum(d_transfer_reserved) as "transferReserved", sum(d_virtual) as virtual`;

/**
 * Everything the checks read, in one statement (one round trip per step): the stored positions,
 * the positions rebuilt from the ledger, and the small tables of orders, locks, transfers, counts
 * and oversold records, aggregated as JSON.
 */
export const STATE_SQL = `select
  (select coalesce(json_agg(x order by x.sku, x.warehouse), '[]') from (
     select sku, warehouse, ${BUCKET_COLUMNS} from stock_positions) x) as positions,
  (select coalesce(json_agg(x order by x.sku, x.warehouse), '[]') from (
     select sku, warehouse, ${BUCKET_SUMS},
       coalesce(sum(-(${S_DELTA})) filter (
         where type not in ('reserve', 'lock', 'transfer_plan') and ${S_DELTA} < 0), 0) as lowered
     from movements group by sku, warehouse) x) as rebuilt,
  (select coalesce(json_agg(x order by x."orderId"), '[]') from (
     select o.order_id as "orderId", o.channel, o.status, ${ms('o.expires_at')} as "expiresAt",
       o.released_reason as "releasedReason",
       (select coalesce(json_agg(json_build_object('sku', a.sku, 'warehouse', a.warehouse, 'qty', a.qty,
          'shipped', a.shipped, 'released', a.released, 'returned', a.returned) order by a.sku, a.warehouse), '[]')
        from order_allocations a where a.order_id = o.order_id) as allocations
     from orders o) x) as orders,
  (select coalesce(json_agg(x), '[]') from (
     select sku, warehouse, count(*) as n from oversold_events group by sku, warehouse) x) as "oversoldAt",
  (select coalesce(json_agg(x), '[]') from (
     select type, sum(d_on_hand) as units from movements group by type) x) as ledger,
  (select coalesce(json_agg(x), '[]') from (
     select l.id as "lockId", l.sku, l.warehouse, l.qty, l.locked, ${ms('l.until')} as until,
       ${ms('l.released_at')} as "releasedAt",
       (select coalesce(json_agg(json_build_object('wave', w.wave_no, 'at', ${ms('w.at')}, 'qty', w.qty,
          'released', w.released, 'releasedAt', ${ms('w.released_at')}) order by w.wave_no), '[]')
        from stock_lock_waves w where w.lock_id = l.id) as waves
     from stock_locks l where l.channel is null) x) as locks,
  (select coalesce(json_agg(x order by x.channel, x.sku, x.warehouse), '[]') from (
     select channel, sku, warehouse, sum(locked)::int as locked from stock_locks
     where channel is not null group by channel, sku, warehouse having sum(locked) > 0) x) as fences,
  (select coalesce(json_agg(x), '[]') from (
     select t.transfer_id as "transferId", t.from_warehouse as "from", t.to_warehouse as "to", t.status,
       (select json_agg(json_build_object('sku', tl.sku, 'planned', tl.planned, 'shipped', tl.shipped,
          'cancelled', tl.cancelled, 'received', tl.received, 'damaged', tl.damaged, 'lost', tl.lost,
          'lossReason', tl.loss_reason) order by tl.sku)
        from transfer_lines tl where tl.transfer_id = t.transfer_id) as lines
     from transfers t) x) as transfers,
  (select coalesce(json_agg(x), '[]') from (
     select c.id as "countId", c.warehouse, c.status, c.lines_total as "linesTotal",
       c.lines_counted as "linesCounted", c.lines_matched as "linesMatched",
       c.lines_with_variance as "linesWithVariance", c.net_variance as "netVariance",
       c.accuracy::float8 as accuracy,
       (select json_agg(json_build_object('sku', cl.sku, 'counted', cl.counted,
          'expected', cl.expected_on_hand, 'countedAt', ${ms('cl.counted_at')}, 'reason', cl.reason,
          'active', cl.active) order by cl.sku)
        from count_lines cl where cl.count_id = c.id) as lines
     from counts c) x) as counts,
  (select coalesce(json_agg(x order by x.sku, x.warehouse, x.day), '[]') from (
     select sku, warehouse, (at at time zone 'UTC')::date::text as day, sum(qty)::int as units
     from movements where type = 'reserve' group by 1, 2, 3) x) as "reservedByDay",
  (select coalesce(json_agg(x order by x.sku, x.warehouse, x.day), '[]') from (
     select sku, warehouse, day::text as day, units::int as units from position_demand_days) x) as "demandDays"`;

export interface StoredState {
  positions: PositionState[];
  rebuilt: PositionState[];
  orders: OrderState[];
  oversold: number;
  oversoldAt: { sku: string; warehouse: string; n: number }[];
  /** Per position: how far physical facts lowered S (from `rebuilt`). */
  lowered: Map<string, number>;
  /** Per position: the open part of the order allocations on it (from `orders`). */
  openOrders: Map<string, number>;
  ledger: { type: string; units: number }[];
  locks: {
    lockId: string;
    sku: string;
    warehouse: string;
    qty: number;
    locked: number;
    until: number | null;
    releasedAt: number | null;
    waves: unknown[];
  }[];
  /** Units still locked for a channel, per channel and position (its lock rows summed). */
  fences: { channel: string; sku: string; warehouse: string; locked: number }[];
  transfers: {
    transferId: string;
    from: string;
    to: string;
    status: string;
    lines: {
      sku: string;
      planned: number;
      shipped: number;
      cancelled: number;
      received: number;
      damaged: number;
      lost: number;
    }[];
  }[];
  counts: { countId: string }[];
  /** Units of the reserve movements per position and UTC day, from the ledger. */
  reservedByDay: { sku: string; warehouse: string; day: string; units: number }[];
  /** The same as the placement counted them (`position_demand_days`). */
  demandDays: { sku: string; warehouse: string; day: string; units: number }[];
}

export async function storedState(db: Database): Promise<StoredState> {
  const { rows } = await db.query<Record<string, unknown>>(STATE_SQL);
  const row = rows[0]!;
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  const rebuilt: (PositionState & { lowered: number })[] = json(row.rebuilt);
  const orders: OrderState[] = json(row.orders);
  const oversoldAt: { sku: string; warehouse: string; n: number }[] = json(row.oversoldAt);
  const openOrders = new Map<string, number>();
  for (const o of orders) {
    for (const a of o.allocations) {
      openOrders.set(key(a), (openOrders.get(key(a)) ?? 0) + a.qty - a.shipped - a.released);
    }
  }
  return {
    positions: json(row.positions),
    rebuilt: rebuilt.map(({ lowered: _lowered, ...p }) => p),
    lowered: new Map(rebuilt.map((p) => [key(p), p.lowered])),
    orders,
    oversold: oversoldAt.reduce((n, o) => n + o.n, 0),
    oversoldAt,
    openOrders,
    ledger: json(row.ledger),
    locks: json(row.locks),
    fences: json(row.fences),
    transfers: json(row.transfers),
    counts: json(row.counts),
    reservedByDay: json(row.reservedByDay),
    demandDays: json(row.demandDays),
  };
}

export const sortBy = <T>(items: T[], by: (t: T) => string) =>
  [...items].sort((a, b) => byCode(by(a), by(b)));

/** The oversold records as GET /v1/oversold lists them (newest first), without ids. */
export const oversoldAnswer = (items: Record<string, unknown>[]) =>
  items.map((o) =>
    only(o, [
      'at',
      'sku',
      'warehouse',
      'movementType',
      'reason',
      'sellableAfter',
      'ordersAtRisk',
      'resolvedAt',
    ]),
  );
export const oversoldExpected = (model: ReferenceModel, newest: number) =>
  model.oversold
    .slice(model.oversold.length - newest)
    .reverse()
    .map((o) => ({ ...o, at: iso(o.at), resolvedAt: null }));

export async function checkInvariants(
  h: Harness,
  model: ReferenceModel,
  label: string,
  seen: Map<string, number>,
  oversoldSeen: { n: number },
): Promise<void> {
  const state = await storedState(h.db);
  const stored = state.positions;
  const rebuilt = state.rebuilt;
  const at = <T extends { sku: string; warehouse: string }>(rows: T[]) =>
    new Map(rows.map((r) => [key(r), r]));

  expect(h.now().getTime(), `${label}: clock`).toBe(model.clock);
  // The service agrees with the reference model on every position, order, lock, transfer and count.
  expect(stored, `${label}: stored positions vs the reference model`).toEqual(model.snapshot());
  expect(state.orders, `${label}: orders vs the reference model`).toEqual(modelOrders(model));
  expect(
    sortBy(state.locks, (l) => l.lockId),
    `${label}: locks vs the reference model`,
  ).toEqual(
    sortBy(
      model.locks.map((l) => ({
        lockId: l.lockId,
        sku: l.sku,
        warehouse: l.warehouse,
        qty: l.qty,
        locked: l.locked,
        until: l.until,
        releasedAt: l.releasedAt,
        waves: l.waves,
      })),
      (l) => l.lockId,
    ),
  );
  const fenceKey = (f: { channel: string; sku: string; warehouse: string }) =>
    `${f.channel} ${f.sku} ${f.warehouse}`;
  const modelFences = new Map<string, { channel: string; sku: string; warehouse: string; locked: number }>();
  for (const f of model.fences) {
    const seen = modelFences.get(fenceKey(f));
    if (seen) seen.locked += f.locked;
    else modelFences.set(fenceKey(f), { ...f });
  }
  expect(sortBy(state.fences, fenceKey), `${label}: ring-fences vs the reference model`).toEqual(
    sortBy([...modelFences.values()], fenceKey),
  );
  expect(
    sortBy(state.transfers, (t) => t.transferId),
    `${label}: transfers vs the reference model`,
  ).toEqual(
    sortBy(
      model.transferList().map((t) => ({
        transferId: t.transferId,
        from: t.from,
        to: t.to,
        status: t.status,
        lines: t.lines,
      })),
      (t) => t.transferId,
    ),
  );
  expect(
    sortBy(state.counts, (c) => c.countId),
    `${label}: counts vs the reference model`,
  ).toEqual(
    sortBy(
      model.counts.map((c) => ({
        countId: c.countId,
        warehouse: c.warehouse,
        status: c.status,
        linesTotal: c.lines.length,
        linesCounted: c.figures?.linesCounted ?? null,
        linesMatched: c.figures?.linesMatched ?? null,
        linesWithVariance: c.figures?.linesWithVariance ?? null,
        netVariance: c.figures?.netVariance ?? null,
        accuracy: c.figures?.accuracy ?? null,
        lines: c.lines,
      })),
      (c) => c.countId,
    ),
  );

  // Oversold records: as many as the model expects; the new ones as the API lists them.
  expect(state.oversold, `${label}: oversold records`).toBe(model.oversold.length);
  const fresh = state.oversold - oversoldSeen.n;
  if (fresh > 0) {
    const listed = await h.call('GET', `/v1/oversold?limit=${fresh}`);
    expect(oversoldAnswer(listed.body.items), `${label}: new oversold records`).toEqual(
      oversoldExpected(model, fresh),
    );
  }
  oversoldSeen.n = state.oversold;

  const oversoldAt = at(state.oversoldAt);
  const locked = new Map<string, number>();
  for (const l of [...state.locks, ...state.fences]) locked.set(key(l), (locked.get(key(l)) ?? 0) + l.locked);
  const promised = new Map<string, number>();
  for (const t of state.transfers) {
    for (const l of t.lines) {
      const k = key({ sku: l.sku, warehouse: t.from });
      promised.set(k, (promised.get(k) ?? 0) + l.planned - l.shipped - l.cancelled);
    }
  }
  for (const p of stored) {
    // 1. No quantity is negative; sellable only where physical facts made it so, and then an
    //    oversold record names the position.
    for (const b of BUCKETS) expect(p[b], `${label}: ${key(p)} ${b} is negative`).toBeGreaterThanOrEqual(0);
    const s = sellableOf(p);
    if (s < 0) {
      seen.set('state:negative-sellable', (seen.get('state:negative-sellable') ?? 0) + 1);
      const units = state.lowered.get(key(p)) ?? 0;
      expect(units, `${label}: ${key(p)} S lowered by physical facts, ledger vs model`).toBe(
        model.loweredAt(p.sku, p.warehouse),
      );
      // Only physical facts lower sellable without a guard, so S >= -(what they took out of sale).
      expect(s, `${label}: ${key(p)} sellable ${s} below what physical facts explain`).toBeGreaterThanOrEqual(
        -units,
      );
      expect(
        oversoldAt.get(key(p))?.n ?? 0,
        `${label}: ${key(p)} negative S without an oversold record`,
      ).toBeGreaterThan(0);
    }
    // 2. Held units fit in onHand.
    expect(heldOf(p), `${label}: ${key(p)} held units exceed onHand`).toBeLessThanOrEqual(p.onHand);
    // 5. (and its kin) Reserved, locked and transferReserved are what orders, locks and transfers hold.
    expect(p.reserved, `${label}: ${key(p)} reserved vs open order allocations`).toBe(
      state.openOrders.get(key(p)) ?? 0,
    );
    expect(p.locked, `${label}: ${key(p)} locked vs its locks`).toBe(locked.get(key(p)) ?? 0);
    expect(p.transferReserved, `${label}: ${key(p)} transferReserved vs open transfer lines`).toBe(
      promised.get(key(p)) ?? 0,
    );
  }
  for (const [k, units] of state.openOrders) {
    expect(units === 0 || stored.some((p) => key(p) === k), `${label}: open allocation on ${k}`).toBe(true);
  }

  // 3. The ledger rebuilds the stored positions exactly (a position set up without any movement,
  //    as setting virtual stock to 0 does, holds only zeros).
  const withMovements = new Set(rebuilt.map(key));
  for (const p of stored.filter((x) => !withMovements.has(key(x)))) {
    expect(
      BUCKETS.every((b) => p[b] === 0),
      `${label}: ${key(p)} is stored but has no movements`,
    ).toBe(true);
  }
  expect(rebuilt, `${label}: positions rebuilt from the ledger`).toEqual(
    stored.filter((p) => withMovements.has(key(p))),
  );

  // 3b. The daily demand counts (what the alert evaluator reads) are the ledger's reserve movements.
  expect(state.demandDays, `${label}: demand per position and day vs the reserve movements`).toEqual(
    state.reservedByDay,
  );

  // 4. Units are conserved: what was booked in minus out is on hand, on the road, or lost on it.
  const u = model.units;
  const onHand = stored.reduce((n, p) => n + p.onHand, 0);
  let inTransit = 0;
  let lost = 0;
  for (const t of state.transfers) {
    for (const l of t.lines) {
      inTransit += l.shipped - l.received - l.damaged - l.lost;
      lost += l.lost;
    }
  }
  if (inTransit > 0) seen.set('state:in-transit', (seen.get('state:in-transit') ?? 0) + 1);
  expect({ inTransit, lost }, `${label}: units in transit and lost`).toEqual({
    inTransit: model.inTransit(),
    lost: u.lost,
  });
  expect(onHand + inTransit + lost, `${label}: units conserved`).toBe(model.booked());
  const ledger = new Map(state.ledger.map((r) => [r.type, Number(r.units)]));
  const moved = (type: string) => ledger.get(type) ?? 0;
  expect(
    Object.fromEntries(
      [
        'receipt',
        'receipt_virtual',
        'return',
        'adjustment',
        'ship',
        'write_off',
        'count',
        'transfer_ship',
        'transfer_receive',
        'reserve',
        'release',
        'damage',
        'repair',
        'inspect',
        'lock',
        'unlock',
        'virtual',
        'transfer_plan',
        'transfer_cancel',
      ].map((t) => [t, moved(t)]),
    ),
    `${label}: onHand moved by each kind of movement`,
  ).toEqual({
    receipt: u.received,
    receipt_virtual: u.receivedAgainstVirtual,
    return: u.returned,
    adjustment: u.adjustedIn - u.adjustedOut,
    ship: 0 - u.shipped,
    write_off: 0 - u.writtenOff,
    count: u.countVariance,
    transfer_ship: 0 - u.transferShipped,
    transfer_receive: u.transferArrived,
    reserve: 0,
    release: 0,
    damage: 0,
    repair: 0,
    inspect: 0,
    lock: 0,
    unlock: 0,
    virtual: 0,
    transfer_plan: 0,
    transfer_cancel: 0,
  });
}

/** At the end of a run: the service's own verify, the full oversold list, and the totals. */
export async function checkRunEnd(h: Harness, model: ReferenceModel, label: string): Promise<void> {
  const verify = await h.call('GET', '/v1/admin/verify');
  expect(verify.status, `${label}: verify answers`).toBe(200);
  expect({ ok: verify.body.ok, problems: verify.body.problems }, `${label}: verify`).toEqual({
    ok: true,
    problems: [],
  });
  expect(verify.body.units, `${label}: verify's unit figures`).toEqual({
    booked: model.booked(),
    onHand: model.snapshot().reduce((n, p) => n + p.onHand, 0),
    inTransit: model.inTransit(),
    lostInTransit: model.units.lost,
  });
  const oversold = await h.call('GET', '/v1/oversold?limit=1000');
  expect(oversoldAnswer(oversold.body.items), `${label}: all oversold records`).toEqual(
    oversoldExpected(model, model.oversold.length),
  );
  for (const sku of SKUS) {
    const onHand = model
      .snapshot()
      .filter((p) => p.sku === sku)
      .reduce((n, p) => n + p.onHand, 0);
    let inTransit = 0;
    let lost = 0;
    for (const t of model.transferList()) {
      for (const l of t.lines.filter((x) => x.sku === sku)) {
        inTransit += transferInTransit(l);
        lost += l.lost;
      }
    }
    expect((await h.call('GET', `/v1/totals/${sku}`)).body, `${label}: totals of ${sku}`).toEqual({
      sku,
      onHand,
      inTransit,
      onHandPlusInTransit: onHand + inTransit,
      lostInTransit: lost,
    });
  }
}

// ---------------------------------------------------------------------------------------------
