import { mkdirSync, openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { isPgError, type Database } from './database.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import {
  createReadRouter,
  describeReplica,
  primaryOnly,
  type ReadRouter,
  type ReadRouterOptions,
} from './read-replicas.ts';

export interface DatabaseConfig {
  /** `postgres://...` for a server; otherwise the embedded PGlite folder is used. */
  databaseUrl?: string | undefined;
  dataDir: string;
  poolSize?: number;
  dbConnectTimeoutMs?: number;
  dbPoolWaitMs?: number;
  /** Folder-backed PGlite: how often to checkpoint (bounds recovery after a crash); 0: never. */
  pgliteCheckpointMs?: number;
  /** PGlite's shared_buffers (STOCKROOM_PGLITE_SHARED_BUFFERS); PGlite's own 128MB when unset. */
  pgliteSharedBuffers?: `${number}MB` | undefined;
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.databaseUrl) {
    return openPostgres(config.databaseUrl, {
      max: config.poolSize ?? 20,
      ...(config.dbConnectTimeoutMs ? { connectTimeoutMs: config.dbConnectTimeoutMs } : {}),
      ...(config.dbPoolWaitMs ? { poolWaitMs: config.dbPoolWaitMs } : {}),
    });
  }
  const pgliteOptions = { sharedBuffers: config.pgliteSharedBuffers };
  if (config.dataDir === 'memory://') return openPglite(undefined, pgliteOptions);
  mkdirSync(config.dataDir, { recursive: true });
  const release = claimDataDir(config.dataDir);
  try {
    const db = await openPglite(config.dataDir, pgliteOptions);
    const checkpoints = checkpointRegularly(db, config.pgliteCheckpointMs ?? PGLITE_CHECKPOINT_MS);
    return {
      ...db,
      async close() {
        await checkpoints.stop();
        await db.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/**
 * Embedded PGlite runs PostgreSQL as a single backend, with no checkpointer: on its own it
 * checkpoints only when the WAL reaches max_wal_size (1 GB) or on a clean close. After a crash
 * (kill -9, power loss) the next open replays all the WAL since the last checkpoint, which took
 * up to 100 s. A checkpoint every 30 s (a few tens of ms each) bounds that replay to 30 s of writes.
 */
export const PGLITE_CHECKPOINT_MS = 30_000;

function checkpointRegularly(db: Database, intervalMs: number): { stop: () => Promise<void> } {
  if (intervalMs <= 0) return { stop: async () => {} };
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    running ??= db
      .exec('checkpoint')
      // Best effort: a failed checkpoint only means a longer recovery after a crash.
      .catch(() => {})
      .finally(() => (running = null));
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

export class DataDirInUse extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `${dataDir} is in use by process ${pid} (probably \`stockroom serve\`). An embedded PGlite folder ` +
        'can be opened by one process at a time: stop that process, or point both at PostgreSQL with DATABASE_URL.',
    );
  }
}

/**
 * PGlite does not stop a second process from opening its folder (which would corrupt it), so
 * claim the folder with a pid file. A file left by a process that died is taken over.
 */
function claimDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'stockroom.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(file, 'utf8') === String(process.pid)) unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(file, 'utf8'));
      if (holder && holder !== process.pid && isAlive(holder)) throw new DataDirInUse(dataDir, holder);
      unlinkSync(file);
    }
  }
  throw new Error(`could not claim ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The read router for DATABASE_READ_URL: one small pool per replica. Embedded PGlite has no
 * replicas, and without read URLs every read stays on the primary.
 */
export function openReadRouter(
  primary: Database,
  config: DatabaseConfig & { databaseReadUrls?: readonly string[] },
  options: Partial<ReadRouterOptions> = {},
): ReadRouter {
  const urls = config.databaseReadUrls ?? [];
  if (primary.kind !== 'postgres' || urls.length === 0) return primaryOnly(primary);
  const replicas = urls.map((url) => ({
    name: describeReplica(url),
    db: openPostgres(url, {
      max: config.poolSize ?? 20,
      // A replica that does not answer is set aside quickly: the primary is there to answer instead.
      connectTimeoutMs: Math.min(config.dbConnectTimeoutMs ?? 1_000, 1_000),
      ...(config.dbPoolWaitMs ? { poolWaitMs: config.dbPoolWaitMs } : {}),
    }),
  }));
  return createReadRouter(primary, replicas, options);
}

export function describeDatabase(config: DatabaseConfig): string {
  if (!config.databaseUrl) return `embedded PGlite at ${config.dataDir}`;
  const url = new URL(config.databaseUrl);
  return `PostgreSQL ${url.host}${url.pathname}`;
}

/**
 * The reason a database could not be opened, said for the operator who set DATABASE_URL:
 * which variable, which host, and what to check, in place of the driver's raw text
 * (`getaddrinfo ENOTFOUND base`). The password is never repeated.
 */
export function explainOpenFailure(err: unknown, config: DatabaseConfig): string {
  const raw = err instanceof Error ? err.message : String(err);
  if (!config.databaseUrl)
    return `cannot open the embedded database at ${config.dataDir} (STOCKROOM_DATA): ${raw}`;
  let url: URL;
  try {
    url = new URL(config.databaseUrl);
  } catch {
    return 'DATABASE_URL is not a URL: expected postgres://user:password@host:5432/database';
  }
  const host = url.hostname || 'localhost';
  const port = url.port || '5432';
  const database = decodeURIComponent(url.pathname.slice(1)) || '(the user name)';
  const user = decodeURIComponent(url.username) || '(the OS user)';
  const where = `DATABASE_URL points at host "${host}", port ${port}, database "${database}"`;
  const code = isPgError(err) ? err.code : undefined;
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${where}, but "${host}" does not resolve to an address: check the host name in DATABASE_URL (in compose, the service name) and DNS.`;
    case 'ECONNREFUSED':
      return `${where}, but nothing accepts connections there: check that PostgreSQL is running and listens on ${host}:${port}.`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case '08006':
      return `${where}, but it did not answer (${raw}): check the host and port, firewalls, and that PostgreSQL is up.`;
    case '28P01':
    case '28000':
      return `${where}, but it refused user "${user}" (${raw}): check the user and password in DATABASE_URL and pg_hba.conf.`;
    case '3D000':
      return `${where}, but that database does not exist: create it (createdb ${database}) or fix the name in DATABASE_URL.`;
    default:
      return `${where}, and opening it failed: ${raw}`;
  }
}
