/** The report of `stockroom replay`: counters, the figures derived from them, and the text form. */
import { DAY_MS } from '../domain/time.ts';

export interface ReplayCounters {
  invoices: { sales: number; cancellations: number };
  orders: {
    /** Sales invoices turned into placeOrder calls. */
    attempted: number;
    placedInFull: number;
    /** Refused for stock at first, then placed with the short lines trimmed to what was sellable. */
    placedInPart: number;
    /** Nothing of it could be placed. */
    refused: number;
    /** Placed orders allocated from more than one warehouse. */
    split: number;
    shipped: number;
    /** Other expected failures, by error code (none in a healthy run). */
    errors: Record<string, number>;
  };
  units: {
    demanded: number;
    placed: number;
    shipped: number;
    /** Released by cancellations before shipping. */
    released: number;
    /** Booked back in by cancellations after shipping. */
    returned: number;
    receivedOpening: number;
    receivedWeekly: number;
  };
  receipts: number;
  /** Per SKU: orders with a short line of it, and the units missing. */
  shortSkus: Map<string, { orders: number; units: number }>;
  cancellations: {
    /** Cancelled the whole order before it shipped. */
    cancelled: number;
    /** Cancelled part of an order before it shipped: the rest shipped, this part was released. */
    partlyCancelled: number;
    /** The order had shipped: booked as a return of sellable goods to the warehouse that sent them. */
    returned: number;
    unmatchedNoCustomer: number;
    unmatchedNoOrder: number;
  };
}

export function emptyCounters(): ReplayCounters {
  return {
    invoices: { sales: 0, cancellations: 0 },
    orders: {
      attempted: 0,
      placedInFull: 0,
      placedInPart: 0,
      refused: 0,
      split: 0,
      shipped: 0,
      errors: {},
    },
    units: {
      demanded: 0,
      placed: 0,
      shipped: 0,
      released: 0,
      returned: 0,
      receivedOpening: 0,
      receivedWeekly: 0,
    },
    receipts: 0,
    shortSkus: new Map(),
    cancellations: {
      cancelled: 0,
      partlyCancelled: 0,
      returned: 0,
      unmatchedNoCustomer: 0,
      unmatchedNoOrder: 0,
    },
  };
}

export interface VerifySummary {
  ok: boolean;
  positions: number;
  movements: number;
  problemCount: number;
  durationMs: number;
}

export interface ReplayReport {
  source: string;
  database: string;
  window: { first: string | null; last: string | null; days: number };
  concurrency: number;
  invoices: { total: number; sales: number; cancellations: number };
  orders: ReplayCounters['orders'] & { placed: number };
  units: ReplayCounters['units'];
  receipts: number;
  /** units: units placed / units demanded; orders: orders placed in full / orders attempted. */
  fillRate: { units: number; orders: number };
  /** Orders allocated from more than one warehouse / orders placed. */
  splitRate: number;
  stockouts: {
    /** Orders with at least one short line (refused, or placed in part). */
    orders: number;
    refused: number;
    unitsShort: number;
    topSkus: { sku: string; orders: number; units: number }[];
  };
  cancellations: ReplayCounters['cancellations'] & { matched: number; unmatched: number };
  timing: {
    setupSeconds: number;
    replaySeconds: number;
    elapsedSeconds: number;
    /** Orders placed (in full or in part) per second of the replay's wall time. */
    reservationsPerSecond: number;
  };
  verify: VerifySummary | null;
}

/** a / b, or 0 when there is nothing to divide (no orders: nothing failed, nothing filled). */
export function ratio(a: number, b: number): number {
  return b > 0 ? a / b : 0;
}

export function topShortSkus(
  short: ReadonlyMap<string, { orders: number; units: number }>,
  n = 10,
): { sku: string; orders: number; units: number }[] {
  return [...short]
    .map(([sku, s]) => ({ sku, ...s }))
    .sort((a, b) => b.orders - a.orders || b.units - a.units || (a.sku < b.sku ? -1 : 1))
    .slice(0, n);
}

export function buildReport(
  c: ReplayCounters,
  meta: {
    source: string;
    database: string;
    first: Date | null;
    last: Date | null;
    concurrency: number;
    setupMs: number;
    replayMs: number;
    elapsedMs: number;
  },
): ReplayReport {
  const placed = c.orders.placedInFull + c.orders.placedInPart;
  const matched = c.cancellations.cancelled + c.cancellations.partlyCancelled + c.cancellations.returned;
  const unmatched = c.cancellations.unmatchedNoCustomer + c.cancellations.unmatchedNoOrder;
  return {
    source: meta.source,
    database: meta.database,
    window: {
      first: meta.first?.toISOString() ?? null,
      last: meta.last?.toISOString() ?? null,
      days:
        meta.first && meta.last
          ? Math.floor(meta.last.getTime() / DAY_MS) - Math.floor(meta.first.getTime() / DAY_MS) + 1
          : 0,
    },
    concurrency: meta.concurrency,
    invoices: { total: c.invoices.sales + c.invoices.cancellations, ...c.invoices },
    orders: { ...c.orders, placed },
    units: { ...c.units },
    receipts: c.receipts,
    fillRate: {
      units: ratio(c.units.placed, c.units.demanded),
      orders: ratio(c.orders.placedInFull, c.orders.attempted),
    },
    splitRate: ratio(c.orders.split, placed),
    stockouts: {
      orders: c.orders.placedInPart + c.orders.refused,
      refused: c.orders.refused,
      unitsShort: [...c.shortSkus.values()].reduce((n, s) => n + s.units, 0),
      topSkus: topShortSkus(c.shortSkus),
    },
    cancellations: { ...c.cancellations, matched, unmatched },
    timing: {
      setupSeconds: meta.setupMs / 1000,
      replaySeconds: meta.replayMs / 1000,
      elapsedSeconds: meta.elapsedMs / 1000,
      reservationsPerSecond: ratio(placed, meta.replayMs / 1000),
    },
    verify: null,
  };
}

const n = (v: number) => v.toLocaleString('en');
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const secs = (v: number) => `${v.toFixed(1)} s`;

export function formatReplayReport(r: ReplayReport): string {
  const o = r.orders;
  const c = r.cancellations;
  const lines = [
    `replay of ${r.source} into ${r.database}`,
    `  window: ${r.window.first ?? '-'} .. ${r.window.last ?? '-'} (${n(r.window.days)} days), concurrency ${r.concurrency}`,
    `  invoices: ${n(r.invoices.total)} (${n(r.invoices.sales)} sales, ${n(r.invoices.cancellations)} cancellations)`,
    `  orders: ${n(o.attempted)} attempted: ${n(o.placed)} placed (${n(o.placedInFull)} in full, ${n(o.placedInPart)} in part), ${n(o.refused)} refused; ${n(o.shipped)} shipped`,
    `  fill rate: ${pct(r.fillRate.units)} of units (${n(r.units.placed)} placed / ${n(r.units.demanded)} demanded), ${pct(r.fillRate.orders)} of orders filled in full`,
    `  split rate: ${pct(r.splitRate)} (${n(o.split)} of ${n(o.placed)} placed orders from more than one warehouse)`,
    `  stockouts: ${n(r.stockouts.orders)} orders short of stock (${n(r.stockouts.refused)} refused outright), ${n(r.stockouts.unitsShort)} units short`,
  ];
  if (r.stockouts.topSkus.length > 0) {
    lines.push(
      `    top SKUs: ${r.stockouts.topSkus.map((s) => `${s.sku} (${n(s.orders)} orders, ${n(s.units)} units)`).join(', ')}`,
    );
  }
  lines.push(
    `  cancellations: ${n(c.matched)} matched (${n(c.cancelled)} cancelled before shipping, ${n(c.partlyCancelled)} in part before shipping, ${n(c.returned)} returned after shipping), ${n(c.unmatched)} unmatched (${n(c.unmatchedNoCustomer)} without customer, ${n(c.unmatchedNoOrder)} without a matching order)`,
    `  units: ${n(r.units.receivedOpening)} opening + ${n(r.units.receivedWeekly)} weekly received in ${n(r.receipts)} receipts; ${n(r.units.shipped)} shipped, ${n(r.units.released)} released, ${n(r.units.returned)} returned`,
    `  reservations/s: ${r.timing.reservationsPerSecond.toFixed(1)} (${n(o.placed)} orders placed in ${secs(r.timing.replaySeconds)} of replay)`,
    `  elapsed: ${secs(r.timing.elapsedSeconds)} (setup ${secs(r.timing.setupSeconds)}, replay ${secs(r.timing.replaySeconds)})`,
  );
  const errors = Object.entries(o.errors);
  if (errors.length > 0) lines.push(`  errors: ${errors.map(([k, v]) => `${k} x${v}`).join(', ')}`);
  return lines.join('\n');
}
