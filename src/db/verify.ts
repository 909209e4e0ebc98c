/**
 * SQL for `stockroom verify`: the invariants of the inventory model checked as set-based
 * aggregates, one statement per check, so that the work stays in the database however long
 * the ledger is. Each check returns at most `limit` offending rows and, on every row, how many
 * there are in all (`total`).
 */
import { BUCKETS as QUANTITIES, type Quantities } from '../domain/quantities.ts';
import type { Queryable } from './database.ts';
import { COLUMN, columnsOf, physicallyFreeSql, quantitiesSql, sellableSql } from './quantity-columns.ts';

/** Movement types that move units between warehouses: left out of unit conservation. */
export const TRANSFER_MOVE_TYPES = ['transfer_ship', 'transfer_receive'] as const;

/**
 * Starts the checks' transaction: one snapshot for all of them (repeatable read), read only,
 * and room for the ledger's grouped scan to hash in memory rather than sort on disk.
 */
export async function readConsistently(tx: Queryable): Promise<void> {
  await tx.query('set transaction isolation level repeatable read, read only');
  await tx.query(`set local work_mem = '64MB'`);
}

/** Each quantity with its column (src/db/quantity-columns.ts). */
const BUCKETS = QUANTITIES.map((b) => [b, COLUMN[b]] as const);

export type Buckets = Quantities;

export interface Counted {
  total: number;
}

export interface NegativeRow extends Counted, Buckets {
  sku: string;
  warehouse: string;
  sellable: number;
  /** Oversold records for the position (a negative S is explained by one). */
  oversoldEvents: number;
}

/** Invariant 1: positions with a negative quantity, or a negative S no oversold record explains. */
export async function negativePositions(q: Queryable, limit: number): Promise<NegativeRow[]> {
  const { rows } = await q.query<NegativeRow>(
    `with bad as (
       select p.sku, p.warehouse, ${quantitiesSql('p')},
         ${sellableSql('p')} as sellable,
         (select count(*) from oversold_events o where o.sku = p.sku and o.warehouse = p.warehouse)
           as "oversoldEvents"
       from stock_positions p
       where least(${columnsOf('p').join(', ')}) < 0
          or (${sellableSql('p')} < 0 and not exists (
                select 1 from oversold_events o where o.sku = p.sku and o.warehouse = p.warehouse)))
     select *, count(*) over () as total from bad order by sku, warehouse limit $1`,
    [limit],
  );
  return rows;
}

export interface OverheldRow extends Counted {
  sku: string;
  warehouse: string;
  onHand: number;
  held: number;
  damaged: number;
  qcPending: number;
  locked: number;
  transferReserved: number;
}

/** Invariant 2: positions holding back more units than they have. */
export async function overheldPositions(q: Queryable, limit: number): Promise<OverheldRow[]> {
  const { rows } = await q.query<OverheldRow>(
    `select sku, warehouse, on_hand as "onHand",
       on_hand - ${physicallyFreeSql('p')} as held,
       damaged, qc_pending as "qcPending", locked, transfer_reserved as "transferReserved",
       count(*) over () as total
     from stock_positions p
     where ${physicallyFreeSql('p')} < 0
     order by sku, warehouse limit $1`,
    [limit],
  );
  return rows;
}

export interface DriftRow {
  sku: string;
  warehouse: string;
  /** null: no stored position (the ledger has movements for it). */
  stored: Buckets | null;
  /** null: no movement at all for a stored position. */
  rebuilt: Buckets | null;
}

export interface LedgerSummary {
  positions: number;
  movements: number;
}

/** jsonb numbers come back as numbers, but normalise anything that arrives as a string. */
function numbers(b: Buckets): Buckets {
  return Object.fromEntries(BUCKETS.map(([n]) => [n, Number(b[n])])) as Buckets;
}

export interface ConservationRow {
  /** null on the system-wide row. */
  sku: string | null;
  /** Sum of d_on_hand over movements other than transfer ship/receive: what came in minus what left. */
  booked: number;
  onHand: number;
  inTransit: number;
  lostInTransit: number;
  /** Sum of d_on_hand of transfer_ship movements (negative) and of transfer_receive ones. */
  transferShipped: number;
  transferReceived: number;
  /** Units the transfers say were shipped, and booked in (received or damaged) at the destination. */
  linesShipped: number;
  linesArrived: number;
}

export interface LedgerChecks {
  summary: LedgerSummary;
  /** Invariant 3: positions whose stored quantities differ from the ledger's sums. */
  drift: DriftRow[];
  driftTotal: number;
  /** Invariant 4, system-wide. */
  system: ConservationRow;
  /** Invariant 4, the SKUs that do not balance. */
  unbalanced: (ConservationRow & { sku: string })[];
  unbalancedTotal: number;
}

/**
 * Invariants 3 and 4 from a single grouped scan of the ledger (the costly part of verify).
 *
 * 3: every position rebuilt from movements against the stored one; a position missing on one
 * side counts as all zeros there.
 *
 * 4, per SKU and system-wide: the units booked in and out by every movement except transfer
 * ship/receive equal the units on hand plus those in transit plus those lost in transit
 * (a loss has no movement: the units left with transfer_ship and never came back); and the
 * transfer movements agree with what the transfer lines count as shipped and arrived.
 */
export async function ledgerChecks(q: Queryable, limit: number): Promise<LedgerChecks> {
  const json = (p: string, prefix: string) =>
    `jsonb_build_object(${BUCKETS.map(([n, c]) => `'${n}', ${p}.${prefix}${c}`).join(', ')})`;
  const differs = BUCKETS.map(([, c]) => `coalesce(j.${c}, 0) <> coalesce(j.d_${c}, 0)`).join(' or ');
  const { rows } = await q.query<{
    positions: number;
    movements: number;
    drift: DriftRow[];
    drift_total: number;
    system: ConservationRow;
    unbalanced: (ConservationRow & { sku: string })[];
    unbalanced_total: number;
  }>(
    `with rebuilt as materialized (
       select sku, warehouse, count(*) as n,
         ${BUCKETS.map(([, c]) => `sum(d_${c}) as d_${c}`).join(', ')},
         sum(d_on_hand) filter (where type <> all($2::text[])) as booked,
         sum(d_on_hand) filter (where type = 'transfer_ship') as shipped,
         sum(d_on_hand) filter (where type = 'transfer_receive') as received
       from movements group by sku, warehouse),
     joined as materialized (
       select s.sku as s_sku, r.sku as r_sku, coalesce(s.sku, r.sku) as sku,
         coalesce(s.warehouse, r.warehouse) as warehouse, coalesce(r.n, 0) as n,
         ${BUCKETS.map(([, c]) => `s.${c}, r.d_${c}`).join(', ')}
       from stock_positions s full join rebuilt r on r.sku = s.sku and r.warehouse = s.warehouse),
     drift as materialized (
       select sku, warehouse,
         case when s_sku is null then null else ${json('j', '')} end as stored,
         case when r_sku is null then null else ${json('j', 'd_')} end as rebuilt
       from joined j where ${differs}),
     ledger as (
       select sku, sum(booked) as booked, sum(shipped) as shipped, sum(received) as received
       from rebuilt group by sku),
     stored as (select sku, sum(on_hand) as on_hand from stock_positions group by sku),
     lines as (
       select sku, sum(shipped - received - damaged - lost) as in_transit, sum(lost) as lost,
         sum(shipped) as shipped, sum(received + damaged) as arrived
       from transfer_lines group by sku),
     per_sku as materialized (
       select coalesce(l.sku, s.sku, t.sku) as sku,
         coalesce(l.booked, 0) as booked, coalesce(s.on_hand, 0) as "onHand",
         coalesce(t.in_transit, 0) as "inTransit", coalesce(t.lost, 0) as "lostInTransit",
         coalesce(l.shipped, 0) as "transferShipped", coalesce(l.received, 0) as "transferReceived",
         coalesce(t.shipped, 0) as "linesShipped", coalesce(t.arrived, 0) as "linesArrived"
       from ledger l full join stored s on s.sku = l.sku
         full join lines t on t.sku = coalesce(l.sku, s.sku)),
     unbalanced as materialized (
       select * from per_sku p
       where p.booked <> p."onHand" + p."inTransit" + p."lostInTransit"
          or -p."transferShipped" <> p."linesShipped" or p."transferReceived" <> p."linesArrived")
     select
       (select count(s_sku) from joined) as positions,
       (select coalesce(sum(n), 0) from joined) as movements,
       (select count(*) from drift) as drift_total,
       (select coalesce(jsonb_agg(to_jsonb(d) order by d.sku, d.warehouse), '[]')
        from (select * from drift order by sku, warehouse limit $1) d) as drift,
       (select to_jsonb(x) from (
          select null::text as sku, coalesce(sum(booked), 0) as booked, coalesce(sum("onHand"), 0) as "onHand",
            coalesce(sum("inTransit"), 0) as "inTransit", coalesce(sum("lostInTransit"), 0) as "lostInTransit",
            coalesce(sum("transferShipped"), 0) as "transferShipped",
            coalesce(sum("transferReceived"), 0) as "transferReceived",
            coalesce(sum("linesShipped"), 0) as "linesShipped", coalesce(sum("linesArrived"), 0) as "linesArrived"
          from per_sku) x) as system,
       (select count(*) from unbalanced) as unbalanced_total,
       (select coalesce(jsonb_agg(to_jsonb(u) order by u.sku), '[]')
        from (select * from unbalanced order by sku limit $1) u) as unbalanced`,
    [limit, [...TRANSFER_MOVE_TYPES]],
  );
  const r = rows[0]!;
  const conserved = <T extends ConservationRow>(c: T): T => ({
    ...c,
    booked: Number(c.booked),
    onHand: Number(c.onHand),
    inTransit: Number(c.inTransit),
    lostInTransit: Number(c.lostInTransit),
    transferShipped: Number(c.transferShipped),
    transferReceived: Number(c.transferReceived),
    linesShipped: Number(c.linesShipped),
    linesArrived: Number(c.linesArrived),
  });
  return {
    summary: { positions: Number(r.positions), movements: Number(r.movements) },
    drift: r.drift.map((d) => ({
      sku: d.sku,
      warehouse: d.warehouse,
      stored: d.stored && numbers(d.stored),
      rebuilt: d.rebuilt && numbers(d.rebuilt),
    })),
    driftTotal: Number(r.drift_total),
    system: conserved(r.system),
    unbalanced: r.unbalanced.map(conserved),
    unbalancedTotal: Number(r.unbalanced_total),
  };
}

export interface ReservationRow extends Counted {
  sku: string;
  warehouse: string;
  /** null: no stored position. */
  reserved: number | null;
  openAllocations: number;
  orders: number;
}

/** Invariant 5: each position's reserved units against its orders' open allocations. */
export async function reservationDrift(q: Queryable, limit: number): Promise<ReservationRow[]> {
  const { rows } = await q.query<ReservationRow>(
    `with open as (
       select sku, warehouse, sum(qty - shipped - released) as open,
         count(*) filter (where qty - shipped - released > 0) as orders
       from order_allocations group by sku, warehouse),
     bad as (
       select coalesce(s.sku, o.sku) as sku, coalesce(s.warehouse, o.warehouse) as warehouse,
         s.reserved, coalesce(o.open, 0) as "openAllocations", coalesce(o.orders, 0) as orders
       from stock_positions s full join open o on o.sku = s.sku and o.warehouse = s.warehouse
       where coalesce(s.reserved, 0) <> coalesce(o.open, 0))
     select *, count(*) over () as total from bad order by sku, warehouse limit $1`,
    [limit],
  );
  return rows.map((r) => ({ ...r, openAllocations: Number(r.openAllocations), total: Number(r.total) }));
}
