/**
 * Where the app is wired: the context every use case is handed, with its reservation write
 * path (the batcher) built over the same database and clock. HTTP (src/cli/serve.ts), the CLI
 * and tests build one here; use cases only see the types of src/app/context.ts.
 */
import { DEFAULT_AVAILABILITY_CACHE_MS, DEFAULT_RETENTION } from '../config.ts';
import { watchingWrites, type Database } from '../db/database.ts';
import { primaryOnly } from '../db/read-replicas.ts';
import { AvailabilityCache } from './availability-cache.ts';
import { randomId, type AppContext } from './context.ts';
import { createMetrics } from './metrics.ts';
import { defaultOutboundPolicy } from './outbound.ts';
import { ServiceMapCache } from './regions.ts';
import { ReservationBatcher } from './reservation-batcher.ts';

export function createContext(
  db: Database,
  overrides: Partial<Omit<AppContext, 'db' | 'reservations'>> = {},
  /** STOCKROOM_RESERVATION_LANES (src/config.ts); the batcher's default when absent. */
  wiring: { reservationLanes?: number } = {},
): AppContext {
  const clock = overrides.clock ?? (() => new Date());
  const metrics = overrides.metrics ?? createMetrics({ db, clock });
  // Every statement of the use cases (orders through the batcher included) may change stock:
  // each one, once settled, retires the cached availability answers read before it. Reads
  // that may lag go through `reads`, on the database underneath, and retire nothing.
  const watched = watchingWrites(db, () => ctx.availabilityCache.invalidate());
  const ctx: AppContext = {
    db: watched,
    clock,
    newId: randomId,
    availabilityCache: new AvailabilityCache({ ttlMs: DEFAULT_AVAILABILITY_CACHE_MS }),
    serviceMaps: new ServiceMapCache(),
    reservations: new ReservationBatcher(
      watched,
      clock,
      undefined,
      (size) => metrics.reservations.batchSize.observe(size),
      // Embedded PGlite runs one transaction at a time: more lanes there would only queue.
      db.kind === 'postgres' ? wiring.reservationLanes : 1,
    ),
    outbound: overrides.outbound ?? defaultOutboundPolicy(),
    retention: DEFAULT_RETENTION,
    metrics,
    reads: overrides.reads ?? primaryOnly(db),
    ...overrides,
  };
  return ctx;
}
