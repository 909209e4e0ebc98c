/**
 * An in-memory reference model of Stockroom's stock, order, lock and transfer bookkeeping,
 * written from inventory-model.md and the docs of each event (docs/locks.md, transfers.md,
 * unsellable-stock.md, virtual-stock.md). It borrows only the per-movement deltas and guards
 * (`moves`, `applyMove` from src/domain/movements.ts); which orders are open, what each one
 * reserved where, what shipped and was returned, warehouse choice, shipment planning, lock
 * schedules, transfer lines, oversold records, unit conservation, and sales channels (their
 * warehouses, buffer, cap and ring-fenced units, docs/channels.md) are modelled here, so the
 * randomized ledger test compares the service against an independent statement of the rules.
 *
 * Every operation returns the expected outcome (success with the expected answer, or the
 * expected error code, with details where the test checks them) and changes the model only when
 * the service should change its state.
 */
import { sampleSkus } from '../../src/domain/counts.ts';
import type { ErrorCode } from '../../src/domain/errors.ts';
import { applyMove, moves, type Move, type ReturnCondition } from '../../src/domain/movements.ts';
import type { Quantities } from '../../src/domain/quantities.ts';

export type Expected<T> =
  { ok: true; value: T } | { ok: false; code: ErrorCode; details?: Record<string, unknown> };

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
  /** The sales channel it was placed through, if any. */
  channel?: string | undefined;
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

/** A sales channel's settings (docs/channels.md). */
export interface ModelChannel {
  code: string;
  /** The warehouses it sells from; null: all. */
  warehouses: string[] | null;
  bufferUnits: number | null;
  /** 0-100, at most two decimals. */
  bufferPercent: number | null;
  cap: number | null;
}

/** Units a channel holds locked for itself at one position: one lock row the channel owns. */
export interface ModelFence {
  channel: string;
  sku: string;
  warehouse: string;
  locked: number;
}

export interface RingFence {
  sku: string;
  warehouse: string;
  qty: number;
}

export interface PositionState extends Quantities {
  sku: string;
  warehouse: string;
}

export type PositionView = { warehouse: string } & Quantities & { sellable: number };

export interface ModelWave {
  wave: number;
  at: number;
  qty: number;
  released: number;
  releasedAt: number | null;
}

export interface ModelLock {
  /** The service names a lock; the test fills this in from the answer to the lock request. */
  lockId: string;
  sku: string;
  warehouse: string;
  reason: string;
  qty: number;
  locked: number;
  until: number | null;
  createdAt: number;
  releasedAt: number | null;
  waves: ModelWave[];
}

export interface LockRelease {
  lockId: string;
  sku: string;
  warehouse: string;
  qty: number;
  reason: string;
}

export type TransferStatus = 'planned' | 'partially_shipped' | 'in_transit' | 'received' | 'cancelled';

export interface ModelTransferLine {
  sku: string;
  planned: number;
  shipped: number;
  cancelled: number;
  received: number;
  damaged: number;
  lost: number;
  lossReason: string | null;
}

export interface ModelTransfer {
  transferId: string;
  from: string;
  to: string;
  status: TransferStatus;
  /** The demand as planned (from, to, lines merged by SKU): a replay must repeat it. */
  fingerprint: string;
  /** Sorted by SKU. */
  lines: ModelTransferLine[];
}

export interface ExpectedOversold {
  at: number;
  sku: string;
  warehouse: string;
  movementType: string;
  reason: string | null;
  sellableAfter: number;
  ordersAtRisk: string[];
}

/** A shipment line refused because the units are not physically there (the 409 details). */
export interface NotThereLine {
  sku: string;
  warehouse: string;
  requested: number;
  onHand: number;
  shippable: number;
  held: { damaged: number; qcPending: number; locked: number; transferReserved: number };
}

export type CountStatus = 'open' | 'closed' | 'posted' | 'cancelled';

export interface ModelCountLine {
  sku: string;
  counted: number | null;
  /** The books' onHand when the line was counted. */
  expected: number | null;
  countedAt: number | null;
  /** The reason its variance was posted with. */
  reason: string | null;
  /** While the count may still post the line, no other count at the warehouse may hold the SKU. */
  active: boolean;
}

export interface CountFigures {
  linesCounted: number;
  linesMatched: number;
  linesWithVariance: number;
  netVariance: number;
  accuracy: number;
}

export interface ModelCount {
  /** The service names a count; the test fills this in from the answer to the open request. */
  countId: string;
  warehouse: string;
  scope: 'all' | 'list' | 'sample';
  status: CountStatus;
  createdAt: number;
  /** Sorted by SKU. */
  lines: ModelCountLine[];
  /** Fixed at close. */
  figures: CountFigures | null;
}

export type CountScope =
  { kind: 'all' } | { kind: 'list'; skus: string[] } | { kind: 'sample'; size: number; seed: string };

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

/** What a move does to S: negative for a physical fact that takes units out of sale. */
function sellableDelta(m: Move): number {
  return sellableOf({ ...EMPTY, ...m.deltas });
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

/** Transfer lines naming the same SKU are one line; sorted by SKU. */
function mergeBySku(lines: readonly { sku: string; qty: number }[]): { sku: string; qty: number }[] {
  const merged = new Map<string, number>();
  for (const l of lines) merged.set(l.sku, (merged.get(l.sku) ?? 0) + l.qty);
  return [...merged.entries()].map(([sku, qty]) => ({ sku, qty })).sort((a, b) => byCode(a.sku, b.sku));
}

const openOf = (a: ModelAllocation) => a.qty - a.shipped - a.released;
export const transferOpen = (l: ModelTransferLine) => l.planned - l.shipped - l.cancelled;
export const transferInTransit = (l: ModelTransferLine) => l.shipped - l.received - l.damaged - l.lost;

/** A transfer's status, read off its lines (docs/transfers.md, "Statuses"). */
function statusOfTransfer(lines: readonly ModelTransferLine[]): TransferStatus {
  const anyShipped = lines.some((l) => l.shipped > 0);
  if (lines.some((l) => transferOpen(l) > 0)) return anyShipped ? 'partially_shipped' : 'planned';
  if (lines.some((l) => transferInTransit(l) > 0)) return 'in_transit';
  return anyShipped ? 'received' : 'cancelled';
}

function demandFingerprint(
  lines: readonly ModelLine[],
  expiresInSeconds: number | undefined,
  channel: string | undefined,
): string {
  const demand = mergeDemand(lines)
    .map((l) => `${l.sku}/${l.warehouse ?? '*'}/${l.qty}`)
    .sort();
  return JSON.stringify([demand, expiresInSeconds ?? null, channel ?? null]);
}

/** ceil(pool * percent / 100) for a percent with at most two decimals, in whole hundredths. */
function bufferShare(pool: number, percent: number): number {
  const hundredths = Math.round(percent * 100);
  return Math.floor((pool * hundredths + 9_999) / 10_000);
}

const sellsFrom = (channel: ModelChannel, warehouse: string) =>
  channel.warehouses === null || channel.warehouses.includes(warehouse);

const heldOf = (q: Quantities) => q.damaged + q.qcPending + q.locked + q.transferReserved;

/** A set of moves refused: every move the guard turned down, with its position as it stood. */
interface Refusal {
  refused: { move: Move; position: Quantities; reason: 'insufficient_stock' | 'insufficient_on_hand' }[];
}

export class ReferenceModel {
  private readonly positions = new Map<string, Quantities>();
  readonly orders = new Map<string, ModelOrder>();
  /** In the order they were made, which is also the order of the ids the service gives them. */
  readonly locks: ModelLock[] = [];
  readonly transfers = new Map<string, ModelTransfer>();
  /** Oversold records the service should have written, oldest first. */
  readonly oversold: ExpectedOversold[] = [];
  /** Units booked in and out, by kind, for invariant 4. */
  readonly units = {
    received: 0,
    receivedAgainstVirtual: 0,
    returned: 0,
    adjustedIn: 0,
    adjustedOut: 0,
    shipped: 0,
    writtenOff: 0,
    transferShipped: 0,
    /** Received or damaged at a transfer's destination. */
    transferArrived: 0,
    lost: 0,
    /** Net of posted count variances. */
    countVariance: 0,
  };
  /** In the order they were opened. */
  readonly counts: ModelCount[] = [];
  readonly channels = new Map<string, ModelChannel>();
  /** Ring-fence lock rows with units left, oldest first (the order orders and lowering drain them). */
  readonly fences: ModelFence[] = [];
  /** Per position, how far physical facts have pushed S down (the units they took out of sale). */
  private readonly lowered = new Map<string, number>();
  /** Per position, every change of onHand with its time: what the books said at a past time. */
  private readonly onHandLog = new Map<string, { at: number; delta: number }[]>();

  /**
   * @param now the clock, epoch milliseconds
   * @param warehouses every warehouse of the catalogue (routing candidates), in code order
   */
  constructor(
    private now: number,
    private readonly warehouses: readonly string[],
  ) {}

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

  /** A position as the API shows it (all zero if it was never stocked). */
  view(sku: string, warehouse: string): PositionView {
    const q = this.positions.get(positionKey(sku, warehouse)) ?? EMPTY;
    return { warehouse, ...q, sellable: sellableOf(q) };
  }

  /** Units by which physical facts (damage, write-downs, capacity cuts) lowered S at a position. */
  loweredAt(sku: string, warehouse: string): number {
    return this.lowered.get(positionKey(sku, warehouse)) ?? 0;
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

  transferList(): ModelTransfer[] {
    return [...this.transfers.values()];
  }

  /** Units on the road: shipped on transfers, neither booked in nor lost. */
  inTransit(): number {
    let units = 0;
    for (const t of this.transfers.values()) for (const l of t.lines) units += transferInTransit(l);
    return units;
  }

  /** Units booked in minus booked out, leaving out moves between warehouses (verify's `booked`). */
  booked(): number {
    const u = this.units;
    return (
      u.received +
      u.receivedAgainstVirtual +
      u.returned +
      u.adjustedIn -
      u.adjustedOut -
      u.shipped -
      u.writtenOff +
      u.countVariance
    );
  }

  isExpired(o: ModelOrder): boolean {
    return o.status === 'reserved' && o.expiresAt !== null && o.expiresAt <= this.now;
  }

  /** Orders with open reservations at a position, by id: the orders an oversell puts at risk. */
  private ordersAt(sku: string, warehouse: string): string[] {
    return this.orderList()
      .filter((o) => o.allocations.some((a) => a.sku === sku && a.warehouse === warehouse && openOf(a) > 0))
      .map((o) => o.orderId)
      .sort(byCode);
  }

  /**
   * Applies moves as one transaction, position by position in (sku, warehouse) order: all or
   * nothing. Returns every refused move (with its position as it stood), or null when all were
   * applied. A physical fact that leaves S negative and lower than it was is an oversold record.
   */
  private applyAll(ms: readonly Move[], reason: string | null = null): Refusal | null {
    const scratch = new Map<string, Quantities>();
    const refused: Refusal['refused'] = [];
    const facts: { move: Move; after: Quantities }[] = [];
    for (const m of [...ms].sort(byPosition)) {
      const key = positionKey(m.sku, m.warehouse);
      const before = scratch.get(key) ?? this.positions.get(key) ?? { ...EMPTY };
      const outcome = applyMove(before, m);
      if (!outcome.ok) {
        refused.push({ move: m, position: before, reason: outcome.reason });
        continue;
      }
      scratch.set(key, outcome.position);
      facts.push({ move: m, after: outcome.position });
    }
    if (refused.length > 0) return { refused };
    for (const { move, after } of facts) {
      const key = positionKey(move.sku, move.warehouse);
      if (move.deltas.onHand) {
        const log = this.onHandLog.get(key) ?? [];
        log.push({ at: this.now, delta: move.deltas.onHand });
        this.onHandLog.set(key, log);
      }
      const drop = sellableDelta(move);
      if (move.guard !== 'physical' || drop >= 0) continue;
      this.lowered.set(key, (this.lowered.get(key) ?? 0) - drop);
      if (sellableOf(after) < 0) {
        this.oversold.push({
          at: this.now,
          sku: move.sku,
          warehouse: move.warehouse,
          movementType: move.type,
          reason,
          sellableAfter: sellableOf(after),
          ordersAtRisk: this.ordersAt(move.sku, move.warehouse),
        });
      }
    }
    for (const [key, q] of scratch) this.positions.set(key, q);
    return null;
  }

  /** Moves that the model's own bookkeeping says must fit; a refusal means the model is wrong. */
  private applyCertain(ms: readonly Move[], reason: string | null = null): void {
    const refusal = this.applyAll(ms, reason);
    if (refusal) {
      throw new Error(
        `reference model: a move it considered certain was refused (${JSON.stringify(refusal.refused)})`,
      );
    }
  }

  // -------------------------------------------------------------------------------------------
  // Goods in and write-downs

  receive(input: {
    warehouse: string;
    lines: { sku: string; qty: number; inspect: boolean; againstVirtual: boolean }[];
  }): Expected<{ positions: (PositionView & { sku: string })[] }> {
    const refusal = this.applyAll(
      input.lines.map((l) => {
        const at = { sku: l.sku, warehouse: input.warehouse };
        return l.againstVirtual
          ? moves.receiveAgainstVirtual(at, l.qty)
          : moves.receive(at, l.qty, l.inspect);
      }),
      'received',
    );
    if (refusal) return { ok: false, code: 'insufficient_virtual' };
    for (const l of input.lines) {
      if (l.againstVirtual) this.units.receivedAgainstVirtual += l.qty;
      else this.units.received += l.qty;
    }
    const skus = [...new Set(input.lines.map((l) => l.sku))].sort(byCode);
    return {
      ok: true,
      value: { positions: skus.map((sku) => ({ sku, ...this.view(sku, input.warehouse) })) },
    };
  }

  adjust(input: {
    warehouse: string;
    sku: string;
    delta: number;
    reason: string;
  }): Expected<{ position: PositionView }> {
    if (this.applyAll([moves.adjust(input, input.delta)], input.reason)) {
      return { ok: false, code: 'insufficient_on_hand' };
    }
    if (input.delta > 0) this.units.adjustedIn += input.delta;
    else this.units.adjustedOut -= input.delta;
    return { ok: true, value: { position: this.view(input.sku, input.warehouse) } };
  }

  /** Damage found: booked even if S goes negative, but the held units must fit in onHand. */
  damage(input: {
    warehouse: string;
    sku: string;
    qty: number;
    reason: string;
  }): Expected<{ position: PositionView }> {
    if (this.applyAll([moves.markDamaged(input, input.qty)], input.reason)) {
      return { ok: false, code: 'insufficient_on_hand' };
    }
    return { ok: true, value: { position: this.view(input.sku, input.warehouse) } };
  }

  private damagedAt(sku: string, warehouse: string): number {
    return this.positions.get(positionKey(sku, warehouse))?.damaged ?? 0;
  }

  repair(input: { warehouse: string; sku: string; qty: number }): Expected<{ position: PositionView }> {
    if (input.qty > this.damagedAt(input.sku, input.warehouse)) {
      return { ok: false, code: 'insufficient_damaged' };
    }
    this.applyCertain([moves.repair(input, input.qty)], 'repaired');
    return { ok: true, value: { position: this.view(input.sku, input.warehouse) } };
  }

  /** Only damaged units can be written off: damaged and onHand both go down, S is unchanged. */
  writeOff(input: {
    warehouse: string;
    sku: string;
    qty: number;
    reason: string;
  }): Expected<{ position: PositionView }> {
    if (input.qty > this.damagedAt(input.sku, input.warehouse)) {
      return { ok: false, code: 'insufficient_damaged' };
    }
    this.applyCertain([moves.writeOff(input, input.qty)], input.reason);
    this.units.writtenOff += input.qty;
    return { ok: true, value: { position: this.view(input.sku, input.warehouse) } };
  }

  /**
   * Inspection of qcPending units, all lines or none; lines of one SKU draw on its qcPending in
   * order. A refusal names each line that does not fit and what was left for it.
   */
  inspect(input: {
    warehouse: string;
    lines: { sku: string; passed: number; failed: number }[];
  }): Expected<{ positions: (PositionView & { sku: string })[] }> {
    const drawn = new Map<string, number>();
    const short: { line: number; sku: string; requested: number; qcPending: number }[] = [];
    input.lines.forEach((l, line) => {
      const pending = this.positions.get(positionKey(l.sku, input.warehouse))?.qcPending ?? 0;
      const requested = l.passed + l.failed;
      const before = drawn.get(l.sku) ?? 0;
      drawn.set(l.sku, before + requested);
      if (before + requested > pending) {
        short.push({ line, sku: l.sku, requested, qcPending: Math.max(0, pending - before) });
      }
    });
    if (short.length > 0) {
      return {
        ok: false,
        code: 'insufficient_qc_pending',
        details: { warehouse: input.warehouse, lines: short },
      };
    }
    this.applyCertain(
      input.lines.map((l) => moves.inspect({ sku: l.sku, warehouse: input.warehouse }, l.passed, l.failed)),
      'inspected',
    );
    const skus = [...new Set(input.lines.map((l) => l.sku))].sort(byCode);
    return {
      ok: true,
      value: { positions: skus.map((sku) => ({ sku, ...this.view(sku, input.warehouse) })) },
    };
  }

  /** V := virtual, booked as the change; a cut below what is reserved on it is a physical fact. */
  setVirtual(input: { sku: string; warehouse: string; virtual: number }): Expected<{
    virtual: number;
    position: PositionView;
  }> {
    const key = positionKey(input.sku, input.warehouse);
    // The service creates the position (all zero) to lock it, even when nothing changes.
    if (!this.positions.has(key)) this.positions.set(key, { ...EMPTY });
    const delta = input.virtual - this.positions.get(key)!.virtual;
    if (delta !== 0) this.applyCertain([moves.changeVirtual(input, delta)], 'virtual stock set');
    return {
      ok: true,
      value: { virtual: input.virtual, position: this.view(input.sku, input.warehouse) },
    };
  }

  // -------------------------------------------------------------------------------------------
  // Orders

  /**
   * Routes the lines that name no warehouse by the default policy (docs/regions.md, Routing:
   * `fewest_shipments`, splitting allowed; an order naming no region has every warehouse as a
   * candidate, none faster and, here, none of higher priority than another): the smallest set
   * of warehouses that can supply every line, a warehouse a named line already ships from
   * counting as free; among sets of that size the one holding the most units of the order's
   * lines (then the one first in code order). Within it each line takes from the warehouse
   * holding more of it first (then the smaller code), splitting only when it must. A warehouse
   * offers its sellable units (none if S <= 0) less what the order's named lines take there.
   */
  /**
   * Where automatic lines go: the fewest warehouses among `candidates` that can serve every line
   * (ties: the set offering the most units), then per line the warehouses with the most units
   * open first. `open` is what the order may take at a position.
   */
  private route(
    automatic: readonly ModelLine[],
    named: readonly Placement[],
    candidates: readonly string[],
    open: (sku: string, warehouse: string) => number,
  ): Placement[] | null {
    const namedAt = (sku: string, warehouse: string) =>
      named.filter((n) => n.sku === sku && n.warehouse === warehouse).reduce((n, x) => n + x.qty, 0);
    const available = (sku: string, warehouse: string) => open(sku, warehouse) - namedAt(sku, warehouse);
    const offered = (sku: string, among: readonly string[]) =>
      among.reduce((n, w) => n + Math.max(0, available(sku, w)), 0);
    if (automatic.some((l) => offered(l.sku, candidates) < l.qty)) return null;
    const free = [...new Set(named.map((n) => n.warehouse))].sort(byCode);
    const others = candidates.filter((w) => !free.includes(w));
    const feasible = (set: readonly string[]) => automatic.every((l) => offered(l.sku, set) >= l.qty);
    const units = (set: readonly string[]) => automatic.reduce((n, l) => n + offered(l.sku, set), 0);
    let chosen: string[] | undefined;
    for (let k = 0; k <= others.length && !chosen; k++) {
      for (const extra of subsets(others, k)) {
        const set = [...free, ...extra];
        if (!feasible(set)) continue;
        if (!chosen || units(set) > units(chosen)) chosen = set;
      }
    }
    const placements: Placement[] = [];
    for (const line of automatic) {
      let left = line.qty;
      const ranked = [...chosen!].sort(
        (a, b) => available(line.sku, b) - available(line.sku, a) || byCode(a, b),
      );
      for (const warehouse of ranked) {
        const take = Math.min(left, Math.max(0, available(line.sku, warehouse)));
        if (take > 0) placements.push({ sku: line.sku, warehouse, qty: take });
        left -= take;
        if (left === 0) break;
      }
    }
    return placements;
  }

  /** Units the channel holds locked at a position. */
  fencedAt(channel: string, sku: string, warehouse: string): number {
    return this.fences
      .filter((f) => f.channel === channel && f.sku === sku && f.warehouse === warehouse)
      .reduce((n, f) => n + f.locked, 0);
  }

  /**
   * What a channel may sell of one SKU (docs/channels.md): of the sellable units at its
   * warehouses (the pool) it holds back the buffer, shows at most the cap, and adds its own
   * ring-fenced units.
   */
  channelShare(channel: ModelChannel, sku: string): { shared: number; ringFenced: number } {
    let pool = 0;
    let ringFenced = 0;
    for (const w of this.warehouses) {
      if (!sellsFrom(channel, w)) continue;
      pool += Math.max(0, sellableOf(this.positions.get(positionKey(sku, w)) ?? EMPTY));
      ringFenced += this.fencedAt(channel.code, sku, w);
    }
    const held =
      (channel.bufferUnits ?? 0) +
      (channel.bufferPercent === null ? 0 : bufferShare(pool, channel.bufferPercent));
    const buffer = Math.min(pool, held);
    return { shared: Math.min(pool - buffer, channel.cap ?? Infinity), ringFenced };
  }

  /** Takes units off the channel's ring-fence at a position, oldest lock row first. */
  private drainFence(channel: string, sku: string, warehouse: string, qty: number): void {
    let left = qty;
    for (const f of this.fences) {
      if (left === 0) break;
      if (f.channel !== channel || f.sku !== sku || f.warehouse !== warehouse) continue;
      const take = Math.min(f.locked, left);
      f.locked -= take;
      left -= take;
    }
    for (let i = this.fences.length - 1; i >= 0; i--)
      if (this.fences[i]!.locked === 0) this.fences.splice(i, 1);
  }

  /** A channel's ring-fences as its answer lists them: per position, sorted. */
  ringFencesOf(channel: string): RingFence[] {
    const merged = mergePlacements(
      this.fences
        .filter((f) => f.channel === channel)
        .map((f) => ({ sku: f.sku, warehouse: f.warehouse, qty: f.locked })),
    );
    return merged.filter((f) => f.qty > 0);
  }

  /**
   * Creates or updates a channel and (when given) sets its ring-fences to exactly these units,
   * in one transaction: raising one locks units (the guard of any lock: S covers them and they
   * are physically free), lowering unlocks the oldest first; one refusal changes nothing.
   */
  putChannel(
    code: string,
    input: Omit<ModelChannel, 'code'> & { ringFenced: RingFence[] | undefined },
  ): Expected<{ created: boolean; ringFenced: RingFence[] }> {
    const target = input.ringFenced;
    // A percent with more than two decimals: hundredths of a unit-percent are the finest grain.
    if (input.bufferPercent !== null && Math.round(input.bufferPercent * 100) !== input.bufferPercent * 100) {
      return { ok: false, code: 'invalid_channel' };
    }
    const named = new Set<string>();
    for (const t of target ?? []) {
      const key = positionKey(t.sku, t.warehouse);
      if (named.has(key)) return { ok: false, code: 'invalid_channel' };
      named.add(key);
    }
    const settings: ModelChannel = {
      code,
      warehouses: input.warehouses,
      bufferUnits: input.bufferUnits,
      bufferPercent: input.bufferPercent,
      cap: input.cap,
    };
    const current = this.ringFencesOf(code);
    // Ring-fences must lie at the channel's warehouses: the new ones, or else those it holds.
    if ((target ?? current).some((f) => f.qty > 0 && !sellsFrom(settings, f.warehouse))) {
      return { ok: false, code: 'invalid_channel' };
    }
    const changes: { sku: string; warehouse: string; from: number; to: number }[] = [];
    if (target) {
      const positions = new Map<string, { sku: string; warehouse: string }>();
      for (const f of [...current, ...target]) positions.set(positionKey(f.sku, f.warehouse), f);
      for (const p of [...positions.values()].sort(byPosition)) {
        const from = this.fencedAt(code, p.sku, p.warehouse);
        const to = target.find((t) => t.sku === p.sku && t.warehouse === p.warehouse)?.qty ?? 0;
        if (from !== to) changes.push({ ...p, from, to });
      }
    }
    const refusal = this.applyAll(
      changes.map((c) => (c.to > c.from ? moves.lock(c, c.to - c.from) : moves.unlock(c, c.from - c.to))),
    );
    if (refusal) {
      const first = refusal.refused[0]!;
      const change = changes.find((c) => c.sku === first.move.sku && c.warehouse === first.move.warehouse)!;
      return {
        ok: false,
        code: 'insufficient_stock',
        details: {
          channel: code,
          sku: change.sku,
          warehouse: change.warehouse,
          ringFenced: change.from,
          target: change.to,
          requested: change.to - change.from,
          sellable: sellableOf(first.position),
        },
      };
    }
    for (const c of changes) {
      if (c.to > c.from)
        this.fences.push({ channel: code, sku: c.sku, warehouse: c.warehouse, locked: c.to - c.from });
      else this.drainFence(code, c.sku, c.warehouse, c.from - c.to);
    }
    const created = !this.channels.has(code);
    this.channels.set(code, settings);
    return { ok: true, value: { created, ringFenced: this.ringFencesOf(code) } };
  }

  placeOrder(input: {
    orderId: string;
    lines: ModelLine[];
    expiresInSeconds: number | undefined;
    channel?: string | undefined;
  }): Expected<{ replay: boolean; allocations: Placement[]; expiresAt: number | null; ringFenced: number }> {
    const existing = this.orders.get(input.orderId);
    if (existing) {
      if (
        demandFingerprint(existing.lines, existing.expiresInSeconds, existing.channel) !==
        demandFingerprint(input.lines, input.expiresInSeconds, input.channel)
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
          ringFenced: 0,
        },
      };
    }
    let channel: ModelChannel | undefined;
    if (input.channel !== undefined) {
      channel = this.channels.get(input.channel);
      if (!channel) return { ok: false, code: 'unknown_channel' };
    }
    const share = new Map<string, { shared: number; ringFenced: number }>();
    if (channel) for (const l of input.lines) share.set(l.sku, this.channelShare(channel, l.sku));
    const sellableAt = (sku: string, warehouse: string) =>
      Math.max(0, sellableOf(this.positions.get(positionKey(sku, warehouse)) ?? EMPTY));
    // What the order may take at a position: its sellable units; for an order of a channel, at
    // the channel's warehouses only, at most the channel's shared allowance of them, plus the
    // units ring-fenced for the channel there.
    const open = (sku: string, warehouse: string) => {
      if (!channel) return sellableAt(sku, warehouse);
      if (!sellsFrom(channel, warehouse)) return 0;
      return (
        Math.min(sellableAt(sku, warehouse), Math.max(0, share.get(sku)!.shared)) +
        this.fencedAt(channel.code, sku, warehouse)
      );
    };
    const demand = mergeDemand(input.lines);
    const named: Placement[] = demand
      .filter((l) => l.warehouse !== undefined)
      .map((l) => ({ sku: l.sku, warehouse: l.warehouse!, qty: l.qty }));
    // A named line takes what it asks for where it asks, if that much is open there.
    if (named.some((p) => open(p.sku, p.warehouse) < p.qty)) return { ok: false, code: 'insufficient_stock' };
    const candidates = channel ? this.warehouses.filter((w) => sellsFrom(channel, w)) : this.warehouses;
    const routed = this.route(
      demand.filter((l) => l.warehouse === undefined),
      named,
      candidates,
      open,
    );
    if (!routed) return { ok: false, code: 'insufficient_stock' };
    const allocations = mergePlacements([...named, ...routed]);
    // An order of a channel takes the channel's ring-fenced units at a position first; the rest
    // comes out of the shared pool, within the channel's shared allowance over all positions.
    const fromFence = (a: Placement) =>
      channel ? Math.min(a.qty, this.fencedAt(channel.code, a.sku, a.warehouse)) : 0;
    if (channel) {
      for (const [sku, { shared }] of share) {
        const fromShared = allocations
          .filter((a) => a.sku === sku)
          .reduce((n, a) => n + a.qty - fromFence(a), 0);
        if (fromShared > shared) return { ok: false, code: 'insufficient_stock' };
      }
    }
    // Reserving is customer-driven: refused when it would make sellable negative, all lines or none.
    const reserving = allocations.flatMap((a) => {
      const fenced = fromFence(a);
      return [...(fenced > 0 ? [moves.unlock(a, fenced)] : []), moves.reserve(a, a.qty)];
    });
    if (this.applyAll(reserving)) return { ok: false, code: 'insufficient_stock' };
    let ringFenced = 0;
    for (const a of allocations) {
      const fenced = fromFence(a);
      if (fenced > 0) this.drainFence(channel!.code, a.sku, a.warehouse, fenced);
      ringFenced += fenced;
    }
    const expiresAt = input.expiresInSeconds === undefined ? null : this.now + input.expiresInSeconds * 1000;
    this.orders.set(input.orderId, {
      orderId: input.orderId,
      channel: input.channel,
      lines: input.lines.map((l) => ({ ...l })),
      expiresInSeconds: input.expiresInSeconds,
      status: 'reserved',
      expiresAt,
      placed: allocations.map((a) => ({ ...a })),
      placedExpiresAt: expiresAt,
      releasedReason: null,
      allocations: allocations.map((a) => ({ ...a, shipped: 0, released: 0, returned: 0 })),
    });
    return { ok: true, value: { replay: false, allocations, expiresAt, ringFenced } };
  }

  /** Releases everything the order still has reserved. */
  private release(o: ModelOrder, reason: 'cancelled' | 'expired'): void {
    const open = o.allocations.filter((a) => openOf(a) > 0);
    this.applyCertain(
      open.map((a) => moves.release(a, openOf(a))),
      reason,
    );
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
   * named warehouse, or from the order's allocations of that SKU in warehouse order. Units that
   * are not physically there (onHand would not cover the held units) refuse the whole shipment
   * with invalid_state, naming per position what could leave and what holds the rest.
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
    const refusal = this.applyAll(plan.map((p) => moves.ship(p, p.qty)));
    if (refusal) return notThere(refusal);
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
      'returned',
    );
    for (const l of input.lines) this.units.returned += l.qty;
    return { ok: true, value: null };
  }

  // -------------------------------------------------------------------------------------------
  // Locks

  /**
   * Locks units (L += q, needs S >= q and, like every held quantity, units physically free).
   * The schedule must be sound: waves in time order, summing to at most qty, before until,
   * and every time in the future.
   */
  lock(input: {
    warehouse: string;
    sku: string;
    qty: number;
    reason: string;
    until: number | undefined;
    waves: { at: number; qty: number }[] | undefined;
  }): Expected<{ lock: ModelLock; position: PositionView }> {
    const waves = input.waves ?? [];
    if (waves.reduce((n, w) => n + w.qty, 0) > input.qty) return { ok: false, code: 'invalid_schedule' };
    if (waves.some((w, i) => i > 0 && w.at <= waves[i - 1]!.at)) {
      return { ok: false, code: 'invalid_schedule' };
    }
    const until = input.until;
    if (until !== undefined && waves.some((w) => w.at >= until)) {
      return { ok: false, code: 'invalid_schedule' };
    }
    if ([...waves.map((w) => w.at), ...(until === undefined ? [] : [until])].some((t) => t <= this.now)) {
      return { ok: false, code: 'invalid_schedule' };
    }
    const at = { sku: input.sku, warehouse: input.warehouse };
    if (this.applyAll([moves.lock(at, input.qty)], input.reason)) {
      // Refused when S < q, and also when the units are not physically free (invariant 2).
      const sellable = sellableOf(this.positions.get(positionKey(at.sku, at.warehouse)) ?? EMPTY);
      return {
        ok: false,
        code: 'insufficient_stock',
        details: { ...at, requested: input.qty, sellable },
      };
    }
    const lock: ModelLock = {
      lockId: '',
      sku: input.sku,
      warehouse: input.warehouse,
      reason: input.reason,
      qty: input.qty,
      locked: input.qty,
      until: until ?? null,
      createdAt: this.now,
      releasedAt: null,
      waves: waves.map((w, i) => ({ wave: i + 1, at: w.at, qty: w.qty, released: 0, releasedAt: null })),
    };
    this.locks.push(lock);
    return { ok: true, value: { lock, position: this.view(input.sku, input.warehouse) } };
  }

  /** Takes units off a lock; once nothing is left, the waves still ahead are done, releasing 0. */
  private unlockUnits(lock: ModelLock, qty: number, reason: string): void {
    if (qty <= 0) return;
    this.applyCertain([moves.unlock({ sku: lock.sku, warehouse: lock.warehouse }, qty)], reason);
    lock.locked -= qty;
    if (lock.locked === 0) {
      lock.releasedAt = this.now;
      for (const w of lock.waves) if (w.releasedAt === null) w.releasedAt = this.now;
    }
  }

  /** Unlocks qty units by hand, or (qty undefined) all still locked. */
  unlock(
    lock: ModelLock | undefined,
    qty: number | undefined,
  ): Expected<{ unlocked: number; lock: ModelLock; position: PositionView }> {
    if (!lock) return { ok: false, code: 'unknown_lock' };
    if (qty === undefined && lock.locked === 0) return { ok: false, code: 'invalid_state' };
    const take = qty ?? lock.locked;
    if (take > lock.locked) return { ok: false, code: 'exceeds_locked' };
    this.unlockUnits(lock, take, 'unlocked');
    return {
      ok: true,
      value: { unlocked: take, lock, position: this.view(lock.sku, lock.warehouse) },
    };
  }

  /**
   * The service's own release pass: every wave that has come due releases its qty (or what is
   * still locked, if less), in wave order, and at until whatever is left; locks in creation order.
   */
  releaseDueLocks(): LockRelease[] {
    const releases: LockRelease[] = [];
    const due = this.locks.filter(
      (l) =>
        l.releasedAt === null &&
        ((l.until !== null && l.until <= this.now) ||
          l.waves.some((w) => w.releasedAt === null && w.at <= this.now)),
    );
    for (const lock of due) {
      for (const wave of lock.waves) {
        if (wave.releasedAt !== null || wave.at > this.now) continue;
        const take = Math.min(wave.qty, lock.locked);
        const reason = `wave ${wave.wave} of ${lock.waves.length}`;
        this.unlockUnits(lock, take, reason);
        wave.released = take;
        wave.releasedAt = this.now;
        if (take > 0)
          releases.push({ lockId: lock.lockId, sku: lock.sku, warehouse: lock.warehouse, qty: take, reason });
      }
      if (lock.until !== null && lock.until <= this.now) {
        const take = lock.locked;
        this.unlockUnits(lock, take, 'lock expired');
        for (const w of lock.waves) if (w.releasedAt === null) w.releasedAt = this.now;
        if (take > 0) {
          releases.push({
            lockId: lock.lockId,
            sku: lock.sku,
            warehouse: lock.warehouse,
            qty: take,
            reason: 'lock expired',
          });
        }
      }
    }
    return releases;
  }

  // -------------------------------------------------------------------------------------------
  // Transfers

  /**
   * Plans a transfer: source T += q for every line (lines of a SKU summed), guarded like a
   * reservation, all lines or none. The same id with the same demand is a replay.
   */
  planTransfer(input: {
    transferId: string;
    from: string;
    to: string;
    lines: { sku: string; qty: number }[];
  }): Expected<{ replay: boolean; transfer: ModelTransfer }> {
    if (input.from === input.to) return { ok: false, code: 'same_warehouse' };
    const lines = mergeBySku(input.lines);
    const fingerprint = JSON.stringify([input.from, input.to, lines]);
    const existing = this.transfers.get(input.transferId);
    if (existing) {
      if (existing.fingerprint !== fingerprint) return { ok: false, code: 'idempotency_key_reused' };
      return { ok: true, value: { replay: true, transfer: existing } };
    }
    const refusal = this.applyAll(
      lines.map((l) => moves.planTransfer({ sku: l.sku, warehouse: input.from }, l.qty)),
      'transfer planned',
    );
    if (refusal) {
      return {
        ok: false,
        code: 'insufficient_stock',
        details: {
          lines: refusal.refused.map((r) => ({
            sku: r.move.sku,
            warehouse: r.move.warehouse,
            requested: r.move.qty,
            sellable: sellableOf(r.position),
          })),
        },
      };
    }
    const transfer: ModelTransfer = {
      transferId: input.transferId,
      from: input.from,
      to: input.to,
      status: 'planned',
      fingerprint,
      lines: lines.map((l) => ({
        sku: l.sku,
        planned: l.qty,
        shipped: 0,
        cancelled: 0,
        received: 0,
        damaged: 0,
        lost: 0,
        lossReason: null,
      })),
    };
    this.transfers.set(input.transferId, transfer);
    return { ok: true, value: { replay: false, transfer } };
  }

  /** Ships all that is planned and unshipped, or the listed part: the units leave the source. */
  shipTransfer(
    transferId: string,
    requested: { sku: string; qty: number }[] | undefined,
  ): Expected<{ transfer: ModelTransfer }> {
    const t = this.transfers.get(transferId);
    if (!t) return { ok: false, code: 'unknown_transfer' };
    if (t.status === 'cancelled' || t.status === 'received') return { ok: false, code: 'invalid_state' };
    const plan = requested
      ? mergeBySku(requested)
      : t.lines.filter((l) => transferOpen(l) > 0).map((l) => ({ sku: l.sku, qty: transferOpen(l) }));
    if (plan.length === 0) return { ok: false, code: 'invalid_state' };
    for (const p of plan) {
      const line = t.lines.find((l) => l.sku === p.sku);
      if (!line || p.qty > transferOpen(line)) return { ok: false, code: 'exceeds_planned' };
    }
    const refusal = this.applyAll(
      plan.map((p) => moves.shipTransfer({ sku: p.sku, warehouse: t.from }, p.qty)),
      'transfer shipped',
    );
    if (refusal) return notThere(refusal);
    for (const p of plan) {
      t.lines.find((l) => l.sku === p.sku)!.shipped += p.qty;
      this.units.transferShipped += p.qty;
    }
    t.status = statusOfTransfer(t.lines);
    return { ok: true, value: { transfer: t } };
  }

  /**
   * Books in units at the destination: received and damaged go into onHand (damaged also into
   * damaged), lost units are counted on the transfer only. At most what is in transit per SKU.
   */
  receiveTransfer(
    transferId: string,
    requested: { sku: string; received: number; damaged: number; lost: number; lossReason?: string }[],
  ): Expected<{ transfer: ModelTransfer }> {
    const merged = new Map<
      string,
      { sku: string; received: number; damaged: number; lost: number; lossReason: string | null }
    >();
    for (const r of requested) {
      const seen = merged.get(r.sku) ?? { sku: r.sku, received: 0, damaged: 0, lost: 0, lossReason: null };
      seen.received += r.received;
      seen.damaged += r.damaged;
      seen.lost += r.lost;
      seen.lossReason ??= r.lossReason ?? null;
      merged.set(r.sku, seen);
    }
    const lines = [...merged.values()].sort((a, b) => byCode(a.sku, b.sku));
    const t = this.transfers.get(transferId);
    if (!t) return { ok: false, code: 'unknown_transfer' };
    if (t.status === 'cancelled' || t.status === 'received') return { ok: false, code: 'invalid_state' };
    for (const l of lines) {
      const line = t.lines.find((x) => x.sku === l.sku);
      if (!line || l.received + l.damaged + l.lost > transferInTransit(line)) {
        return { ok: false, code: 'exceeds_in_transit' };
      }
    }
    this.applyCertain(
      lines
        .filter((l) => l.received + l.damaged > 0)
        .map((l) => moves.receiveTransfer({ sku: l.sku, warehouse: t.to }, l.received, l.damaged)),
      'transfer received',
    );
    for (const l of lines) {
      const line = t.lines.find((x) => x.sku === l.sku)!;
      line.received += l.received;
      line.damaged += l.damaged;
      line.lost += l.lost;
      if (l.lost > 0 && l.lossReason !== null) line.lossReason = l.lossReason;
      this.units.transferArrived += l.received + l.damaged;
      this.units.lost += l.lost;
    }
    t.status = statusOfTransfer(t.lines);
    return { ok: true, value: { transfer: t } };
  }

  /** Cancels what has not shipped (source T -= open); cancelling a cancelled transfer is a no-op. */
  cancelTransfer(transferId: string): Expected<{ transfer: ModelTransfer }> {
    const t = this.transfers.get(transferId);
    if (!t) return { ok: false, code: 'unknown_transfer' };
    if (t.status === 'cancelled') return { ok: true, value: { transfer: t } };
    const rest = t.lines.filter((l) => transferOpen(l) > 0);
    if (rest.length === 0) return { ok: false, code: 'invalid_state' };
    this.applyCertain(
      rest.map((l) => moves.cancelTransfer({ sku: l.sku, warehouse: t.from }, transferOpen(l))),
      'transfer cancelled',
    );
    for (const l of t.lines) l.cancelled = l.planned - l.shipped;
    t.status = statusOfTransfer(t.lines);
    return { ok: true, value: { transfer: t } };
  }

  // -------------------------------------------------------------------------------------------
  // Cycle counts (docs/counts.md)

  /** The books' onHand at a position at time `at`: now, less what was booked there since. */
  onHandAt(sku: string, warehouse: string, at: number): number {
    const key = positionKey(sku, warehouse);
    const now = this.positions.get(key)?.onHand ?? 0;
    return (this.onHandLog.get(key) ?? []).reduce((n, m) => (m.at > at ? n - m.delta : n), now);
  }

  /**
   * Opens a count: its lines are the SKUs of the scope (all: every position at the warehouse,
   * zero ones included). No SKU may be in another count at the warehouse that may still post it.
   */
  openCount(warehouse: string, scope: CountScope): Expected<{ count: ModelCount }> {
    const atWarehouse = this.snapshot()
      .filter((p) => p.warehouse === warehouse)
      .map((p) => p.sku);
    const skus =
      scope.kind === 'list'
        ? [...new Set(scope.skus)].sort(byCode)
        : scope.kind === 'all'
          ? atWarehouse
          : sampleSkus(atWarehouse, scope.size, scope.seed);
    if (skus.length === 0) return { ok: false, code: 'invalid_scope' };
    const taken = this.counts.flatMap((c) =>
      c.warehouse === warehouse
        ? c.lines.filter((l) => l.active && skus.includes(l.sku)).map((l) => ({ sku: l.sku, count: c }))
        : [],
    );
    if (taken.length > 0) {
      taken.sort((a, b) => byCode(a.sku, b.sku));
      return {
        ok: false,
        code: 'count_overlap',
        details: {
          warehouse,
          skus: taken.map((t) => t.sku),
          counts: [...new Set(taken.map((t) => t.count.countId))],
        },
      };
    }
    const count: ModelCount = {
      countId: '',
      warehouse,
      scope: scope.kind,
      status: 'open',
      createdAt: this.now,
      lines: skus.map((sku) => ({
        sku,
        counted: null,
        expected: null,
        countedAt: null,
        reason: null,
        active: true,
      })),
      figures: null,
    };
    this.counts.push(count);
    return { ok: true, value: { count } };
  }

  /** Records (or overwrites) what was counted; expected is the books' onHand at countedAt. */
  recordCount(
    count: ModelCount | undefined,
    lines: { sku: string; counted: number; countedAt: number | undefined }[],
  ): Expected<{ count: ModelCount }> {
    if (!count) return { ok: false, code: 'unknown_count' };
    if (count.status !== 'open') return { ok: false, code: 'invalid_state' };
    const outside = lines.filter((l) => !count.lines.some((x) => x.sku === l.sku)).map((l) => l.sku);
    if (outside.length > 0) {
      return {
        ok: false,
        code: 'sku_not_in_count',
        details: { countId: count.countId, skus: outside.sort(byCode) },
      };
    }
    for (const l of lines) {
      const line = count.lines.find((x) => x.sku === l.sku)!;
      const at = l.countedAt ?? this.now;
      line.counted = l.counted;
      line.expected = this.onHandAt(l.sku, count.warehouse, at);
      line.countedAt = at;
    }
    return { ok: true, value: { count } };
  }

  /** Fixes the figures; uncounted lines are refused, or left out with skipUncounted. */
  closeCount(count: ModelCount | undefined, skipUncounted: boolean): Expected<{ count: ModelCount }> {
    if (!count) return { ok: false, code: 'unknown_count' };
    if (count.status !== 'open') return { ok: false, code: 'invalid_state' };
    const counted = count.lines.filter((l) => l.counted !== null);
    const uncounted = count.lines.length - counted.length;
    if (counted.length === 0 || (uncounted > 0 && !skipUncounted)) {
      return { ok: false, code: 'count_incomplete' };
    }
    const matched = counted.filter((l) => l.counted === l.expected).length;
    count.figures = {
      linesCounted: counted.length,
      linesMatched: matched,
      linesWithVariance: counted.length - matched,
      netVariance: counted.reduce((n, l) => n + l.counted! - l.expected!, 0),
      accuracy: Math.round((matched / counted.length) * 10_000) / 10_000,
    };
    count.status = 'closed';
    for (const l of count.lines) if (l.counted === null) l.active = false;
    return { ok: true, value: { count } };
  }

  /**
   * Books each non-zero variance as a `count` movement (onHand += variance, a physical fact)
   * with its reason, all or none: never onHand below zero or below the held units.
   */
  postCount(
    count: ModelCount | undefined,
    reasons: { sku: string; reason: string }[],
    defaultReason: string | undefined,
  ): Expected<{ count: ModelCount; positions: (PositionView & { sku: string })[] }> {
    if (!count) return { ok: false, code: 'unknown_count' };
    if (count.status !== 'closed') return { ok: false, code: 'invalid_state' };
    const variances = count.lines
      .filter((l) => l.counted !== null && l.counted !== l.expected)
      .map((l) => ({ sku: l.sku, variance: l.counted! - l.expected! }));
    const outside = reasons.filter((r) => !count.lines.some((l) => l.sku === r.sku)).map((r) => r.sku);
    if (outside.length > 0) return { ok: false, code: 'sku_not_in_count' };
    const reasonOf = (sku: string) => reasons.find((r) => r.sku === sku)?.reason ?? defaultReason;
    const missing = variances.filter((v) => reasonOf(v.sku) === undefined).map((v) => v.sku);
    if (missing.length > 0) {
      return { ok: false, code: 'reason_required', details: { countId: count.countId, skus: missing } };
    }
    const refused = variances.flatMap((v) => {
      const q = this.positions.get(positionKey(v.sku, count.warehouse)) ?? EMPTY;
      const after = q.onHand + v.variance;
      return after < 0 || heldOf(q) > after
        ? [{ sku: v.sku, variance: v.variance, onHand: q.onHand, held: heldOf(q) }]
        : [];
    });
    if (refused.length > 0) {
      return {
        ok: false,
        code: 'insufficient_on_hand',
        details: { countId: count.countId, warehouse: count.warehouse, lines: refused },
      };
    }
    // One movement call per reason (a movement carries one reason), reasons in SKU order.
    const groups = new Map<string, typeof variances>();
    for (const v of variances) {
      const reason = reasonOf(v.sku)!;
      groups.set(reason, [...(groups.get(reason) ?? []), v]);
    }
    for (const [reason, group] of groups) {
      this.applyCertain(
        group.map((v) => moves.countVariance({ sku: v.sku, warehouse: count.warehouse }, v.variance)),
        reason,
      );
    }
    for (const v of variances) {
      count.lines.find((l) => l.sku === v.sku)!.reason = reasonOf(v.sku)!;
      this.units.countVariance += v.variance;
    }
    for (const l of count.lines) l.active = false;
    count.status = 'posted';
    return {
      ok: true,
      value: {
        count,
        positions: variances.map((v) => ({ sku: v.sku, ...this.view(v.sku, count.warehouse) })),
      },
    };
  }

  cancelCount(count: ModelCount | undefined): Expected<{ count: ModelCount }> {
    if (!count) return { ok: false, code: 'unknown_count' };
    if (count.status !== 'open' && count.status !== 'closed') return { ok: false, code: 'invalid_state' };
    count.status = 'cancelled';
    for (const l of count.lines) l.active = false;
    return { ok: true, value: { count } };
  }
}

/** Every `k`-element subset of `items`, each in the items' order, the subsets in that order too. */
function* subsets<T>(items: readonly T[], k: number, from = 0): Generator<T[]> {
  if (k === 0) {
    yield [];
    return;
  }
  for (let i = from; i <= items.length - k; i++) {
    for (const rest of subsets(items, k - 1, i + 1)) yield [items[i]!, ...rest];
  }
}

/** Shipping units that are not physically there: 409 invalid_state, per refused line. */
function notThere(refusal: Refusal): Expected<never> {
  const lines: NotThereLine[] = refusal.refused.map(({ move, position }) => ({
    sku: move.sku,
    warehouse: move.warehouse,
    requested: move.qty,
    onHand: position.onHand,
    shippable: Math.max(0, position.onHand - heldOf(position)),
    held: {
      damaged: position.damaged,
      qcPending: position.qcPending,
      locked: position.locked,
      transferReserved: position.transferReserved,
    },
  }));
  return { ok: false, code: 'invalid_state', details: { lines } };
}
