/** Which cached queries an event from the stream makes stale. */
import type { WebhookEvent } from '@stockroom/client';
import { formatUnits } from './format.ts';
import { WORDS, type WordsMessages } from './i18n-words.ts';

/** The feed's words in the chosen language, and the names of alert kinds (English by default). */
export interface FeedWords {
  live: WordsMessages['live'];
  kinds?: Record<string, string>;
}
const EN_FEED: FeedWords = { live: WORDS.en.live };

/**
 * An event of /v1/events/stream: the envelope of the API's Event schema. `type` and `data` are
 * read defensively, as a server newer than this page may send kinds it does not know yet.
 */
export type LiveEvent = Pick<WebhookEvent, 'id' | 'seq' | 'stream' | 'at'> & {
  type: string;
  data: Record<string, unknown>;
};

export type QueryKey = readonly unknown[];

export function queryKeysFor(e: LiveEvent): QueryKey[] {
  const keys: QueryKey[] = [['overview'], ['series']];
  const sku = typeof e.data.sku === 'string' ? e.data.sku : undefined;
  if (e.type === 'stock.changed' || e.type.startsWith('sku.')) {
    keys.push(['skus']);
    if (sku) keys.push(['sku', sku]);
  }
  if (e.type.startsWith('order.')) {
    keys.push(['orders']);
    const orderId = typeof e.data.orderId === 'string' ? e.data.orderId : undefined;
    if (orderId) keys.push(['order', orderId]);
  }
  if (e.type.startsWith('transfer.')) keys.push(['transfers'], ['skus']);
  if (e.type.startsWith('alert.')) keys.push(['alerts'], ['skus']);
  if (e.type.startsWith('purchase_order.')) {
    // An order changes its lines' incoming and what replenishment suggests.
    keys.push(['purchase-orders'], ['replenishment']);
    const lines = Array.isArray(e.data.lines) ? (e.data.lines as { sku?: unknown }[]) : [];
    for (const l of lines) if (typeof l.sku === 'string') keys.push(['sku', l.sku]);
  }
  return keys;
}

/**
 * Coalesces live refreshes: query keys asked for are gathered, and each is refreshed at most
 * once per `intervalMs`, whatever the event rate (a bulk load writes thousands of events a
 * second; refetching per event would send thousands of requests). The first key after a quiet
 * spell goes at once; the rest wait for the interval's end and go together, each once.
 */
export function createRefreshCoalescer(
  refresh: (keys: QueryKey[]) => void,
  intervalMs = 1000,
  // Wrapped: a browser's setTimeout called as a method of another object throws "Illegal invocation".
  timers: { set: typeof setTimeout; clear: typeof clearTimeout } = {
    set: ((fn: () => void, ms: number) => setTimeout(fn, ms)) as typeof setTimeout,
    clear: (t) => clearTimeout(t),
  },
): { add(keys: QueryKey[]): void; stop(): void } {
  const pending = new Map<string, QueryKey>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    if (pending.size === 0) return;
    const keys = [...pending.values()];
    pending.clear();
    refresh(keys);
    timer = timers.set(flush, intervalMs); // nothing more for one interval
  };
  return {
    add(keys) {
      for (const k of keys) pending.set(JSON.stringify(k), k);
      if (timer === null) flush();
    },
    stop() {
      if (timer !== null) timers.clear(timer);
      timer = null;
      pending.clear();
    },
  };
}

/** A line of the activity feed: an event, or a run of events of one kind (a bulk load's). */
export interface FeedEntry {
  event: LiveEvent;
  /** How many events of this kind came in a row; `event` is the latest. */
  count: number;
}

/**
 * Kinds that come in thousands when stock is loaded in bulk (the demo writes 2,000 back-in-stock
 * announcements): a run of them is one line with a count, so the feed keeps the orders,
 * transfers and alerts a manager reads it for.
 */
const RUN_KINDS = new Set(['stock.changed', 'sku.back_in_stock', 'sku.out_of_stock']);

export function addToFeed(feed: readonly FeedEntry[], event: LiveEvent, max: number): FeedEntry[] {
  const head = feed[0];
  if (head && head.event.type === event.type && RUN_KINDS.has(event.type)) {
    return [{ event, count: head.count + 1 }, ...feed.slice(1)];
  }
  return [{ event, count: 1 }, ...feed].slice(0, max);
}

export function describeFeedEntry(f: FeedEntry, locale?: string, words: FeedWords = EN_FEED): string {
  if (f.count === 1) return describeEvent(f.event, locale, words);
  const n = formatUnits(f.count, locale);
  const latest = describeEvent(f.event, locale, words);
  switch (f.event.type) {
    case 'sku.back_in_stock':
      return words.live.runBackInStock(n, latest);
    case 'sku.out_of_stock':
      return words.live.runOutOfStock(n, latest);
    default:
      return words.live.runStockChanged(n, latest);
  }
}

/** A short line for the activity feed. */
export function describeEvent(e: LiveEvent, locale?: string, words: FeedWords = EN_FEED): string {
  const d = e.data;
  const w = words.live;
  const s = (k: string) => (typeof d[k] === 'string' || typeof d[k] === 'number' ? String(d[k]) : '');
  switch (e.type) {
    case 'stock.changed': {
      const sellable = typeof d.sellable === 'number' ? formatUnits(d.sellable, locale) : s('sellable');
      return w.stockChanged(s('sku'), s('warehouse'), sellable);
    }
    case 'order.reserved':
    case 'order.confirmed':
    case 'order.released':
    case 'order.shipped':
      return w.order(s('orderId'), e.type.slice('order.'.length) as Parameters<typeof w.order>[1]);
    case 'alert.opened':
    case 'alert.resolved': {
      const kind = s('kind');
      return w.alert(words.kinds?.[kind] ?? kind.replace(/_/g, ' '), e.type === 'alert.opened', s('subject'));
    }
    case 'sku.out_of_stock':
      return w.outOfStock(s('sku'), s('region'));
    case 'sku.back_in_stock':
      return w.backInStock(s('sku'), s('region'));
    case 'purchase_order.created':
    case 'purchase_order.received':
    case 'purchase_order.closed':
    case 'purchase_order.cancelled':
      return w.purchaseOrder(
        s('poId'),
        e.type.slice('purchase_order.'.length) as Parameters<typeof w.purchaseOrder>[1],
        s('warehouse'),
      );
    case 'transfer.planned':
    case 'transfer.shipped':
    case 'transfer.received':
    case 'transfer.cancelled':
      return w.transfer(
        s('transferId'),
        e.type.slice('transfer.'.length) as Parameters<typeof w.transfer>[1],
      );
    default:
      return `${e.type} ${e.stream}`;
  }
}
