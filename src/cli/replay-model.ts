/**
 * The pure decisions of `stockroom replay`: which earlier order a cancellation invoice cancels,
 * and how much stock each warehouse is sent. No database.
 */
import { keyOf, partsOf } from '../domain/keys.ts';
import { DAY_MS } from '../domain/time.ts';
import { homeWarehouse, type Invoice } from './replay-data.ts';

const WEEK_MS = 7 * DAY_MS;

export interface BookedOrder {
  orderId: string;
  customer: string;
  at: Date;
  /** Units placed per SKU and not yet cancelled. */
  open: Map<string, number>;
}

/**
 * Placed orders by customer, for matching cancellations. The rule: a cancellation invoice
 * cancels the latest order of the same customer placed at or before it that still has, for
 * every SKU of the cancellation, at least the cancelled units placed and not yet cancelled.
 * Its units are then taken off that order, so two cancellations never take the same units.
 * No customer, or no such order (say the order was refused or trimmed for stock): unmatched.
 */
export class OrderBook {
  private readonly byCustomer = new Map<string, BookedOrder[]>();

  add(order: { orderId: string; customer: string | null; at: Date; units: ReadonlyMap<string, number> }) {
    if (!order.customer) return;
    let list = this.byCustomer.get(order.customer);
    if (!list) this.byCustomer.set(order.customer, (list = []));
    list.push({ orderId: order.orderId, customer: order.customer, at: order.at, open: new Map(order.units) });
    // Orders are added in time order, except those in flight together; keep the list sorted.
    list.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.orderId < b.orderId ? -1 : 1));
  }

  /** The order a cancellation cancels (its units are taken off it), or null. */
  match(cancellation: {
    customer: string | null;
    at: Date;
    lines: ReadonlyMap<string, number>;
  }): BookedOrder | null {
    if (!cancellation.customer) return null;
    const list = this.byCustomer.get(cancellation.customer) ?? [];
    for (let i = list.length - 1; i >= 0; i--) {
      const order = list[i]!;
      if (order.at.getTime() > cancellation.at.getTime()) continue;
      const covers = [...cancellation.lines].every(([sku, qty]) => (order.open.get(sku) ?? 0) >= qty);
      if (!covers) continue;
      for (const [sku, qty] of cancellation.lines) order.open.set(sku, order.open.get(sku)! - qty);
      return order;
    }
    return null;
  }
}

/**
 * Demand per (warehouse, SKU) and week, as the replenishment planner sees it: units of sales
 * invoices less units of cancellation invoices, booked to the home warehouse of the
 * customer's region, in the week of the invoice (weeks counted from the replay's first day).
 */
export class DemandTracker {
  private readonly weeks = new Map<string, number[]>();

  constructor(readonly startDay: number) {}

  weekOf(at: Date): number {
    return Math.floor((at.getTime() - this.startDay) / WEEK_MS);
  }

  record(invoice: Invoice): void {
    const warehouse = homeWarehouse(invoice.region);
    const week = this.weekOf(invoice.at);
    const sign = invoice.cancellation ? -1 : 1;
    for (const [sku, qty] of invoice.lines) {
      const k = keyOf(warehouse, sku);
      let list = this.weeks.get(k);
      if (!list) this.weeks.set(k, (list = []));
      list[week] = (list[week] ?? 0) + sign * qty;
    }
  }

  /** Net units demanded in weeks [fromWeek, toWeek), never below zero, per warehouse and SKU. */
  demand(fromWeek: number, toWeek: number): Map<string, Map<string, number>> {
    const out = new Map<string, Map<string, number>>();
    for (const [k, list] of this.weeks) {
      let units = 0;
      for (let w = Math.max(0, fromWeek); w < toWeek; w++) units += list[w] ?? 0;
      if (units <= 0) continue;
      const [warehouse, sku] = partsOf(k) as [string, string];
      let bySku = out.get(warehouse);
      if (!bySku) out.set(warehouse, (bySku = new Map()));
      bySku.set(sku, units);
    }
    return out;
  }
}

export interface StockPolicy {
  /** Stock aims to cover this many weeks of demand. */
  coverWeeks: number;
  /** Weekly replenishment looks at this many past weeks of demand. */
  trailingWeeks: number;
}

export const DEFAULT_STOCK_POLICY: StockPolicy = { coverWeeks: 2, trailingWeeks: 4 };

/**
 * Opening stock: what the first `coverWeeks` weeks of the replay will demand, per home
 * warehouse (a perfect forecast for the start only; afterwards the planner knows only the past).
 */
export function openingStock(
  invoices: readonly Invoice[],
  startDay: number,
  policy: StockPolicy = DEFAULT_STOCK_POLICY,
): Map<string, Map<string, number>> {
  const tracker = new DemandTracker(startDay);
  for (const invoice of invoices) {
    if (tracker.weekOf(invoice.at) >= policy.coverWeeks) break;
    tracker.record(invoice);
  }
  return tracker.demand(0, policy.coverWeeks);
}

/**
 * The weekly target of each position at the start of `week`: `coverWeeks` times the average
 * weekly demand of the past `trailingWeeks` weeks (fewer at the start), rounded up.
 */
export function weeklyTargets(
  tracker: DemandTracker,
  week: number,
  policy: StockPolicy = DEFAULT_STOCK_POLICY,
): Map<string, Map<string, number>> {
  const span = Math.min(policy.trailingWeeks, week);
  const targets = new Map<string, Map<string, number>>();
  if (span <= 0) return targets;
  for (const [warehouse, bySku] of tracker.demand(week - span, week)) {
    const out = new Map<string, number>();
    for (const [sku, units] of bySku) out.set(sku, Math.ceil((units / span) * policy.coverWeeks));
    targets.set(warehouse, out);
  }
  return targets;
}

/** Receipt lines that bring each SKU's sellable units up to its target (never down). */
export function topUpLines(
  targets: ReadonlyMap<string, number>,
  sellable: ReadonlyMap<string, number>,
): { sku: string; qty: number }[] {
  const lines = [];
  for (const [sku, target] of targets) {
    const qty = target - Math.max(0, sellable.get(sku) ?? 0);
    if (qty > 0) lines.push({ sku, qty });
  }
  return lines.sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
}

/**
 * What ships of an order with a partial cancellation pending: each allocation less the
 * cancelled units of its SKU (taken from the last allocations of that SKU first).
 */
export function shipAfterCancel(
  allocations: readonly { sku: string; warehouse: string; qty: number }[],
  cancelled: ReadonlyMap<string, number>,
): { sku: string; warehouse: string; qty: number }[] {
  const left = new Map(cancelled);
  const out: { sku: string; warehouse: string; qty: number }[] = [];
  for (const a of [...allocations].reverse()) {
    const take = Math.min(a.qty, left.get(a.sku) ?? 0);
    left.set(a.sku, (left.get(a.sku) ?? 0) - take);
    if (a.qty - take > 0) out.push({ sku: a.sku, warehouse: a.warehouse, qty: a.qty - take });
  }
  return out.reverse();
}
