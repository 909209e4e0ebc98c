import { mkdirSync, openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './database.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';

export interface DatabaseConfig {
  /** `postgres://...` for a server; otherwise the embedded PGlite folder is used. */
  databaseUrl?: string | undefined;
  dataDir: string;
  poolSize?: number;
  dbConnectTimeoutMs?: number;
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.databaseUrl) {
    return openPostgres(config.databaseUrl, {
      max: config.poolSize ?? 20,
      ...(config.dbConnectTimeoutMs ? { connectTimeoutMs: config.dbConnectTimeoutMs } : {}),
    });
  }
  if (config.dataDir === 'memory://') return openPglite();
  mkdirSync(config.dataDir, { recursive: true });
  const release = claimDataDir(config.dataDir);
  try {
    const db = await openPglite(config.dataDir);
    return {
      ...db,
      async close() {
        await db.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
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

export function describeDatabase(config: DatabaseConfig): string {
  if (!config.databaseUrl) return `embedded PGlite at ${config.dataDir}`;
  const url = new URL(config.databaseUrl);
  return `PostgreSQL ${url.host}${url.pathname}`;
}
