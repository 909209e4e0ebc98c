import pg from 'pg';
import {
  preparedName,
  refuseAfterLast,
  type Database,
  type Transaction,
  type TransactionOptions,
} from './database.ts';

const INT8 = 20;
const NUMERIC = 1700;

/** Quantities are bigint columns bounded far below 2^53, so JS numbers hold them exactly. */
const types = {
  getTypeParser(oid: number, format?: string) {
    if (oid === INT8 || oid === NUMERIC) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

export interface PostgresOptions {
  max?: number;
  /**
   * The longest to open a connection: while the database is away (or a failover's new address
   * does not answer yet) a request fails with 503 after at most this long, instead of hanging
   * until the operating system gives up on the socket.
   */
  connectTimeoutMs?: number;
  /** The longest a request waits for a free pooled connection (all busy), then 503. */
  poolWaitMs?: number;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 3_000;
export const DEFAULT_POOL_WAIT_MS = 10_000;

/**
 * node-postgres reports a lost or refused connection in plain Errors without a code. They get
 * SQLSTATE 08006 (connection_failure), so that `isUnavailable` answers 503, not 500.
 */
const LOST_CONNECTION = [
  /^Connection terminated/,
  /not queryable/,
  /^timeout exceeded when trying to connect/,
  /^timeout expired$/,
  /^Client was closed and is not queryable/,
];

function withCode(err: unknown): unknown {
  if (err instanceof Error && (err as { code?: unknown }).code === undefined) {
    if (LOST_CONNECTION.some((p) => p.test(err.message))) Object.assign(err, { code: '08006' });
  }
  return err;
}

/** BEGIN, and for `genericPlans` the setting with it: one message, one answer to wait for. */
const beginFor = (options: TransactionOptions | undefined) =>
  options?.genericPlans ? 'begin; set local plan_cache_mode = force_generic_plan' : 'begin';

/** A query config: named (a prepared statement per connection) when the text was marked `prepared`. */
function statement(text: string, params?: unknown[]): pg.QueryConfig {
  const name = preparedName(text);
  return name === undefined ? { text, values: params } : { name, text, values: params };
}

export function openPostgres(url: string, options: PostgresOptions = {}): Database {
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  // The pool reads one setting for both waits; each client gets its own connect timeout.
  class BoundedClient extends pg.Client {
    constructor(config?: pg.ClientConfig) {
      super({ ...config, connectionTimeoutMillis: connectTimeoutMs });
      // A client always has a listener for a lost connection: without one, an 'error' event ends
      // the process. The pool hands a new client out on "ready for query", and a server being
      // stopped may send "terminating connection" in the same read, before the taker (below)
      // listens. Losing nothing: the next statement on the client fails with 08006 and the
      // client is discarded; the pool and the transaction keep listening for themselves.
      this.on('error', () => {});
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 20,
    types,
    Client: BoundedClient,
    connectionTimeoutMillis: options.poolWaitMs ?? DEFAULT_POOL_WAIT_MS,
    // A peer that vanished without closing (a failover, a cut network) is noticed by the OS.
    keepAlive: true,
    // A statement is written without waiting for the answer to the one before (node-postgres's
    // pipelining; each still has its own answer or error). Awaited one by one, as every caller
    // does, nothing changes; `queryLast` writes its statement and the commit together.
    pipeline: true,
  });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', () => {});
  return {
    kind: 'postgres',
    query: (text, params) =>
      pool.query(statement(text, params)).catch((err: unknown) => Promise.reject(withCode(err))) as never,
    async transaction(work, options) {
      const client = await pool.connect().catch((err: unknown) => Promise.reject(withCode(err)));
      // A checked-out client is no longer watched by the pool: without a listener, a connection
      // lost between two statements of the transaction would be an unhandled 'error' event,
      // which ends the process.
      let lost: Error | undefined;
      const onLost = (err: Error) => {
        lost = err;
      };
      client.on('error', onLost);
      let broken: unknown;
      // Set once the commit is on its way (`queryLast`): the transaction ends with it, committed
      // or, after a failed last statement, rolled back by it.
      let ending: Promise<unknown> | undefined;
      const open = () => refuseAfterLast(ending !== undefined);
      try {
        // BEGIN is written without waiting for its answer (pipeline mode): the work's first
        // statement follows it on the wire, which saves every transaction a round trip, and the
        // reservation batcher's one of its three. Every later statement and the commit wait for
        // BEGIN's answer first, so that were it ever refused on a live connection, nothing after
        // the first statement would run outside the transaction.
        const begun = client.query(beginFor(options));
        begun.catch(() => {}); // awaited below, not unhandled meanwhile
        let first = true;
        const begunUnlessFirst = async () => {
          if (first) first = false;
          else await begun;
        };
        const tx: Transaction = {
          query: async (text, params) => {
            open();
            await begunUnlessFirst();
            return client.query(statement(text, params)) as never;
          },
          exec: async (script) => {
            open();
            await begunUnlessFirst();
            await client.query(script);
          },
          async queryLast(text, params) {
            open();
            await begunUnlessFirst();
            // Written together: the client is in pipeline mode (the pool's option), so the commit does not
            // wait for the statement's answer. A COMMIT after a failed statement ends the
            // aborted transaction as a ROLLBACK, without an error of its own.
            const last = client.query(statement(text, params));
            const commit = client.query('commit');
            ending = commit;
            const answered = await last.catch(async (err: unknown) => {
              await commit.catch(() => {});
              throw err;
            });
            await commit;
            return answered as never;
          },
        };
        const result = await work(tx);
        await begun;
        if (ending) await ending;
        else await client.query('commit');
        return result;
      } catch (err) {
        withCode(err);
        if (lost === undefined && !ending) await client.query('rollback').catch((e: unknown) => (broken = e));
        throw err;
      } finally {
        client.off('error', onLost);
        // A client whose connection failed is discarded, never handed to the next caller.
        client.release((lost ?? broken) as Error | undefined);
      }
    },
    async exec(script) {
      await pool.query(script).catch((err: unknown) => Promise.reject(withCode(err)));
    },
    close: () => pool.end(),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}
