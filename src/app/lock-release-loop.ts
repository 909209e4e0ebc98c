import { startDrainLoop } from './background.ts';
import type { AppContext } from './context.ts';
import { releaseDueLocks, type Release } from './locks.ts';

const BATCH = 100;

/** Carries out due lock waves and lock expiries in the background. */
export function startLockReleaseLoop(
  ctx: AppContext,
  options: {
    intervalMs: number;
    onError: (err: unknown) => void;
    onReleased?: (releases: Release[]) => void;
  },
): { stop: () => Promise<void> } {
  return startDrainLoop({
    intervalMs: options.intervalMs,
    onError: options.onError,
    drainBatch: async () => {
      const { locks, releases } = await releaseDueLocks(ctx, BATCH);
      if (releases.length > 0) options.onReleased?.(releases);
      return locks === BATCH;
    },
  });
}
