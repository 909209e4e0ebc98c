import { startDrainLoop } from './background.ts';
import type { AppContext } from './context.ts';
import { expireDueOrders } from './orders.ts';

const BATCH = 100;

/** Releases unconfirmed orders whose expiry has passed, in the background. */
export function startExpiryLoop(
  ctx: AppContext,
  options: { intervalMs: number; onError: (err: unknown) => void; onExpired?: (ids: string[]) => void },
): { stop: () => Promise<void> } {
  return startDrainLoop({
    intervalMs: options.intervalMs,
    onError: options.onError,
    drainBatch: async () => {
      const expired = await expireDueOrders(ctx, BATCH);
      if (expired.length > 0) options.onExpired?.(expired);
      return expired.length === BATCH;
    },
  });
}
