import type { AppContext } from './context.ts';
import { expireDueOrders } from './orders.ts';

/**
 * Releases expired orders in the background. Every server process runs one; they share the
 * work through row locks, so none is special and a restart simply picks up what is due.
 */
export function startExpiryLoop(
  ctx: AppContext,
  options: { intervalMs: number; onError: (err: unknown) => void; onExpired?: (ids: string[]) => void },
): { stop: () => Promise<void> } {
  let running: Promise<void> | null = null;
  const tick = async () => {
    // Drain in batches so a backlog after downtime clears at once, not one batch per tick.
    for (;;) {
      const expired = await expireDueOrders(ctx);
      if (expired.length > 0) options.onExpired?.(expired);
      if (expired.length < 100) return;
    }
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
