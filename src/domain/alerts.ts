/**
 * Alert rules, pure: which thresholds apply to a SKU at a warehouse, which conditions hold for
 * a position, a transfer or a lock, and what to open and resolve given the alerts already
 * active. No I/O: src/app/alerts.ts reads the facts and writes the outcome.
 */
import { assert } from './assert.ts';
import { keyOf } from './keys.ts';
import { DAY_MS, HOUR_MS } from './time.ts';

export const ALERT_KINDS = [
  'low_stock',
  'out_of_stock',
  'oversold',
  'dead_stock',
  'overstock',
  'transfer_overdue',
  'lock_expiring',
  'purchase_order_late',
  'warehouse_near_capacity',
  'stock_ageing',
  'standing_order_missed',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** The kinds about one stock position (subject `SKU@WAREHOUSE`). */
export const POSITION_KINDS: readonly AlertKind[] = [
  'low_stock',
  'out_of_stock',
  'oversold',
  'dead_stock',
  'overstock',
];

export interface Thresholds {
  /** Low stock when 0 < sellable <= this (unless a reorder point is set). */
  lowStockThreshold: number;
  /** When set, replaces lowStockThreshold: low stock when 0 < sellable <= reorderPoint. */
  reorderPoint: number | null;
  /** Dead stock: onHand > 0 and no sale (reserve movement) for this many days. */
  deadStockDays: number;
  /** Overstock: more than this many days of cover at the last 30 days' average demand. */
  overstockDays: number;
  /** A shipped transfer not fully received after this many days. */
  transferOverdueDays: number;
  /** A lock whose `until` is within this many hours. */
  lockExpiringHours: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  lowStockThreshold: 5,
  reorderPoint: null,
  deadStockDays: 90,
  overstockDays: 180,
  transferOverdueDays: 7,
  lockExpiringHours: 24,
};

/** Demand is averaged over this window for overstock. */
export const DEMAND_WINDOW_DAYS = 30;

export type RuleValues = { [K in keyof Thresholds]?: number | null };

export interface ScopedRule extends RuleValues {
  sku: string | null;
  warehouse: string | null;
}

/** How specific a rule's scope is: position > SKU > warehouse > defaults. */
const specificity = (r: ScopedRule) => (r.sku !== null ? 2 : 0) + (r.warehouse !== null ? 1 : 0);

/**
 * The thresholds for a SKU at a warehouse (either may be null, e.g. a transfer has no SKU):
 * field by field, the most specific rule that sets a value wins, then the built-in default.
 */
export function resolveThresholds(
  rules: readonly ScopedRule[],
  sku: string | null,
  warehouse: string | null,
): Thresholds {
  const applicable = rules
    .filter((r) => (r.sku === null || r.sku === sku) && (r.warehouse === null || r.warehouse === warehouse))
    .sort((a, b) => specificity(b) - specificity(a));
  const out: Thresholds = { ...DEFAULT_THRESHOLDS };
  for (const key of Object.keys(DEFAULT_THRESHOLDS) as (keyof Thresholds)[]) {
    const rule = applicable.find((r) => r[key] !== undefined && r[key] !== null);
    if (rule) (out as unknown as Record<string, number>)[key] = rule[key] as number;
  }
  return out;
}

export interface Condition {
  kind: AlertKind;
  subject: string;
  sku: string | null;
  warehouse: string | null;
  details: Record<string, unknown>;
}

export interface PositionFacts {
  sku: string;
  warehouse: string;
  onHand: number;
  sellable: number;
  /** An oversold record of this position is still unresolved. */
  openOversold: boolean;
  /** The last reserve movement, or null if the position never sold. */
  lastSaleAt: Date | null;
  /** The position's first movement: the clock for dead stock when it never sold. */
  firstMovementAt: Date | null;
  /** Units reserved over the last DEMAND_WINDOW_DAYS days. */
  demandUnits: number;
}

export const positionSubject = (sku: string, warehouse: string) => `${sku}@${warehouse}`;

/** The conditions that hold for a position now. Out of stock supersedes low stock. */
export function positionConditions(p: PositionFacts, t: Thresholds, now: Date): Condition[] {
  assert(Number.isInteger(p.onHand) && p.onHand >= 0, () => `onHand must be >= 0, got ${p.onHand}`);
  const base = { subject: positionSubject(p.sku, p.warehouse), sku: p.sku, warehouse: p.warehouse };
  const out: Condition[] = [];
  const low = t.reorderPoint ?? t.lowStockThreshold;
  if (p.sellable <= 0) {
    out.push({ ...base, kind: 'out_of_stock', details: { sellable: p.sellable } });
  } else if (p.sellable <= low) {
    out.push({
      ...base,
      kind: 'low_stock',
      details: {
        sellable: p.sellable,
        threshold: low,
        basis: t.reorderPoint !== null ? 'reorder_point' : 'threshold',
      },
    });
  }
  if (p.openOversold) out.push({ ...base, kind: 'oversold', details: { sellable: p.sellable } });
  const since = p.lastSaleAt ?? p.firstMovementAt;
  if (p.onHand > 0 && since !== null) {
    const idleDays = Math.floor((now.getTime() - since.getTime()) / DAY_MS);
    if (idleDays >= t.deadStockDays) {
      out.push({
        ...base,
        kind: 'dead_stock',
        details: {
          onHand: p.onHand,
          lastSaleAt: p.lastSaleAt?.toISOString() ?? null,
          daysWithoutSale: idleDays,
          thresholdDays: t.deadStockDays,
        },
      });
    }
  }
  // No demand at all is dead stock's concern, not an infinite cover.
  if (p.onHand > 0 && p.demandUnits > 0) {
    const dailyDemand = p.demandUnits / DEMAND_WINDOW_DAYS;
    const coverDays = p.onHand / dailyDemand;
    if (coverDays > t.overstockDays) {
      out.push({
        ...base,
        kind: 'overstock',
        details: {
          onHand: p.onHand,
          dailyDemand: Math.round(dailyDemand * 1000) / 1000,
          coverDays: Math.round(coverDays),
          thresholdDays: t.overstockDays,
        },
      });
    }
  }
  return out;
}

export interface TransferFacts {
  transferId: string;
  from: string;
  to: string;
  /** When the first units left the source. */
  firstShippedAt: Date;
  inTransit: number;
}

export function transferConditions(tr: TransferFacts, t: Thresholds, now: Date): Condition[] {
  if (tr.inTransit <= 0) return [];
  const days = Math.floor((now.getTime() - tr.firstShippedAt.getTime()) / DAY_MS);
  if (days < t.transferOverdueDays) return [];
  return [
    {
      kind: 'transfer_overdue',
      subject: `transfer:${tr.transferId}`,
      sku: null,
      warehouse: tr.to,
      details: {
        transferId: tr.transferId,
        from: tr.from,
        to: tr.to,
        shippedAt: tr.firstShippedAt.toISOString(),
        inTransit: tr.inTransit,
        daysInTransit: days,
        thresholdDays: t.transferOverdueDays,
      },
    },
  ];
}

export interface LockFacts {
  lockId: string;
  sku: string;
  warehouse: string;
  locked: number;
  until: Date;
}

export function lockConditions(l: LockFacts, t: Thresholds, now: Date): Condition[] {
  const leftMs = l.until.getTime() - now.getTime();
  if (l.locked <= 0 || leftMs > t.lockExpiringHours * HOUR_MS) return [];
  return [
    {
      kind: 'lock_expiring',
      subject: `lock:${l.lockId}`,
      sku: l.sku,
      warehouse: l.warehouse,
      details: {
        lockId: l.lockId,
        locked: l.locked,
        until: l.until.toISOString(),
        hoursLeft: Math.max(0, Math.round((leftMs / HOUR_MS) * 10) / 10),
        thresholdHours: t.lockExpiringHours,
      },
    },
  ];
}

/** Contingency kinds (evaluated by the sweep): their settings are the warehouse's. */
export const DEFAULT_CAPACITY_ALERT_PERCENT = 90;
export const DEFAULT_AGEING_ALERT_DAYS = 180;

export interface PurchaseOrderFacts {
  poId: string;
  supplier: string;
  warehouse: string;
  expectedAt: Date;
  /** Its lines still open, with the sellable units of their position now. */
  lines: { sku: string; open: number; sellable: number }[];
}

/**
 * Late: past its expected time with units still open. The positions it leaves short are the
 * lines whose position cannot cover the units still expected (sellable < open), the ones a
 * buyer chases first.
 */
export function lateOrderConditions(po: PurchaseOrderFacts, now: Date): Condition[] {
  const open = po.lines.filter((l) => l.open > 0);
  if (open.length === 0 || now.getTime() <= po.expectedAt.getTime()) return [];
  return [
    {
      kind: 'purchase_order_late',
      subject: `po:${po.poId}`,
      sku: null,
      warehouse: po.warehouse,
      details: {
        poId: po.poId,
        supplier: po.supplier,
        expectedAt: po.expectedAt.toISOString(),
        daysLate: Math.floor((now.getTime() - po.expectedAt.getTime()) / DAY_MS),
        openUnits: open.reduce((sum, l) => sum + l.open, 0),
        shortPositions: open
          .filter((l) => l.sellable < l.open)
          .map((l) => ({ sku: l.sku, warehouse: po.warehouse, open: l.open, sellable: l.sellable })),
      },
    },
  ];
}

export interface WarehouseLoad {
  warehouse: string;
  onHand: number;
  capacityUnits: number | null;
  /** Litres on hand: each SKU's units x its volume (SKUs without a volume count 0). */
  volumeLitres?: number | undefined;
  capacityLitres?: number | null | undefined;
  /** SKUs on hand here with no volume known: the volume figure leaves them out. */
  skusWithoutVolume?: number | undefined;
  capacityAlertPercent: number | null;
}

const percentOf = (used: number, capacity: number) => Math.round((used / capacity) * 1000) / 10;

/**
 * Near capacity: on hand at or above the alert percent of its capacity in units, or the litres
 * on hand at or above that percent of its capacity in litres (unwatched without either). One
 * alert per warehouse, naming each measure that is over (`over`) and the figures of both.
 */
export function capacityConditions(w: WarehouseLoad): Condition[] {
  const percent = w.capacityAlertPercent ?? DEFAULT_CAPACITY_ALERT_PERCENT;
  const units = w.capacityUnits !== null && w.capacityUnits > 0 ? w.capacityUnits : null;
  const litres = w.capacityLitres != null && w.capacityLitres > 0 ? w.capacityLitres : null;
  const volume = w.volumeLitres ?? 0;
  const over: ('units' | 'volume')[] = [];
  if (units !== null && w.onHand * 100 >= units * percent) over.push('units');
  if (litres !== null && volume * 100 >= litres * percent) over.push('volume');
  if (over.length === 0) return [];
  return [
    {
      kind: 'warehouse_near_capacity',
      subject: `warehouse:${w.warehouse}`,
      sku: null,
      warehouse: w.warehouse,
      details: {
        over,
        onHand: w.onHand,
        capacityUnits: units,
        usedPercent: units === null ? null : percentOf(w.onHand, units),
        ...(litres !== null && {
          volumeLitres: Math.round(volume * 1000) / 1000,
          capacityLitres: litres,
          usedVolumePercent: percentOf(volume, litres),
          skusWithoutVolume: w.skusWithoutVolume ?? 0,
        }),
        thresholdPercent: percent,
      },
    },
  ];
}

export interface AgeingFacts {
  sku: string;
  warehouse: string;
  /** The position's FIFO layers on hand: units and when they arrived. */
  layers: { at: Date; units: number }[];
  ageingAlertDays: number | null;
}

/** Ageing: units on hand that arrived more than the warehouse's ageing days ago. */
export function ageingConditions(p: AgeingFacts, now: Date): Condition[] {
  const days = p.ageingAlertDays ?? DEFAULT_AGEING_ALERT_DAYS;
  const ageOf = (at: Date) => Math.floor((now.getTime() - at.getTime()) / DAY_MS);
  const old = p.layers.filter((l) => ageOf(l.at) > days);
  if (old.length === 0) return [];
  return [
    {
      kind: 'stock_ageing',
      subject: positionSubject(p.sku, p.warehouse),
      sku: p.sku,
      warehouse: p.warehouse,
      details: {
        agedUnits: old.reduce((sum, l) => sum + l.units, 0),
        oldestDays: Math.max(...old.map((l) => ageOf(l.at))),
        thresholdDays: days,
      },
    },
  ];
}

export interface StandingOrderFacts {
  id: string;
  customer: string;
  warehouse: string;
  /** The first delivery not reserved yet: missed once its day has passed, recorded or not. */
  nextDeliveryOn: string | null;
  /**
   * Its latest recorded deliveries: `released` is one reserved whose order was then released
   * without shipping it all (cancelled by hand, say), which leaves the delivery without stock.
   */
  deliveries: {
    deliveryOn: string;
    outcome: 'reserved' | 'short' | 'missed' | 'released';
    code: string | null;
  }[];
  /** Its lines, with what the warehouse can sell of each now. */
  lines: { sku: string; qty: number; sellable: number }[];
}

/**
 * Missed: a delivery's day passed without its stock reserved (the reservation was short until
 * then, or never made) or with its order released before it all shipped. Holds until a later
 * delivery is reserved: the customer is served again. One alert per standing order
 * (`standing-order:<id>`), with the latest day missed and how many in a row.
 */
export function missedDeliveryConditions(so: StandingOrderFacts, today: string): Condition[] {
  const missed = so.deliveries
    .filter((d) => d.outcome !== 'reserved' && d.deliveryOn < today)
    .map((d) => d.deliveryOn);
  if (so.nextDeliveryOn !== null && so.nextDeliveryOn < today && !missed.includes(so.nextDeliveryOn)) {
    missed.push(so.nextDeliveryOn);
  }
  const served = so.deliveries.filter((d) => d.outcome === 'reserved').map((d) => d.deliveryOn);
  const lastServed = served.reduce((a, b) => (b > a ? b : a), '');
  const streak = missed.filter((d) => d > lastServed).sort();
  const latest = streak[streak.length - 1];
  if (latest === undefined) return [];
  const record = so.deliveries.find((d) => d.deliveryOn === latest);
  return [
    {
      kind: 'standing_order_missed',
      subject: `standing-order:${so.id}`,
      sku: null,
      warehouse: so.warehouse,
      details: {
        standingOrder: so.id,
        customer: so.customer,
        missedOn: latest,
        missedInARow: streak.length,
        // What the last attempt met (insufficient_stock, ...), `released`, or null: never tried.
        reason: record?.outcome === 'released' ? 'released' : (record?.code ?? null),
        shortLines: so.lines.filter((l) => l.sellable < l.qty),
      },
    },
  ];
}

export interface ActiveAlert {
  id: string;
  kind: AlertKind;
  subject: string;
}

/**
 * Given the alerts active for what was evaluated and the conditions that hold now: a
 * condition without an active alert opens one; an active alert whose condition no longer
 * holds is resolved; anything else stays as it is (never a second alert for one condition).
 */
export function reconcile(
  active: readonly ActiveAlert[],
  holding: readonly Condition[],
): { open: Condition[]; resolve: ActiveAlert[] } {
  const key = (a: { kind: string; subject: string }) => keyOf(a.kind, a.subject);
  const activeKeys = new Set(active.map(key));
  const holdingKeys = new Set(holding.map(key));
  const seen = new Set<string>();
  const open = holding.filter((c) => {
    const k = key(c);
    if (activeKeys.has(k) || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return { open, resolve: active.filter((a) => !holdingKeys.has(key(a))) };
}
