import { describe, expect, it, vi } from 'vitest';
import { followStream, SseParser, type SseMessage, type StreamStatus } from '../../web/src/lib/sse.ts';
import {
  addToFeed,
  createRefreshCoalescer,
  describeEvent,
  describeFeedEntry,
  queryKeysFor,
  type FeedEntry,
} from '../../web/src/lib/live.ts';

describe('SSE parsing', () => {
  it('reads events split across chunks anywhere, with CRLF, comments and multi-line data', () => {
    const text =
      'retry: 1000\n\n: keep-alive\n\nid: 7\r\nevent: stock.changed\r\ndata: {"a":\r\ndata: 1}\r\n\r\nid: 8\ndata: x\n\n';
    for (const size of [1, 2, 3, 5, 8, text.length]) {
      const parser = new SseParser();
      const out: SseMessage[] = [];
      for (let i = 0; i < text.length; i += size) out.push(...parser.push(text.slice(i, i + size)));
      expect(out).toEqual([
        { id: '7', event: 'stock.changed', data: '{"a":\n1}' },
        { id: '8', event: 'message', data: 'x' },
      ]);
      expect(parser.lastEventId).toBe('8');
      expect(parser.retryMs).toBe(1000);
    }
  });

  it('keeps the last id for a message without one, and skips a message with no data', () => {
    const parser = new SseParser();
    expect(parser.push('id: 3\nevent: x\n\ndata: y\n\n')).toEqual([{ id: '3', event: 'message', data: 'y' }]);
  });
});

/** A fetch that answers each call from a script: a status, or a body of chunks then a drop. */
function scriptedFetch(script: ({ status: number } | { chunks: string[] })[]) {
  const calls: { headers: Record<string, string> }[] = [];
  const fetchImpl = (async (_url: string, init: RequestInit) => {
    calls.push({ headers: init.headers as Record<string, string> });
    const step = script.shift();
    if (!step) throw new Error('no more script');
    if ('status' in step) return new Response(null, { status: step.status });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of step.chunks) controller.enqueue(new TextEncoder().encode(c));
        controller.close();
      },
    });
    return new Response(body, { status: 200 });
  }) as unknown as typeof fetch;
  return { fetchImpl, calls };
}

describe('following the stream', () => {
  it('sends the key, resumes after a drop with Last-Event-ID, backs off, and stops on a refused key', async () => {
    const { fetchImpl, calls } = scriptedFetch([
      { chunks: ['retry: 100\n\nid: 1\nevent: a\ndata: {}\n\nid: 2\nev', 'ent: b\ndata: {}\n\n'] },
      { status: 502 },
      { chunks: ['id: 3\nevent: c\ndata: {}\n\n'] },
      { status: 401 },
    ]);
    const seen: string[] = [];
    const statuses: StreamStatus[] = [];
    const sleeps: number[] = [];
    const last = await followStream({
      url: '/v1/events/stream',
      apiKey: 'sr_k',
      signal: new AbortController().signal,
      fetchImpl,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      onMessage: (m) => seen.push(`${m.id}:${m.event}`),
      onStatus: (s) => statuses.push(s),
    });
    expect(seen).toEqual(['1:a', '2:b', '3:c']);
    expect(last).toBe('3');
    expect(calls.map((c) => c.headers['last-event-id'])).toEqual([undefined, '2', '2', '3']);
    expect(calls.every((c) => c.headers.authorization === 'Bearer sr_k')).toBe(true);
    // After a clean open the delay starts again from the server's retry advice.
    expect(sleeps).toEqual([100, 200, 100]);
    expect(statuses[0]).toBe('connecting');
    expect(statuses).toContain('open');
    expect(statuses.at(-1)).toBe('stopped');
  });

  it('lets go of a response whose handler failed before connecting again', async () => {
    const abort = new AbortController();
    let cancelled = 0;
    let opened = 0;
    const fetchImpl = (async () => {
      opened++;
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode('id: 1\ndata: {}\n\n'));
          // ... and the connection stays open, as a live stream does.
        },
        cancel() {
          cancelled++;
        },
      });
      return new Response(body, { status: 200 });
    }) as typeof fetch;
    await followStream({
      url: '/s',
      apiKey: 'k',
      signal: abort.signal,
      fetchImpl,
      sleep: async () => {
        if (opened === 2) abort.abort();
      },
      onMessage: () => {
        throw new TypeError('a handler bug');
      },
    });
    // Each failed response was released (its connection closed), not left open beside the next.
    expect(opened).toBe(2);
    await new Promise((r) => setTimeout(r, 0));
    expect(cancelled).toBe(2);
  });

  it('starts from a given id and ends when aborted', async () => {
    const abort = new AbortController();
    const { fetchImpl, calls } = scriptedFetch([{ chunks: ['id: 42\ndata: {}\n\n'] }]);
    const last = await followStream({
      url: '/s',
      apiKey: 'k',
      lastEventId: '41',
      signal: abort.signal,
      fetchImpl,
      sleep: async () => abort.abort(),
      onMessage: () => {},
    });
    expect(calls[0]!.headers['last-event-id']).toBe('41');
    expect(last).toBe('42');
  });
});

describe('live events', () => {
  const event = (type: string, data: Record<string, unknown>) => ({
    id: 'e',
    seq: 1,
    stream: 's',
    type,
    at: '',
    data,
  });

  it('refresh the queries they concern', () => {
    expect(queryKeysFor(event('stock.changed', { sku: 'MUG' }))).toEqual(
      expect.arrayContaining([['overview'], ['skus'], ['sku', 'MUG']]),
    );
    expect(queryKeysFor(event('order.shipped', { orderId: 'o-1' }))).toEqual(
      expect.arrayContaining([['overview'], ['orders'], ['order', 'o-1']]),
    );
    expect(queryKeysFor(event('alert.opened', {}))).toEqual(expect.arrayContaining([['alerts']]));
  });

  it('read as a short line', () => {
    expect(describeEvent(event('order.reserved', { orderId: 'web-1' }))).toBe('order web-1 reserved');
    expect(describeEvent(event('stock.changed', { sku: 'MUG', warehouse: 'LON', sellable: 4 }))).toBe(
      'MUG at LON: sellable 4',
    );
    expect(describeEvent(event('sku.back_in_stock', { sku: 'MUG', region: null }))).toBe('MUG back in stock');
  });
});

describe('coalescing live refreshes', () => {
  it('calls the timers as functions, as a browser requires', () => {
    // A browser's setTimeout throws "Illegal invocation" when called as another object's method.
    const strict = vi.fn(function (this: unknown, fn: () => void) {
      if (this !== undefined && this !== globalThis) throw new TypeError('Illegal invocation');
      fn();
      return 0 as unknown as ReturnType<typeof setTimeout>;
    });
    vi.stubGlobal('setTimeout', strict);
    try {
      const refreshed: unknown[] = [];
      const c = createRefreshCoalescer((keys) => refreshed.push(...keys));
      expect(() => c.add([['overview']])).not.toThrow();
      expect(refreshed).toEqual([['overview']]);
      expect(strict).toHaveBeenCalled();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('refreshes each query at most once a second, however many events come', () => {
    vi.useFakeTimers();
    try {
      const calls: { at: number; keys: string[] }[] = [];
      const start = Date.now();
      const c = createRefreshCoalescer((keys) =>
        calls.push({ at: Date.now() - start, keys: keys.map((k) => JSON.stringify(k)) }),
      );
      // 3,000 events over 3 seconds (a bulk load), each asking for overview and its SKU's page.
      for (let i = 0; i < 3000; i++) {
        c.add([['overview'], ['sku', `S${i % 50}`]]);
        vi.advanceTimersByTime(1);
      }
      vi.advanceTimersByTime(2000);
      // At once for the first event, then at most once per second: 4 refreshes, not 3,000.
      expect(calls.map((c) => c.at)).toEqual([0, 1000, 2000, 3000]);
      expect(calls[0]!.keys).toEqual(['["overview"]', '["sku","S0"]']);
      // Each key once per refresh, however often it was asked for.
      for (const call of calls) expect(new Set(call.keys).size).toBe(call.keys.length);
      expect(calls[1]!.keys).toHaveLength(51);
      // Quiet afterwards: nothing more is sent; a new event goes at once.
      vi.advanceTimersByTime(5000);
      expect(calls).toHaveLength(4);
      c.add([['orders']]);
      expect(calls).toHaveLength(5);
      c.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the activity feed', () => {
  const ev = (id: number, type: string, data: Record<string, unknown>) => ({
    id: `evt_${id}`,
    seq: id,
    type,
    at: '2030-01-01T00:00:00Z',
    stream: 's',
    data,
  });
  it('folds a bulk run of one kind into a line with a count, and keeps other events apart', () => {
    let feed: FeedEntry[] = [];
    feed = addToFeed(feed, ev(1, 'order.reserved', { orderId: 'o-1' }), 50);
    for (let i = 0; i < 2000; i++)
      feed = addToFeed(feed, ev(2 + i, 'sku.back_in_stock', { sku: `S${i}` }), 50);
    feed = addToFeed(feed, ev(3000, 'order.shipped', { orderId: 'o-1' }), 50);
    expect(feed.map((f) => describeFeedEntry(f, 'en-GB'))).toEqual([
      'order o-1 shipped',
      '2,000 back in stock (SKUs and regions), the latest S1999 back in stock',
      'order o-1 reserved',
    ]);
    // Orders are never folded: each is its own line.
    feed = addToFeed(feed, ev(3001, 'order.reserved', { orderId: 'o-2' }), 50);
    feed = addToFeed(feed, ev(3002, 'order.reserved', { orderId: 'o-3' }), 50);
    expect(feed.slice(0, 2).map((f) => f.count)).toEqual([1, 1]);
  });
});
