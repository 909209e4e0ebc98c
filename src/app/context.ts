import { randomBytes } from 'node:crypto';
import { DEFAULT_RETENTION, type RetentionSettings } from '../config.ts';
import type { Database } from '../db/database.ts';
import { primaryOnly, type ReadRouter } from '../db/read-replicas.ts';
import { defaultOutboundPolicy, type OutboundPolicy } from './outbound.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { ReservationBatcher } from './reservation-batcher.ts';

export type Role = 'admin' | 'operator' | 'storefront';

/** Who is asking: an API key's role and, for operators, the warehouses it may touch. */
export interface Actor {
  id: string;
  role: Role;
  /** null: every warehouse. */
  warehouses: readonly string[] | null;
}

export const SYSTEM_ACTOR: Actor = { id: 'system', role: 'admin', warehouses: null };

export interface AppContext {
  db: Database;
  /** Injected so that expiry and ledger times are deterministic in tests. */
  clock: () => Date;
  newId: (prefix: string) => string;
  /** The reservation write path: orders placed together share a commit. */
  reservations: ReservationBatcher;
  /** Where URLs given through the API (webhooks, subscribers) may point: the SSRF policy. */
  outbound: OutboundPolicy;
  /** How long idempotency keys, events and webhook deliveries are kept (docs/retention.md). */
  retention: RetentionSettings;
  metrics: Metrics;
  /** Where reads that may lag go: streaming replicas when configured, else the primary (src/app/reads.ts). */
  reads: ReadRouter;
}

export function randomId(prefix: string): string {
  return `${prefix}_${randomBytes(10).toString('base64url')}`;
}

export function createContext(
  db: Database,
  overrides: Partial<Omit<AppContext, 'db' | 'reservations'>> = {},
): AppContext {
  const clock = overrides.clock ?? (() => new Date());
  const metrics = overrides.metrics ?? createMetrics({ db, clock });
  return {
    db,
    clock,
    newId: randomId,
    reservations: new ReservationBatcher(db, clock, undefined, (size) =>
      metrics.reservations.batchSize.observe(size),
    ),
    outbound: overrides.outbound ?? defaultOutboundPolicy(),
    retention: DEFAULT_RETENTION,
    metrics,
    reads: overrides.reads ?? primaryOnly(db),
    ...overrides,
  };
}

/** A 2xx outcome: the status tells "created" from "already there", the body is the answer. */
export interface Outcome<T> {
  status: 200 | 201;
  body: T;
  /** The stored answer to an earlier request with the same Idempotency-Key. */
  replayed?: boolean;
}
