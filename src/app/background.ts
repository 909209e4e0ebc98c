import { isUnavailable } from '../db/database.ts';

/** While the database is away, loops wait this long between attempts, doubling up to the max. */
const OUTAGE_RETRY_FIRST_MS = 250;
const OUTAGE_RETRY_MAX_MS = 2_000;

/**
 * Pauses a background loop while the database is away: one report when the outage begins
 * (not one per tick), attempts spaced out from 250 ms up to 2 s so that an outage neither
 * floods the log nor spins, and back to normal on the first attempt that succeeds, so work
 * resumes within about two seconds of the database accepting connections again.
 */
export class OutagePause {
  private failures = 0;
  private notBefore = 0;

  constructor(private readonly onError: (err: unknown) => void) {}

  /** Whether the loop may try now. */
  ready(now = Date.now()): boolean {
    return now >= this.notBefore;
  }

  failed(err: unknown): void {
    if (!isUnavailable(err)) {
      this.onError(err);
      return;
    }
    if (this.failures === 0) this.onError(err);
    this.failures++;
    this.notBefore =
      Date.now() + Math.min(OUTAGE_RETRY_MAX_MS, OUTAGE_RETRY_FIRST_MS * 2 ** (this.failures - 1));
  }

  succeeded(): void {
    this.failures = 0;
    this.notBefore = 0;
  }
}

/**
 * Recurring background work that every server process runs. The processes share it through
 * row locks (each batch claims its rows with SKIP LOCKED), so none is special, and a restart
 * simply picks up what came due while it was down.
 */
export function startDrainLoop(options: {
  intervalMs: number;
  /** Does one batch; resolves true when more may be waiting. */
  drainBatch: () => Promise<boolean>;
  onError: (err: unknown) => void;
}): { stop: () => Promise<void> } {
  let running: Promise<void> | null = null;
  const pause = new OutagePause(options.onError);
  const tick = async () => {
    // Drain in batches so a backlog after downtime clears at once, not one batch per tick.
    while (await options.drainBatch());
  };
  const timer = setInterval(() => {
    if (running || !pause.ready()) return;
    running = tick()
      .then(
        () => pause.succeeded(),
        (err: unknown) => pause.failed(err),
      )
      .finally(() => {
        running = null;
      });
  }, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
