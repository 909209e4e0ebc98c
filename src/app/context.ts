/**
 * What every use case is handed: the database, the clock, ids, the reservation write path and
 * the service's settings. The context is built where the app is wired
 * (src/app/create-context.ts), so no use case imports what builds it.
 */
import { randomBytes } from 'node:crypto';
import type { RetentionSettings } from '../config.ts';
import type { Database, Queryable } from '../db/database.ts';
import type { ReadRouter } from '../db/read-replicas.ts';
import type { AvailabilityView } from '../domain/availability.ts';
import type { ServiceMap } from '../domain/delivery.ts';
import type { PlacementOutcome, PlacementRequest } from '../domain/placement.ts';
import type { AvailabilityCache } from './availability-cache.ts';
import type { Metrics } from './metrics.ts';
import type { OutboundPolicy } from './outbound.ts';

export type Role = 'admin' | 'operator' | 'storefront';

/** Who is asking: an API key's role and, for operators, the warehouses it may touch. */
export interface Actor {
  id: string;
  role: Role;
  /** null: every warehouse. */
  warehouses: readonly string[] | null;
}

export const SYSTEM_ACTOR: Actor = { id: 'system', role: 'admin', warehouses: null };

/** What every command is given besides its input: who asks, and their Idempotency-Key if any. */
export interface CommandOptions {
  actor: Actor;
  idempotencyKey?: string | undefined;
}

/** The reservation write path: places one order, sharing a commit with the orders beside it. */
export interface Reservations {
  place(request: PlacementRequest): Promise<PlacementOutcome>;
}

export function randomId(prefix: string): string {
  return `${prefix}_${randomBytes(10).toString('base64url')}`;
}

export interface AppContext {
  db: Database;
  /** Injected so that expiry and ledger times are deterministic in tests. */
  clock: () => Date;
  newId: (prefix: string) => string;
  /** The reservation write path (src/app/reservation-batcher.ts): orders placed together share a commit. */
  reservations: Reservations;
  /** Where URLs given through the API (webhooks, subscribers) may point: the SSRF policy. */
  outbound: OutboundPolicy;
  /** How long idempotency keys, events and webhook deliveries are kept (docs/retention.md). */
  retention: RetentionSettings;
  metrics: Metrics;
  /** Where reads that may lag go: streaming replicas when configured, else the primary (src/app/reads.ts). */
  reads: ReadRouter;
  /**
   * Single-SKU storefront answers this process read lately; `db` moves it on after each
   * statement, so nothing read before a write of this process is served after it.
   */
  availabilityCache: AvailabilityCache<AvailabilityView>;
  /** The service map this process read last, kept while its version in the database holds. */
  serviceMaps: ServiceMaps;
}

/** The service map at a version read from the database, or a later one (ServiceMapCache, src/app/regions.ts). */
export interface ServiceMaps {
  at(q: Queryable, version: number | string): Promise<ServiceMap>;
}

/**
 * A command's answer: whether it created something (or found it there, or changed it), and the
 * body. The HTTP adapter turns `created` into 201 or 200 (src/http/reply.ts).
 */
export interface Outcome<T> {
  created: boolean;
  body: T;
  /** The stored answer to an earlier request with the same Idempotency-Key. */
  replayed?: boolean;
}
