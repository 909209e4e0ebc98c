import { mkdirSync } from 'node:fs';
import type { Database } from './database.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';

export interface DatabaseConfig {
  /** `postgres://...` for a server; otherwise the embedded PGlite folder is used. */
  databaseUrl?: string | undefined;
  dataDir: string;
  poolSize?: number;
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, { max: config.poolSize ?? 20 });
  if (config.dataDir !== 'memory://') mkdirSync(config.dataDir, { recursive: true });
  return openPglite(config.dataDir === 'memory://' ? undefined : config.dataDir);
}

export function describeDatabase(config: DatabaseConfig): string {
  if (!config.databaseUrl) return `embedded PGlite at ${config.dataDir}`;
  const url = new URL(config.databaseUrl);
  return `PostgreSQL ${url.host}${url.pathname}`;
}
