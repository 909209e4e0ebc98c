/**
 * Several server processes on one port (node:cluster), `STOCKROOM_WORKERS=N`: one Node process
 * uses one core, so one `npm start` on a PostgreSQL server forks one worker per core by default.
 *
 * The primary process only starts and watches: it checks the port, applies the migrations once,
 * forks the workers and hands them the connections (round robin), and passes SIGTERM/SIGINT on.
 * Every worker is an ordinary `serve`: the HTTP API and every background loop. Nothing is
 * shared between workers but the database, and that is all the guarantees rest on, exactly as
 * for several hosts behind a load balancer (docs/scaling.md):
 *
 * - no oversell: the guard is the conditional UPDATE inside the SQL write;
 * - expiry, lock waves, back-in-stock notices and webhook deliveries are claimed with
 *   SELECT ... FOR UPDATE SKIP LOCKED, and the event sequencer, the NATS publisher, retention
 *   and the statistics keeper run under advisory locks, so each piece of work has one runner;
 * - the live stream (SSE) follows the event log in the database, so a client sees the events
 *   caused through any worker.
 *
 * An API key revoked (or cut short by a rotation) through one worker is evicted from every
 * worker's key cache at once: the worker tells the primary, which tells the others.
 *
 * What stays per process: rate-limit budgets and the cap on open streams per key (each worker
 * counts its own, so the effective budget is N times the setting), and GET /metrics (a scrape
 * reaches one worker; the `Stockroom-Worker` response header says which one answered).
 *
 * Embedded PGlite is one process's database: it always serves from one process.
 */
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import pino from 'pino';
import { keyEnded, onKeyEnded } from '../app/api-keys.ts';
import type { Config } from '../config.ts';
import { migrate } from '../db/migrate.ts';
import { explainOpenFailure, openDatabase } from '../db/open.ts';
import { assertPortFree } from './port.ts';

/** The environment variable a forked worker finds its number in (1..N). */
export const WORKER_ID_VARIABLE = 'STOCKROOM_WORKER_ID';

/** The message a worker sends the primary once it listens. */
export const LISTENING_MESSAGE = 'stockroom:listening';

export interface WorkerPlan {
  count: number;
  /** Why the setting was not followed, to log once. */
  note: string | null;
}

/** How many server processes to run: STOCKROOM_WORKERS, else one per core on PostgreSQL, one on PGlite. */
export function planWorkers(
  config: Pick<Config, 'databaseUrl' | 'workers'>,
  cores: number = availableParallelism(),
): WorkerPlan {
  if (!config.databaseUrl) {
    return {
      count: 1,
      note:
        config.workers !== undefined && config.workers > 1
          ? `STOCKROOM_WORKERS=${config.workers} ignored: embedded PGlite serves from one process (set DATABASE_URL for several)`
          : null,
    };
  }
  return { count: config.workers ?? Math.max(1, cores), note: null };
}

/** This process's worker number when it is a forked worker, else null. */
export function workerId(): number | null {
  if (!cluster.isWorker) return null;
  const id = Number(process.env[WORKER_ID_VARIABLE]);
  return Number.isInteger(id) && id > 0 ? id : (cluster.worker?.id ?? null);
}

/** Tells the primary this worker listens (no-op in a process of its own). */
export function reportListening(): void {
  if (cluster.isWorker) process.send?.(LISTENING_MESSAGE);
}

/** The message a worker sends (and receives) when an API key ended: `{ [KEY_ENDED]: id }`. */
const KEY_ENDED = 'stockroom:key-ended';

function keyEndedId(message: unknown): string | null {
  if (typeof message !== 'object' || message === null) return null;
  const id = (message as Record<string, unknown>)[KEY_ENDED];
  return typeof id === 'string' ? id : null;
}

/**
 * In a worker: passes the keys that end here to the sibling workers (through the primary), and
 * ends here the keys that ended there. No-op in a process of its own.
 */
export function shareKeyEndsWithSiblings(): void {
  if (!cluster.isWorker) return;
  let fromSibling = false;
  onKeyEnded((id) => {
    if (!fromSibling) process.send?.({ [KEY_ENDED]: id });
  });
  process.on('message', (message: unknown) => {
    const id = keyEndedId(message);
    if (id === null) return;
    fromSibling = true;
    try {
      keyEnded(id);
    } finally {
      fromSibling = false;
    }
  });
}

/** The message a worker sends (and receives) when it wrote something that may change stock. */
const STOCK_WRITTEN = 'stockroom:stock-written';

/** A worker tells its siblings of its writes at most once per this many milliseconds. */
const STOCK_WRITTEN_EVERY_MS = 5;

function isStockWritten(message: unknown): boolean {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as Record<string, unknown>)[STOCK_WRITTEN] === true
  );
}

/**
 * In a worker: tells the sibling workers (through the primary) when this one wrote something
 * that may change stock, so they stop serving the availability answers they cached before it;
 * and does the same when a sibling tells. At most one message per 5 ms leaves a worker under
 * load: a write inside that window is told at its end, so the last write is never left untold.
 * No-op in a process of its own.
 */
export function shareStockWritesWithSiblings(cache: {
  onInvalidate(listener: () => void): void;
  invalidatedElsewhere(): void;
}): void {
  if (!cluster.isWorker) return;
  let window: NodeJS.Timeout | null = null;
  let toldInWindow = true;
  const tell = () => process.send?.({ [STOCK_WRITTEN]: true });
  cache.onInvalidate(() => {
    if (window) {
      toldInWindow = false;
      return;
    }
    tell();
    const close = () => {
      window = null;
      if (toldInWindow) return;
      toldInWindow = true;
      tell();
      window = setTimeout(close, STOCK_WRITTEN_EVERY_MS);
      window.unref();
    };
    window = setTimeout(close, STOCK_WRITTEN_EVERY_MS);
    window.unref();
  });
  process.on('message', (message: unknown) => {
    if (isStockWritten(message)) cache.invalidatedElsewhere();
  });
}

/** A worker that dies while serving is replaced, but not more often than this. */
const RESPAWN_DELAY_MS = 1_000;

/**
 * Runs the primary: migrations once, then `count` workers on the port. Resolves once every
 * worker listens; rejects (after stopping the others) if one exits before that.
 */
export async function servePrimary(config: Config, count: number): Promise<void> {
  const log = pino({ level: config.logLevel, base: { pid: process.pid, role: 'primary' } });
  // Before anything is created: a port in use leaves nothing behind.
  await assertPortFree(config.host, config.port);
  let db: Awaited<ReturnType<typeof openDatabase>> | null = null;
  try {
    db = await openDatabase({ ...config, poolSize: 1 });
    await migrate(db);
  } catch (err) {
    throw new Error(explainOpenFailure(err, config), { cause: err });
  } finally {
    await db?.close();
  }

  const exits = new Map<number, number>();
  let stopping = false;
  let started = false;
  const workers = new Map<number, Worker>();
  const fork = (id: number) => {
    const worker = cluster.fork({ [WORKER_ID_VARIABLE]: String(id) });
    workers.set(id, worker);
    return worker;
  };

  // From the first fork: a signal while the workers start stops them too.
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, `${signal}: stopping ${workers.size} worker(s)`);
    for (const w of workers.values()) w.process.kill('SIGTERM');
    // Each worker bounds its own shutdown; this only covers one that hangs anyway.
    const deadline = setTimeout(() => {
      for (const w of workers.values()) w.process.kill('SIGKILL');
    }, config.shutdownTimeoutMs + 5_000);
    deadline.unref();
    const check = () => {
      if (workers.size > 0) return;
      clearTimeout(deadline);
      const failed = [...exits.values()].some((code) => code !== 0);
      process.exit(failed ? 1 : 0);
    };
    cluster.on('exit', () => setImmediate(check));
    check();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);

  await new Promise<void>((resolve, reject) => {
    let listening = 0;
    for (let id = 1; id <= count; id++) {
      const watch = (worker: Worker) => {
        worker.on('message', (message: unknown) => {
          const ended = keyEndedId(message);
          if (ended !== null) {
            for (const [other, w] of workers) if (other !== id) w.send({ [KEY_ENDED]: ended });
            return;
          }
          if (isStockWritten(message)) {
            for (const [other, w] of workers) if (other !== id) w.send({ [STOCK_WRITTEN]: true });
            return;
          }
          if (message !== LISTENING_MESSAGE || started) return;
          if (++listening === count) {
            started = true;
            log.info({ workers: count }, `serving from ${count} worker processes on one port`);
            resolve();
          }
        });
        worker.once('exit', (code, signal) => {
          workers.delete(id);
          if (stopping) {
            exits.set(id, code ?? 1);
            return;
          }
          if (!started) {
            // A worker that cannot start (port taken meanwhile, bad configuration): stop them all.
            stopping = true;
            for (const w of workers.values()) w.process.kill('SIGTERM');
            reject(new Error(`worker ${id} exited (code ${code}, signal ${signal}) before it was serving`));
            return;
          }
          log.error({ worker: id, code, signal }, `worker ${id} exited; starting another`);
          setTimeout(() => {
            if (!stopping) watch(fork(id));
          }, RESPAWN_DELAY_MS);
        });
      };
      watch(fork(id));
    }
  });
}
