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
  const tick = async () => {
    // Drain in batches so a backlog after downtime clears at once, not one batch per tick.
    while (await options.drainBatch());
  };
  const timer = setInterval(() => {
    if (running) return;
    running = tick()
      .catch(options.onError)
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
