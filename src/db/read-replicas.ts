/**
 * Reads that may lag, sent to PostgreSQL streaming replicas (DATABASE_READ_URL).
 *
 * A request that only reads (availability, dashboard, channel feeds, forecasts) asks for a
 * database for its reads and gets one replica, pinned for the whole request so that its
 * statements see one replica's history, or the primary. Writes never reach a replica: the
 * handle's transactions and scripts run on the primary, and a statement a replica refuses as
 * read-only (25006) is re-run there.
 *
 * Staleness is bounded by the event log: a caller that has seen event N (from a webhook, the
 * NATS stream or GET /v1/events) asks for "at least the state after event N". A replica
 * whose replayed log has reached N serves it; one that has not is polled for a short wait,
 * then the primary answers. A replica that cannot be reached is set aside for a while and the
 * primary answers meanwhile (the caller is told why, for the log and the metrics).
 */
import {
  isUnavailable,
  isPgError,
  type Database,
  type Queryable,
  type Transaction,
  type TransactionOptions,
} from './database.ts';

export type ReadSource = 'primary' | 'replica';

/** Why a read that could have gone to a replica went to the primary. */
export type FallbackReason = 'replica_down' | 'replica_behind' | 'read_only';

export interface ReadReplica {
  /** For logs and metrics: host:port/db of the replica, never its credentials. */
  name: string;
  db: Database;
}

export interface ReadRouterOptions {
  /** How long a read asking for event N waits for a replica to replay it before the primary answers. */
  maxWaitMs: number;
  /** How often a lagging replica is asked again during that wait. */
  pollMs: number;
  /** A replica that failed is not asked again for this long. */
  downForMs: number;
  onFallback?: (reason: FallbackReason, replica: string, err?: unknown) => void;
  /** Injected for tests; Date.now by default. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_READ_ROUTER_OPTIONS: ReadRouterOptions = {
  maxWaitMs: 250,
  pollMs: 10,
  downForMs: 5_000,
};

/** One request's reads: where they go, and where they went. */
export interface ReadHandle {
  db: Database;
  /** Where the reads went so far: `replica` until one of them had to go to the primary. */
  source(): ReadSource;
}

export interface ReadRouter {
  readonly replicas: number;
  /** A database for one request's reads, reflecting at least event `minEventSeq` when given. */
  forReads(minEventSeq?: number): Promise<ReadHandle>;
  close(): Promise<void>;
}

/** No replicas (embedded PGlite, or DATABASE_READ_URL unset): every read goes to the primary. */
export function primaryOnly(primary: Database): ReadRouter {
  const handle: ReadHandle = { db: primary, source: () => 'primary' };
  return { replicas: 0, forReads: async () => handle, close: async () => {} };
}

/** The highest event sequence number this database has (replayed), 0 for an empty log. */
export async function replayedEventSeq(q: Queryable): Promise<number> {
  const { rows } = await q.query<{ s: number }>('select coalesce(max(seq), 0) as s from events');
  return rows[0]!.s;
}

const READ_ONLY_TRANSACTION = '25006';

export function createReadRouter(
  primary: Database,
  replicas: readonly ReadReplica[],
  options: Partial<ReadRouterOptions> = {},
): ReadRouter {
  const o = { ...DEFAULT_READ_ROUTER_OPTIONS, ...options };
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const state = replicas.map((r) => ({ ...r, downUntil: 0, replayed: 0 }));
  let next = 0;

  const markDown = (r: (typeof state)[number], err: unknown) => {
    r.downUntil = now() + o.downForMs;
    o.onFallback?.('replica_down', r.name, err);
  };
  const healthy = () => {
    const t = now();
    const up = state.filter((r) => r.downUntil <= t);
    // Round robin over the replicas that are up.
    if (up.length === 0) return [];
    const start = next++ % up.length;
    return [...up.slice(start), ...up.slice(0, start)];
  };

  /** The replica's replayed position, polled until it reaches `minSeq` or the wait is over. */
  async function caughtUp(r: (typeof state)[number], minSeq: number, deadline: number): Promise<boolean> {
    for (;;) {
      if (r.replayed >= minSeq) return true;
      r.replayed = Math.max(r.replayed, await replayedEventSeq(r.db));
      if (r.replayed >= minSeq) return true;
      if (now() + o.pollMs > deadline) return false;
      await sleep(o.pollMs);
    }
  }

  function pinned(r: (typeof state)[number]): ReadHandle {
    let source: ReadSource = 'replica';
    const onPrimary = <T>(work: () => Promise<T>) => {
      source = 'primary';
      return work();
    };
    const db: Database = {
      kind: primary.kind,
      async query<Row>(text: string, params?: unknown[]): Promise<{ rows: Row[] }> {
        if (source === 'replica') {
          try {
            return await r.db.query<Row>(text, params);
          } catch (err) {
            if (isUnavailable(err)) markDown(r, err);
            else if (isPgError(err) && err.code === READ_ONLY_TRANSACTION)
              o.onFallback?.('read_only', r.name);
            else throw err;
          }
        }
        return onPrimary(() => primary.query<Row>(text, params));
      },
      transaction: <T>(work: (tx: Transaction) => Promise<T>, options?: TransactionOptions) =>
        onPrimary(() => primary.transaction(work, options)),
      exec: (script) => onPrimary(() => primary.exec(script)),
      close: async () => {},
    };
    return { db, source: () => source };
  }

  const onPrimary: ReadHandle = { db: primary, source: () => 'primary' };

  return {
    replicas: state.length,
    async forReads(minEventSeq) {
      const candidates = healthy();
      const deadline = now() + o.maxWaitMs;
      let behind: string | null = null;
      for (const r of candidates) {
        try {
          if (minEventSeq === undefined || (await caughtUp(r, minEventSeq, deadline))) return pinned(r);
          behind = r.name;
        } catch (err) {
          if (!isUnavailable(err)) throw err;
          markDown(r, err);
        }
      }
      if (behind !== null) o.onFallback?.('replica_behind', behind);
      return onPrimary;
    },
    async close() {
      await Promise.all(state.map((r) => r.db.close()));
    },
  };
}

/** `host:port/db` of a connection URL, without its user or password. */
export function describeReplica(url: string): string {
  const u = new URL(url);
  return `${u.host}${u.pathname}`;
}
