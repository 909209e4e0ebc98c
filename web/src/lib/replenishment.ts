/**
 * Replenishment suggestions and purchase orders of GET /v1/replenishment and /v1/purchase-orders:
 * their types, the formula behind a suggestion worked out in numbers, and the words shown for
 * a row's state. No React here.
 */
import type { Ok } from './api.ts';
import { formatDayShort, formatDecimal, formatUnits } from './format.ts';

/** A row of GET /v1/replenishment: `daysOfCover` is inventoryPosition / dailyDemand. */
export type Suggestion = Ok<'/v1/replenishment', 'get'>['items'][number];
export type PurchaseOrder = Ok<'/v1/purchase-orders/{poId}', 'get'>;
export type PoStatus = PurchaseOrder['status'];
export type PoLine = PurchaseOrder['lines'][number];
export type Supplier = Ok<'/v1/suppliers', 'get'>['items'][number];

export type Tone = 'bad' | 'warn' | 'good' | 'info' | 'plain';

/** The state of a suggestion in a few words, and how loud to show it. */
export function suggestionState(s: Suggestion): { label: string; tone: Tone } {
  if (s.forecastPending)
    return s.suggestedQty > 0
      ? { label: 'forecast pending: covers what is owed only', tone: 'warn' }
      : { label: 'forecast pending', tone: 'info' };
  if (s.inventoryPosition < 0) return { label: 'owed to customers', tone: 'bad' };
  if (s.needed) return { label: 'order now', tone: 'bad' };
  if (s.reorderInDays !== null && s.reorderInDays <= 7) return { label: 'order soon', tone: 'warn' };
  if (s.reorderPoint === 0 && s.orderUpTo === 0) return { label: 'no demand', tone: 'plain' };
  return { label: 'enough', tone: 'good' };
}

/** "today", "tomorrow", "19 Dec (in 23 days)"; "–" when the forecast says it never comes. */
export function describeReorderBy(
  s: Pick<Suggestion, 'reorderBy' | 'reorderInDays'>,
  locale?: string,
): string {
  if (s.reorderBy === null || s.reorderInDays === null) return '–';
  if (s.reorderInDays <= 0) return 'today';
  if (s.reorderInDays === 1) return 'tomorrow';
  return `${formatDayShort(s.reorderBy, locale)} (in ${formatUnits(s.reorderInDays, locale)} days)`;
}

/** Days of cover: "4.5 days" under ten, whole days above, "over a year" beyond 365. */
export function describeCover(days: number | null, locale?: string): string {
  if (days === null) return '–';
  if (days <= 0) return 'none';
  if (days > 365) return 'over a year';
  return `${days < 10 ? formatDecimal(days, locale) : formatUnits(days, locale)} days`;
}

/**
 * The formula of docs/purchasing.md in this row's numbers, one line a step, for a purchaser
 * to check a suggestion by hand.
 */
export function explainSuggestion(s: Suggestion, locale?: string): string[] {
  const n = (v: number) => formatUnits(v, locale);
  const st = s.stock;
  const L = s.policy.leadTimeDays;
  const R = s.policy.reviewPeriodDays;
  // Slow movers sell hundredths of a unit a day: keep the figure the server gives.
  const perDay = (v: number) => v.toLocaleString(locale, { maximumFractionDigits: 3 });
  const lines = [
    `Inventory position ${n(s.inventoryPosition)} = on hand ${n(st.onHand)} − unsellable ${n(st.unsellable)} − reserved ${n(st.reserved)} − transfer-reserved ${n(st.transferReserved)} + inbound transfers ${n(st.inboundTransfers)} + incoming ${n(st.incoming)}.`,
  ];
  if (s.forecastPending || !s.forecast) {
    lines.push(
      'No forecast yet (the server computes it in the background): the suggestion covers only what is owed to customers.',
    );
  } else {
    lines.push(
      `Demand: ${perDay(s.dailyDemand)} a day on average over the next ${n(s.coverWindowDays)} days (lead time + review period); over the lead time of ${n(L)} days ${n(s.leadTimeDemand)}.`,
      s.reorderPoint === 0 && s.orderUpTo === 0
        ? 'No safety stock: the forecast expects under half a unit in the next four weeks, so nothing is held for it.'
        : `Safety stock ${n(s.safetyStock)} covers ${formatDecimal(s.policy.serviceLevel * 100, locale)}% of the forecast's misses over ${n(L)} + ${n(R)} days (lead time + review period), judged from its past errors (a day's error typically ${formatDecimal(s.forecast.dailyErrorSd, locale)}).`,
      s.reorderPoint < s.leadTimeDemand + s.safetyStock - 0.01
        ? `Reorder point ${n(s.reorderPoint)} = the demand over ${n(L + R)} days: lead-time demand + safety stock would be more, but a position that covers the whole interval is never due; order-up-to ${n(s.orderUpTo)} = demand over ${n(L + R)} days + safety stock.`
        : `Reorder point ${n(s.reorderPoint)} = lead-time demand + safety stock; order-up-to ${n(s.orderUpTo)} = demand over ${n(L + R)} days (lead time + review period) + safety stock.`,
    );
    if (s.daysOfCover !== null) {
      lines.push(
        `Cover ${formatDecimal(s.daysOfCover, locale)} days = inventory position ${n(s.inventoryPosition)} ÷ ${perDay(s.dailyDemand)} a day.`,
      );
    }
  }
  if (s.suggestedQty > 0) {
    const rounding = [
      s.policy.packSize > 1 ? `rounded up to packs of ${n(s.policy.packSize)}` : null,
      s.policy.minOrder > 0 ? `at least ${n(s.policy.minOrder)}` : null,
    ].filter(Boolean);
    lines.push(
      `Suggested ${n(s.suggestedQty)} = order-up-to ${n(s.orderUpTo)} − inventory position ${n(s.inventoryPosition)}${rounding.length ? `, ${rounding.join(', ')}` : ''}.`,
    );
  } else if (!s.needed) {
    lines.push(`Nothing to order: the inventory position is above the reorder point.`);
  }
  return lines;
}

export const PO_STATUS_LABEL: Record<PoStatus, string> = {
  open: 'open',
  partially_received: 'partly received',
  received: 'received',
  closed: 'closed',
  cancelled: 'cancelled',
};
export const PO_STATUS_TONE: Record<PoStatus, Tone> = {
  open: 'info',
  partially_received: 'warn',
  received: 'good',
  closed: 'plain',
  cancelled: 'plain',
};

export function poTotals(po: Pick<PurchaseOrder, 'lines'>): {
  ordered: number;
  received: number;
  open: number;
  value: number | null;
} {
  let ordered = 0;
  let received = 0;
  let open = 0;
  let value: number | null = 0;
  for (const l of po.lines) {
    ordered += l.ordered;
    received += l.received;
    open += l.open;
    value = l.unitCost === null || value === null ? null : value + l.unitCost * l.ordered;
  }
  return { ordered, received, open, value };
}

export function isActive(po: Pick<PurchaseOrder, 'status'>): boolean {
  return po.status === 'open' || po.status === 'partially_received';
}

/** A receipt's sentence: "Receive 5 × MUG, 2 × TEE (for inspection) into LON against po_1." */
export function describeReceipt(
  po: Pick<PurchaseOrder, 'poId' | 'warehouse'>,
  lines: { sku: string; qty: number; inspect?: boolean }[],
  locale?: string,
): string {
  const parts = lines.map(
    (l) => `${formatUnits(l.qty, locale)} × ${l.sku}${l.inspect ? ' (held for inspection)' : ''}`,
  );
  return `Receive ${parts.join(', ')} into ${po.warehouse} against ${po.poId}.`;
}

/** The file name for a CSV download of suggestions: replenishment-LON-GIFTCO-2026-11-26.csv */
export function csvFileName(filter: { warehouse?: string; supplier?: string }, today: Date): string {
  const parts = ['replenishment', filter.warehouse, filter.supplier, today.toISOString().slice(0, 10)];
  return `${parts.filter(Boolean).join('-')}.csv`;
}
