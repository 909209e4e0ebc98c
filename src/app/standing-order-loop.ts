import { startDrainLoop } from './background.ts';
import type { AppContext } from './context.ts';
import { reserveDueDeliveries, type ReservationRun } from './standing-orders.ts';

const BATCH = 50;

/**
 * Reserves standing orders' deliveries as their reservation days come (docs/standing-orders.md).
 * Every server process runs it; they share the work by claiming standing orders (SKIP LOCKED),
 * and a restart picks up what came due while it was down.
 */
export function startStandingOrderLoop(
  ctx: AppContext,
  options: {
    intervalMs: number;
    onError: (err: unknown) => void;
    onRun?: (run: ReservationRun) => void;
  },
): { stop: () => Promise<void> } {
  return startDrainLoop({
    intervalMs: options.intervalMs,
    onError: options.onError,
    drainBatch: async () => {
      const run = await reserveDueDeliveries(ctx, BATCH);
      if (run.reserved.length + run.short.length + run.missed.length > 0) options.onRun?.(run);
      // A reserved or missed delivery moves its standing order on: the next may be due too.
      return run.reserved.length + run.missed.length > 0;
    },
  });
}
