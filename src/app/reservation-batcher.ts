import { DEFAULT_RESERVATION_LANES } from '../config.ts';
import { isUnavailable, type Database } from '../db/database.ts';
import { placeBatch, type PlacementOutcome, type PlacementRequest } from './placement.ts';

type Queued = { request: PlacementRequest; settle: (r: PlacementOutcome | Error) => void };

/**
 * Shares one transaction among the orders that arrive while the previous batch commits.
 * A hot SKU's row stays locked until its transaction's WAL flush, so one order per commit
 * caps it at one order per flush; a batch pays that wait once for all its orders. Each
 * order is still decided alone, and its caller is answered only after the commit.
 *
 * Orders go to one of the process's lanes (STOCKROOM_RESERVATION_LANES, one unless set: src/config.ts)
 * by their first SKU, each lane with one batch in flight:
 * orders of one SKU always meet in the same lane (a hot SKU shares one commit among many
 * orders), while orders of unrelated SKUs commit side by side on other connections instead
 * of queueing behind it. Lanes need no coordination of their own: every batch locks its
 * positions in (sku, warehouse) order, like every other stock write, so two lanes touching one
 * SKU (a multi-line order) wait for each other and cannot deadlock, and the guard is in the
 * SQL write either way. Embedded PGlite runs one transaction at a time: the setting applies to
 * PostgreSQL only (createContext).
 */
export class ReservationBatcher {
  private readonly lanes: Lane[];

  constructor(
    db: Database,
    clock: () => Date,
    maxBatch = 256,
    /** Told the size of each batch committed together (a metric). */
    onBatch: (size: number) => void = () => {},
    lanes = DEFAULT_RESERVATION_LANES,
  ) {
    this.lanes = Array.from({ length: Math.max(1, lanes) }, () => new Lane(db, clock, maxBatch, onBatch));
  }

  /** How many batches may be in flight at once. */
  get laneCount(): number {
    return this.lanes.length;
  }

  place(request: PlacementRequest): Promise<PlacementOutcome> {
    return this.lanes[laneOf(request, this.lanes.length)]!.place(request);
  }
}

/** The lane of an order: a hash of its smallest SKU code, so the same SKU always lands together. */
export function laneOf(request: Pick<PlacementRequest, 'lines'>, lanes: number): number {
  if (lanes <= 1) return 0;
  let first: string | undefined;
  for (const l of request.lines) if (first === undefined || l.sku < first) first = l.sku;
  // FNV-1a, 32 bits: cheap, and spreads neighbouring codes (SKU-00001, SKU-00002) apart.
  let h = 0x811c9dc5;
  for (let i = 0; i < (first ?? '').length; i++) {
    h ^= first!.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % lanes;
}

class Lane {
  private queue: Queued[] = [];
  private draining = false;

  constructor(
    private readonly db: Database,
    private readonly clock: () => Date,
    private readonly maxBatch: number,
    private readonly onBatch: (size: number) => void,
  ) {}

  place(request: PlacementRequest): Promise<PlacementOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({
        request,
        settle: (r) => (r instanceof Error ? reject(r) : resolve(r)),
      });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        // One turn of the event loop first, so that the requests already read from the sockets
        // join this batch. Embedded PGlite answers every query without yielding to the event
        // loop (WebAssembly and synchronous file writes behind promises), so a batch begun at
        // once would run to its commit before any other request was parsed: on PGlite every
        // order committed alone (1.0 orders a batch under 64 clients; about 48 with this turn).
        await new Promise<void>((resolve) => setImmediate(resolve));
        await this.run(this.queue.splice(0, this.maxBatch));
      }
    } finally {
      this.draining = false;
    }
  }

  private async run(batch: Queued[]): Promise<void> {
    try {
      // Generic plans: the lock-and-read and the placement are written to be planned once.
      const results = await this.db.transaction(
        (tx) =>
          placeBatch(
            tx,
            batch.map((b) => b.request),
            this.clock(),
            { endsTransaction: true },
          ),
        { genericPlans: true },
      );
      this.onBatch(batch.length);
      batch.forEach((b, i) => b.settle(results[i]!));
    } catch (err) {
      // One order must not fail its neighbours: retry them one by one to isolate the error.
      // Not when the database is away: every retry would fail too, each after a connection
      // timeout, and the callers must hear 503 at once.
      if (batch.length > 1 && !isUnavailable(err)) {
        for (const b of batch) await this.run([b]);
      } else {
        for (const b of batch) b.settle(err instanceof Error ? err : new Error(String(err)));
      }
    }
  }
}
