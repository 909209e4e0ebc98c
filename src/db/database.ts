/**
 * The narrow port the data layer depends on: parameterised queries and transactions. Both
 * embedded PGlite and a PostgreSQL server implement it, so one set of SQL serves both.
 */
export interface Queryable {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: Row[] }>;
}

/** A transaction's handle: queries, plus multi-statement scripts for migrations. */
export interface Transaction extends Queryable {
  exec(script: string): Promise<void>;
  /**
   * The transaction's last statement. On a PostgreSQL server it goes out together with the
   * commit, in one round trip instead of two, and is answered once both are done: for a write
   * whose rows stay locked until the commit (a hot SKU), a round trip less of holding them. If
   * it fails, the commit rolls everything back. Nothing may run in the transaction after it:
   * a statement that tries is refused. Where the transaction is joined by a caller's
   * (`transactionAsDatabase`), or on PGlite, it is an ordinary statement.
   */
  queryLast<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: Row[] }>;
}

/** Refuses a statement once the transaction's last one (`queryLast`) has gone out. */
export function refuseAfterLast(ended: boolean): void {
  if (ended) throw new Error('a statement after the last one of a transaction (queryLast)');
}

export interface TransactionOptions {
  /**
   * Its prepared statements (`prepared`) run their generic plan, made once per connection, from
   * the first run on: `plan_cache_mode = force_generic_plan` for the transaction, set with its
   * BEGIN. Left to choose, PostgreSQL compares the generic plan's estimate with a plan made for
   * each call's values, and for a statement whose arrays vary in length (a batch's SKUs and
   * order ids) it may find the per-call plan cheaper every time: the placement's lock-and-read
   * was planned again for 87% of its runs through the server, 0.5 ms each. For statements
   * written so that one plan serves every value. PGlite makes no prepared statements.
   */
  genericPlans?: boolean;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Transaction) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Runs a script of several statements (migrations). */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
  /** Connections of a pool (PostgreSQL): open, idle, and callers waiting for one. */
  poolStats?(): { total: number; idle: number; waiting: number };
}

/**
 * A transaction seen as a database: its queries run in `tx`, and a transaction opened on it is
 * `tx` itself, so use cases that open their own transactions join the caller's, which commits
 * or rolls back as a whole (Kysely: a transaction is a database). Closing it closes nothing.
 */
export function transactionAsDatabase(db: Pick<Database, 'kind'>, tx: Transaction): Database {
  return {
    kind: db.kind,
    query: (text, params) => tx.query(text, params),
    // Joined, a "last" statement is last of this part only: the caller's transaction goes on.
    transaction: (work) =>
      work({
        query: (text, params) => tx.query(text, params),
        exec: (script) => tx.exec(script),
        queryLast: (text, params) => tx.query(text, params),
      }),
    exec: (script) => tx.exec(script),
    close: async () => {},
  };
}

/**
 * `db` that calls `completed` after each of its statements, transactions and scripts settles
 * (committed, rolled back or failed alike): how a process learns that something it wrote may
 * have changed what its caches hold (src/app/availability-cache.ts). Reads through it count
 * too, except the statements marked by `changesNoStock`; a caller that only reads and wants to
 * keep caches warm marks its text or uses the database underneath.
 */
export function watchingWrites(db: Database, completed: () => void): Database {
  const after = async <T>(work: Promise<T>): Promise<T> => {
    try {
      return await work;
    } finally {
      completed();
    }
  };
  return {
    kind: db.kind,
    query: (text, params) =>
      noStockTexts.has(text) ? db.query(text, params) : after(db.query(text, params)),
    transaction: (work, options) => after(db.transaction(work, options)),
    exec: (script) => after(db.exec(script)),
    close: () => db.close(),
    ...(db.poolStats && { poolStats: () => db.poolStats!() }),
  };
}

const noStockTexts = new Set<string>();

/**
 * Marks a fixed SQL text (no values spliced in) as one that cannot change stock or anything an
 * availability answer depends on: a read, or a write to a table such as `api_keys`. Through
 * `watchingWrites` it retires no cache when it settles. For the statements that recur whatever
 * happens to stock (a key's lookup and its last use, a live stream's poll of the log), which
 * would otherwise keep the availability cache cold. A text that touches stock, or calls a
 * function that may, must never be marked.
 */
export function changesNoStock(text: string): string {
  noStockTexts.add(text);
  return text;
}

const preparedNames = new Map<string, string>();

/**
 * Marks a fixed SQL text (no values spliced in) as worth a server-side prepared statement: on
 * PostgreSQL each pooled connection parses and plans it once, then only binds and executes.
 * For the hottest statements (a storefront's availability read, the placement's lock-and-read);
 * the set stays as small as the code that calls this. PGlite runs the text as usual.
 */
export function prepared(text: string): string {
  if (!preparedNames.has(text)) preparedNames.set(text, `sr_${preparedNames.size + 1}`);
  return text;
}

/** The statement name of a text marked by `prepared`, else undefined. */
export function preparedName(text: string): string | undefined {
  return preparedNames.get(text);
}

/** SQLSTATE raised by `stockroom_apply_movements` when a guard refuses a movement. */
export const GUARD_FAILED = 'SR001';

export function isPgError(err: unknown): err is { code: string; detail?: string; message: string } {
  return typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string';
}

/** Errors that mean the database cannot be reached (503), rather than a bug (500). */
export function isUnavailable(err: unknown): boolean {
  if (!isPgError(err)) return false;
  return (
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'ENOTFOUND',
      'EPIPE',
      'EHOSTUNREACH',
      'ENETUNREACH',
      'EAI_AGAIN',
    ].includes(err.code) ||
    err.code.startsWith('08') ||
    ['57P01', '57P02', '57P03', '53300'].includes(err.code)
  );
}
