/**
 * An in-memory reference model of Stockroom's stock and order bookkeeping, written from
 * inventory-model.md. It borrows only the per-movement deltas and guards (`moves`, `applyMove`
 * from src/domain/movements.ts); which orders are open, what each one reserved where, what
 * shipped and was returned, warehouse choice and shipment planning are modelled here, so the
 * randomized ledger test compares the service against an independent statement of the rules.
 *
 * Every operation returns the expected outcome (success with the expected answer, or the
 * expected error code) and changes the model only when the service should change its state.
 */
import type { ErrorCode } from '../../src/domain/errors.ts';
import { applyMove, moves, type Move, type ReturnCondition } from '../../src/domain/movements.ts';
import type { Quantities } from '../../src/domain/quantities.ts';

export type Expected<T> = { ok: true; value: T } | { ok: false; code: ErrorCode };

export type ModelOrderStatus = 'reserved' | 'confirmed' | 'partially_shipped' | 'shipped' | 'released';

export interface ModelLine {
  sku: string;
  qty: number;
  warehouse?: string | undefined;
}

export interface ModelAllocation {
  sku: string;
  warehouse: string;
  qty: number;
  shipped: number;
  released: number;
  returned: number;
}

export interface Placement {
  sku: string;
  warehouse: string;
  qty: number;
}

export interface ModelOrder {
  orderId: string;
  lines: ModelLine[];
  expiresInSeconds: number | undefined;
  status: ModelOrderStatus;
  /** Epoch milliseconds; cleared by confirmation and by shipping. */
  expiresAt: number | null;
  /** As placed; what a replay of the placement must answer. */
  placed: Placement[];
  placedExpiresAt: number | null;
  releasedReason: 'cancelled' | 'expired' | null;
  /** Sorted by (sku, warehouse), the order the service works through them. */
  allocations: ModelAllocation[];
}

export interface PositionState extends Quantities {
  sku: string;
  warehouse: string;
}

const positionKey = (sku: string, warehouse: string) => `${sku}\u0000${warehouse}`;
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byPosition = (a: { sku: string; warehouse: string }, b: { sku: string; warehouse: string }) =>
  byCode(a.sku, b.sku) || byCode(a.warehouse, b.warehouse);

const EMPTY: Quantities = {
  onHand: 0,
  reserved: 0,
  damaged: 0,
  qcPending: 0,
  locked: 0,
  transferReserved: 0,
  virtual: 0,
};

/** S = I - O - U - L - T + V with U = damaged + qcPending (inventory-model.md). */
export function sellableOf(q: Quantities): number {
  return q.onHand - q.reserved - q.damaged - q.qcPending - q.locked - q.transferReserved + q.virtual;
}

/** Lines naming the same SKU and the same warehouse (or none) are one demand. */
function mergeDemand(lines: readonly ModelLine[]): ModelLine[] {
  const merged = new Map<string, ModelLine>();
  for (const l of lines) {
    const key = positionKey(l.sku, l.warehouse ?? '');
    const seen = merged.get(key);
    if (seen) seen.qty += l.qty;
    else merged.set(key, { sku: l.sku, qty: l.qty, warehouse: l.warehouse });
  }
  return [...merged.values()];
}

function mergePlacements(placements: readonly Placement[]): Placement[] {
  const merged = new Map<string, Placement>();
  for (const p of placements) {
    const key = positionKey(p.sku, p.warehouse);
    const seen = merged.get(key);
    if (seen) seen.qty += p.qty;
    else merged.set(key, { ...p });
  }
  return [...merged.values()].sort(byPosition);
}

const openOf = (a: ModelAllocation) => a.qty - a.shipped - a.released;

function demandFingerprint(lines: readonly ModelLine[], expiresInSeconds: number | undefined): string {
  const demand = mergeDemand(lines)
    .map((l) => `${l.sku}/${l.warehouse ?? '*'}/${l.qty}`)
    .sort();
  return JSON.stringify([demand, expiresInSeconds ?? null]);
}

export class ReferenceModel {
  private readonly positions = new Map<string, Quantities>();
  readonly orders = new Map<string, ModelOrder>();
  /** Units in and out, by kind, for invariant 4 (there are no transfers yet). */
  readonly units = { received: 0, returned: 0, adjustedIn: 0, adjustedOut: 0, shipped: 0 };
  /** Units taken off onHand by negative adjustments, per position: the only physical fact here. */
  private readonly writtenOff = new Map<string, number>();

  constructor(private now: number) {}

  advance(ms: number): void {
    this.now += ms;
  }

  get clock(): number {
    return this.now;
  }

  /** Every position the service should hold, sorted by (sku, warehouse). */
  snapshot(): PositionState[] {
    return [...this.positions.entries()]
      .map(([key, q]) => {
        const [sku, warehouse] = key.split('\u0000') as [string, string];
        return { sku, warehouse, ...q };
      })
      .sort(byPosition);
  }

  writtenOffAt(sku: string, warehouse: string): number {
    return this.writtenOff.get(positionKey(sku, warehouse)) ?? 0;
  }

  /** The reserved units every position should hold: the open part of every order's allocations. */
  openReservations(): Map<string, number> {
    const open = new Map<string, number>();
    for (const o of this.orders.values()) {
      for (const a of o.allocations) {
        const key = positionKey(a.sku, a.warehouse);
        open.set(key, (open.get(key) ?? 0) + openOf(a));
      }
    }
    return open;
  }

  orderList(): ModelOrder[] {
    return [...this.orders.values()];
  }

  isExpired(o: ModelOrder): boolean {
    return o.status === 'reserved' && o.expiresAt !== null && o.expiresAt <= this.now;
  }

  /**
   * Applies moves as one transaction, position by position in (sku, warehouse) order: all or
   * nothing. Returns the first refusal, or null when every move was applied.
   */
  private applyAll(ms: readonly Move[]): 'insufficient_stock' | 'insufficient_on_hand' | null {
    const scratch = new Map<string, Quantities>();
    for (const m of [...ms].sort(byPosition)) {
      const key = positionKey(m.sku, m.warehouse);
      const before = scratch.get(key) ?? this.positions.get(key) ?? { ...EMPTY };
      const outcome = applyMove(before, m);
      if (!outcome.ok) return outcome.reason;
      scratch.set(key, outcome.position);
    }
    for (const [key, q] of scratch) this.positions.set(key, q);
    return null;
  }

  /** Moves that the model's own bookkeeping says must fit; a refusal means the model is wrong. */
  private applyCertain(ms: readonly Move[]): void {
    const refused = this.applyAll(ms);
    if (refused) throw new Error(`reference model: a move it considered certain was refused (${refused})`);
  }

  receive(input: {
    warehouse: string;
    lines: { sku: string; qty: number; inspect: boolean }[];
  }): Expected<null> {
    this.applyCertain(
      input.lines.map((l) => moves.receive({ sku: l.sku, warehouse: input.warehouse }, l.qty, l.inspect)),
    );
    for (const l of input.lines) this.units.received += l.qty;
    return { ok: true, value: null };
  }

  adjust(input: { warehouse: string; sku: string; delta: number }): Expected<null> {
    const refused = this.applyAll([moves.adjust(input, input.delta)]);
    if (refused) return { ok: false, code: 'insufficient_on_hand' };
    if (input.delta > 0) this.units.adjustedIn += input.delta;
    else {
      this.units.adjustedOut -= input.delta;
      const key = positionKey(input.sku, input.warehouse);
      this.writtenOff.set(key, (this.writtenOff.get(key) ?? 0) - input.delta);
    }
    return { ok: true, value: null };
  }

  /**
   * Where a line without a warehouse goes: the warehouse with the most sellable units (ties to
   * the smaller code), splitting over the next-largest only when no single one has enough.
   * Units the same order takes explicitly from a warehouse are not available to the line.
   */
  private chooseWarehouses(line: ModelLine, explicit: readonly ModelLine[]): Placement[] | null {
    const available = new Map<string, number>();
    for (const [key, q] of this.positions) {
      const [sku, warehouse] = key.split('\u0000') as [string, string];
      if (sku === line.sku) available.set(warehouse, sellableOf(q));
    }
    for (const e of explicit) {
      if (e.sku === line.sku) available.set(e.warehouse!, (available.get(e.warehouse!) ?? 0) - e.qty);
    }
    const ranked = [...available.entries()]
      .filter(([, units]) => units > 0)
      .sort(([wa, a], [wb, b]) => b - a || byCode(wa, wb));
    const total = ranked.reduce((n, [, units]) => n + units, 0);
    if (total < line.qty) return null;
    const [first] = ranked;
    if (first && first[1] >= line.qty) return [{ sku: line.sku, warehouse: first[0], qty: line.qty }];
    const chosen: Placement[] = [];
    let left = line.qty;
    for (const [warehouse, units] of ranked) {
      const take = Math.min(units, left);
      chosen.push({ sku: line.sku, warehouse, qty: take });
      left -= take;
      if (left === 0) break;
    }
    return chosen;
  }

  placeOrder(input: {
    orderId: string;
    lines: ModelLine[];
    expiresInSeconds: number | undefined;
  }): Expected<{ replay: boolean; allocations: Placement[]; expiresAt: number | null }> {
    const existing = this.orders.get(input.orderId);
    if (existing) {
      if (
        demandFingerprint(existing.lines, existing.expiresInSeconds) !==
        demandFingerprint(input.lines, input.expiresInSeconds)
      ) {
        return { ok: false, code: 'idempotency_key_reused' };
      }
      // A replay answers what was placed, whatever has happened to the order or the stock since.
      return {
        ok: true,
        value: {
          replay: true,
          allocations: existing.placed.map((p) => ({ ...p })),
          expiresAt: existing.placedExpiresAt,
        },
      };
    }
    const demand = mergeDemand(input.lines);
    const explicit = demand.filter((l) => l.warehouse !== undefined);
    const placements: Placement[] = explicit.map((l) => ({
      sku: l.sku,
      warehouse: l.warehouse!,
      qty: l.qty,
    }));
    for (const line of demand.filter((l) => l.warehouse === undefined)) {
      const chosen = this.chooseWarehouses(line, explicit);
      if (!chosen) return { ok: false, code: 'insufficient_stock' };
      placements.push(...chosen);
    }
    const allocations = mergePlacements(placements);
    // Reserving is customer-driven: refused when it would make sellable negative, all lines or none.
    if (this.applyAll(allocations.map((a) => moves.reserve(a, a.qty)))) {
      return { ok: false, code: 'insufficient_stock' };
    }
    const expiresAt = input.expiresInSeconds === undefined ? null : this.now + input.expiresInSeconds * 1000;
    this.orders.set(input.orderId, {
      orderId: input.orderId,
      lines: input.lines.map((l) => ({ ...l })),
      expiresInSeconds: input.expiresInSeconds,
      status: 'reserved',
      expiresAt,
      placed: allocations.map((a) => ({ ...a })),
      placedExpiresAt: expiresAt,
      releasedReason: null,
      allocations: allocations.map((a) => ({ ...a, shipped: 0, released: 0, returned: 0 })),
    });
    return { ok: true, value: { replay: false, allocations, expiresAt } };
  }

  /** Releases everything the order still has reserved. */
  private release(o: ModelOrder, reason: 'cancelled' | 'expired'): void {
    const open = o.allocations.filter((a) => openOf(a) > 0);
    this.applyCertain(open.map((a) => moves.release(a, openOf(a))));
    for (const a of o.allocations) a.released = a.qty - a.shipped;
    o.status = o.allocations.some((a) => a.shipped > 0) ? 'shipped' : 'released';
    o.releasedReason = reason;
  }

  confirm(orderId: string): Expected<{ status: ModelOrderStatus }> {
    const o = this.orders.get(orderId);
    if (!o) return { ok: false, code: 'unknown_order' };
    // README: "a confirm that arrives after expiresAt gets 409 order_expired", whether or not
    // the expiry sweep has released the order yet.
    if (o.status === 'released') {
      return { ok: false, code: o.releasedReason === 'expired' ? 'order_expired' : 'invalid_state' };
    }
    if (this.isExpired(o)) {
      // An unpaid order past its expiry is released rather than confirmed late.
      this.release(o, 'expired');
      return { ok: false, code: 'order_expired' };
    }
    if (o.status === 'reserved') {
      o.status = 'confirmed';
      o.expiresAt = null;
    }
    return { ok: true, value: { status: o.status } };
  }

  cancel(orderId: string): Expected<{ status: ModelOrderStatus }> {
    const o = this.orders.get(orderId);
    if (!o) return { ok: false, code: 'unknown_order' };
    if (o.status === 'shipped') return { ok: false, code: 'invalid_state' };
    if (o.status !== 'released') this.release(o, this.isExpired(o) ? 'expired' : 'cancelled');
    return { ok: true, value: { status: o.status } };
  }

  /** Releases unconfirmed orders whose expiry has passed; returns their ids, sorted. */
  expireDue(): string[] {
    const due = this.orderList().filter((o) => this.isExpired(o));
    for (const o of due) this.release(o, 'expired');
    return due.map((o) => o.orderId).sort(byCode);
  }

  /**
   * Ships the whole open remainder (no lines) or the requested lines: each line takes from the
   * named warehouse, or from the order's allocations of that SKU in warehouse order.
   */
  ship(
    orderId: string,
    lines: ModelLine[] | undefined,
  ): Expected<{ status: ModelOrderStatus; lines: Placement[] }> {
    const o = this.orders.get(orderId);
    if (!o) return { ok: false, code: 'unknown_order' };
    // order_expired: "confirming or shipping an unpaid order after its expiresAt" (README, errors),
    // the same answer before and after the expiry sweep has released it.
    if (this.isExpired(o) || (o.status === 'released' && o.releasedReason === 'expired')) {
      return { ok: false, code: 'order_expired' };
    }
    if (o.status === 'released' || o.status === 'shipped') return { ok: false, code: 'invalid_state' };
    let plan: Placement[];
    if (!lines) {
      plan = o.allocations
        .filter((a) => openOf(a) > 0)
        .map((a) => ({ sku: a.sku, warehouse: a.warehouse, qty: openOf(a) }));
    } else {
      const left = new Map(o.allocations.map((a) => [positionKey(a.sku, a.warehouse), openOf(a)]));
      plan = [];
      for (const line of mergeDemand(lines)) {
        let wanted = line.qty;
        for (const a of o.allocations) {
          if (a.sku !== line.sku || (line.warehouse !== undefined && a.warehouse !== line.warehouse))
            continue;
          const key = positionKey(a.sku, a.warehouse);
          const take = Math.min(left.get(key)!, wanted);
          if (take <= 0) continue;
          left.set(key, left.get(key)! - take);
          plan.push({ sku: a.sku, warehouse: a.warehouse, qty: take });
          wanted -= take;
        }
        if (wanted > 0) return { ok: false, code: 'exceeds_open_quantity' };
      }
      plan = mergePlacements(plan);
    }
    if (plan.length === 0) return { ok: false, code: 'invalid_state' };
    // Shipping is a physical fact, but the units must be there: onHand cannot go below held units.
    if (this.applyAll(plan.map((p) => moves.ship(p, p.qty)))) return { ok: false, code: 'invalid_state' };
    for (const p of plan) {
      const a = o.allocations.find((x) => x.sku === p.sku && x.warehouse === p.warehouse)!;
      a.shipped += p.qty;
      this.units.shipped += p.qty;
    }
    o.status = o.allocations.some((a) => openOf(a) > 0) ? 'partially_shipped' : 'shipped';
    o.expiresAt = null;
    return { ok: true, value: { status: o.status, lines: plan } };
  }

  /**
   * A customer return. Against an order, each SKU's units must fit in what shipped and was not
   * returned yet, counted over the order's allocations of that SKU in warehouse order.
   */
  recordReturn(input: {
    orderId: string | undefined;
    warehouse: string;
    lines: { sku: string; qty: number; condition: ReturnCondition }[];
  }): Expected<null> {
    if (input.orderId !== undefined) {
      const o = this.orders.get(input.orderId);
      if (!o) return { ok: false, code: 'unknown_order' };
      const wanted = new Map<string, number>();
      for (const l of input.lines) wanted.set(l.sku, (wanted.get(l.sku) ?? 0) + l.qty);
      const counted = o.allocations.map((a) => ({ ...a }));
      for (const [sku, qty] of wanted) {
        let left = qty;
        for (const a of counted.filter((x) => x.sku === sku)) {
          const take = Math.min(a.shipped - a.returned, left);
          if (take <= 0) continue;
          a.returned += take;
          left -= take;
        }
        if (left > 0) return { ok: false, code: 'return_exceeds_shipped' };
      }
      o.allocations = counted;
    }
    this.applyCertain(
      input.lines.map((l) => moves.return({ sku: l.sku, warehouse: input.warehouse }, l.qty, l.condition)),
    );
    for (const l of input.lines) this.units.returned += l.qty;
    return { ok: true, value: null };
  }
}
