/**
 * Replenishment suggestions and purchase orders of GET /v1/replenishment and /v1/purchase-orders:
 * their types, the formula behind a suggestion worked out in numbers, and the words shown for
 * a row's state. No React here.
 */
import type { Ok } from './api.ts';
import { formatDayShort, formatDecimal, formatUnits } from './format.ts';
import { WORDS, type WordsMessages } from './i18n-words.ts';

/** A suggestion's words in the chosen language (English when none is given). */
type ReorderWords = WordsMessages['reorder'];
type ExplainWords = WordsMessages['explain'];

/** A row of GET /v1/replenishment: `daysOfCover` is inventoryPosition / dailyDemand. */
export type Suggestion = Ok<'/v1/replenishment', 'get'>['items'][number];
export type PurchaseOrder = Ok<'/v1/purchase-orders/{poId}', 'get'>;
export type PoStatus = PurchaseOrder['status'];
export type PoLine = PurchaseOrder['lines'][number];
export type Supplier = Ok<'/v1/suppliers', 'get'>['items'][number];

export type Tone = 'bad' | 'warn' | 'good' | 'info' | 'plain';

/** The state of a suggestion in a few words, and how loud to show it. */
export function suggestionState(
  s: Suggestion,
  words: ReorderWords = WORDS.en.reorder,
): { label: string; tone: Tone } {
  if (s.forecastPending)
    return s.suggestedQty > 0
      ? { label: words.pendingOwed, tone: 'warn' }
      : { label: words.pending, tone: 'info' };
  if (s.inventoryPosition < 0) return { label: words.owed, tone: 'bad' };
  if (s.needed) return { label: words.orderNow, tone: 'bad' };
  if (s.reorderInDays !== null && s.reorderInDays <= 7) return { label: words.orderSoon, tone: 'warn' };
  if (s.reorderPoint === 0 && s.orderUpTo === 0) return { label: words.noDemand, tone: 'plain' };
  return { label: words.enough, tone: 'good' };
}

/** "today", "tomorrow", "19 Dec (in 23 days)"; "–" when the forecast says it never comes. */
export function describeReorderBy(
  s: Pick<Suggestion, 'reorderBy' | 'reorderInDays'>,
  locale?: string,
  words: ReorderWords = WORDS.en.reorder,
): string {
  if (s.reorderBy === null || s.reorderInDays === null) return '–';
  if (s.reorderInDays <= 0) return words.today;
  if (s.reorderInDays === 1) return words.tomorrow;
  return words.by(formatDayShort(s.reorderBy, locale), s.reorderInDays, formatUnits(s.reorderInDays, locale));
}

/** Days of cover: "4.5 days" under ten, whole days above, "over a year" beyond 365. */
export function describeCover(
  days: number | null,
  locale?: string,
  words: ReorderWords = WORDS.en.reorder,
): string {
  if (days === null) return '–';
  if (days <= 0) return words.noCover;
  if (days > 365) return words.overAYear;
  return words.cover(days, days < 10 ? formatDecimal(days, locale) : formatUnits(days, locale));
}

/**
 * The formula of docs/purchasing.md in this row's numbers, one line a step, for a purchaser
 * to check a suggestion by hand.
 */
export function explainSuggestion(
  s: Suggestion,
  locale?: string,
  words: ExplainWords = WORDS.en.explain,
): string[] {
  const n = (v: number) => formatUnits(v, locale);
  const st = s.stock;
  const L = s.policy.leadTimeDays;
  const R = s.policy.reviewPeriodDays;
  // Slow movers sell hundredths of a unit a day: keep the figure the server gives.
  const perDay = (v: number) => v.toLocaleString(locale, { maximumFractionDigits: 3 });
  const lines = [
    words.position({
      position: n(s.inventoryPosition),
      onHand: n(st.onHand),
      unsellable: n(st.unsellable),
      reserved: n(st.reserved),
      transferReserved: n(st.transferReserved),
      inbound: n(st.inboundTransfers),
      incoming: n(st.incoming),
    }),
  ];
  if (s.forecastPending || !s.forecast) {
    lines.push(words.noForecast);
  } else {
    lines.push(
      words.demand(perDay(s.dailyDemand), n(s.coverWindowDays), n(L), n(s.leadTimeDemand)),
      s.reorderPoint === 0 && s.orderUpTo === 0
        ? words.noSafety
        : words.safety(
            n(s.safetyStock),
            formatDecimal(s.policy.serviceLevel * 100, locale),
            n(L),
            n(R),
            formatDecimal(s.forecast.dailyErrorSd, locale),
          ),
      s.reorderPoint < s.leadTimeDemand + s.safetyStock - 0.01
        ? words.reorderCapped(n(s.reorderPoint), n(L + R), n(s.orderUpTo))
        : words.reorder(n(s.reorderPoint), n(s.orderUpTo), n(L + R)),
    );
    if (s.daysOfCover !== null) {
      lines.push(
        words.cover(formatDecimal(s.daysOfCover, locale), n(s.inventoryPosition), perDay(s.dailyDemand)),
      );
    }
  }
  if (s.suggestedQty > 0) {
    const rounding = [
      s.policy.packSize > 1 ? words.packs(n(s.policy.packSize)) : null,
      s.policy.minOrder > 0 ? words.atLeast(n(s.policy.minOrder)) : null,
    ].filter((r): r is string => r !== null);
    lines.push(words.suggested(n(s.suggestedQty), n(s.orderUpTo), n(s.inventoryPosition), rounding));
  } else if (!s.needed) {
    lines.push(words.nothing);
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
