import { isUnavailable, type Database } from '../db/database.ts';
import { placeBatch, type PlacementOutcome, type PlacementRequest } from './placement.ts';

/**
 * Shares one transaction among the orders that arrive while the previous batch commits.
 * A hot SKU's row stays locked until its transaction's WAL flush, so one order per commit
 * caps it at one order per flush; a batch pays that wait once for all its orders. Each
 * order is still decided alone, and its caller is answered only after the commit.
 */
export class ReservationBatcher {
  private queue: { request: PlacementRequest; settle: (r: PlacementOutcome | Error) => void }[] = [];
  private draining = false;

  constructor(
    private readonly db: Database,
    private readonly clock: () => Date,
    private readonly maxBatch = 256,
    /** Told the size of each batch committed together (a metric). */
    private readonly onBatch: (size: number) => void = () => {},
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
      while (this.queue.length > 0) await this.run(this.queue.splice(0, this.maxBatch));
    } finally {
      this.draining = false;
    }
  }

  private async run(batch: typeof this.queue): Promise<void> {
    try {
      const results = await this.db.transaction((tx) =>
        placeBatch(
          tx,
          batch.map((b) => b.request),
          this.clock(),
        ),
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
