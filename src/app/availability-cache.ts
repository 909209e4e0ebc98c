/**
 * A per-process cache of single-SKU availability answers (GET /v1/availability/{sku}): the
 * read a storefront repeats for every visitor of a product page, a thousand times a second
 * when a SKU is in demand. It may serve reads, never reservations: orders are always decided
 * against locked rows, so an answer served from here can promise nothing the guard would not.
 *
 * Freshness:
 * - Every statement this process runs through its context's database that may change stock
 *   (orders, receipts, locks, settings; see `countingWrites`) moves a generation on when it
 *   completes. An answer is stored only if no such statement completed while it was being
 *   read, and is served only while the generation is the one it was stored under: after a
 *   write of this process, including one this client just got a 2xx for, the next read goes to
 *   the database.
 * - Writes of other processes (the CLI, a second server) are seen after at most `ttlMs`,
 *   counted from when the cached read began. Workers of one `npm start` tell each other of
 *   their writes (src/cli/cluster.ts), so a sibling's write is seen as soon as the message
 *   arrives, within the time to live at worst. The availability
 *   read is a lagging read already (it may be served by a replica): `Stockroom-Min-Event: N`
 *   bypasses the cache, as it bypasses a replica that has not replayed event N.
 * - Concurrent misses of one key under one generation share one database read, so the
 *   moment an entry expires under load costs one query, not one per waiting visitor.
 */

export interface AvailabilityCacheOptions {
  /** How long an answer may be served; 0 turns the cache off. */
  ttlMs: number;
  /** Distinct keys kept; the least recently used go first. */
  maxEntries?: number;
  /** Monotonic milliseconds; injected for tests. */
  now?: () => number;
}

export const AVAILABILITY_CACHE_MAX_ENTRIES = 10_000;

interface Entry<T> {
  value: T;
  generation: number;
  /** When the read that produced it began. */
  readAt: number;
}

export class AvailabilityCache<T = unknown> {
  private generation = 0;
  private readonly entries = new Map<string, Entry<T>>();
  private readonly inFlight = new Map<string, { generation: number; read: Promise<T> }>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: AvailabilityCacheOptions) {
    this.ttlMs = Math.max(0, options.ttlMs);
    this.maxEntries = Math.max(1, options.maxEntries ?? AVAILABILITY_CACHE_MAX_ENTRIES);
    this.now = options.now ?? (() => performance.now());
  }

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  private readonly listeners: Array<() => void> = [];

  /** Something that may change availability completed here: nothing read before it is served again. */
  invalidate(): void {
    this.retire();
    for (const listener of this.listeners) listener();
  }

  /** The same for a write another process told of: not told on to the listeners (no echo). */
  invalidatedElsewhere(): void {
    this.retire();
  }

  /** Calls `listener` after each `invalidate` (a sibling worker is told, src/cli/cluster.ts). */
  onInvalidate(listener: () => void): void {
    this.listeners.push(listener);
  }

  private retire(): void {
    this.generation++;
    // Stale entries would be refused anyway; dropping them keeps memory to what can be served.
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The answer for `key`: from the cache (`cached: true`) when a fresh one is held or a read
   * of it is already under way in this generation, else from `read`, stored for later callers
   * if nothing that may change stock completed meanwhile. A read that fails is not stored.
   */
  async get(key: string, read: () => Promise<T>): Promise<{ value: T; cached: boolean }> {
    if (!this.enabled) return { value: await read(), cached: false };
    const generation = this.generation;
    const entry = this.entries.get(key);
    if (entry && entry.generation === generation && this.now() - entry.readAt < this.ttlMs) {
      // Least recently used goes first: a hit moves the key to the young end.
      this.entries.delete(key);
      this.entries.set(key, entry);
      return { value: entry.value, cached: true };
    }
    const pending = this.inFlight.get(key);
    if (pending && pending.generation === generation) return { value: await pending.read, cached: true };

    const readAt = this.now();
    const promise = read();
    const flight = { generation, read: promise };
    this.inFlight.set(key, flight);
    try {
      const value = await promise;
      if (this.generation === generation) this.store(key, { value, generation, readAt });
      return { value, cached: false };
    } finally {
      if (this.inFlight.get(key) === flight) this.inFlight.delete(key);
    }
  }

  private store(key: string, entry: Entry<T>): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
