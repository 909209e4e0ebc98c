/**
 * An alert as a sentence a manager reads ("Overstock at LON: 3,747 units, about 10 years of
 * cover at today's demand…") instead of its raw details. No React: the catalogue and the number
 * and date writers come in, so both languages and any locale go through the same code.
 */
import type { AlertWords, Messages } from './i18n.ts';

export interface AlertLike {
  kind: string;
  subject: string;
  sku?: string | null;
  warehouse?: string | null;
  details: Record<string, unknown>;
}

/** The numeric fields each kind's sentence needs; a record without them is shown raw. */
const NEEDS: Record<string, string[]> = {
  out_of_stock: ['sellable'],
  low_stock: ['sellable', 'threshold'],
  oversold: ['sellable'],
  dead_stock: ['onHand', 'daysWithoutSale'],
  overstock: ['onHand', 'coverDays', 'thresholdDays'],
  transfer_overdue: ['inTransit', 'daysInTransit', 'thresholdDays'],
  lock_expiring: ['locked', 'hoursLeft'],
  purchase_order_late: ['daysLate', 'openUnits'],
  warehouse_near_capacity: ['onHand', 'capacityUnits', 'usedPercent', 'thresholdPercent'],
  stock_ageing: ['agedUnits', 'oldestDays', 'thresholdDays'],
  standing_order_missed: ['missedInARow'],
};

/** The details as `key value` pairs: the fallback for a kind this dashboard does not know yet. */
export function rawDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');
}

export function describeAlert(
  a: AlertLike,
  m: Messages,
  fmt: { n: (v: number) => string; date: (iso: string) => string },
): string {
  const needs = NEEDS[a.kind];
  const d = a.details;
  const sentences = m.alerts.sentence as Record<string, (w: AlertWords, d: never) => string>;
  const sentence = sentences[a.kind];
  if (!needs || !sentence || needs.some((k) => typeof d[k] !== 'number')) return rawDetails(d);
  if (a.kind === 'purchase_order_late' && !Array.isArray(d.shortPositions)) return rawDetails(d);
  if (
    a.kind === 'standing_order_missed' &&
    (!Array.isArray(d.shortLines) || typeof d.missedOn !== 'string')
  ) {
    return rawDetails(d);
  }
  const words: AlertWords = {
    at: a.warehouse ?? a.subject,
    n: fmt.n,
    date: fmt.date,
    cover: (days) => m.alerts.cover(days, fmt.n),
  };
  return sentence(words, d as never);
}
