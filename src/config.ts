/** Configuration from the environment, read once at start-up. */
export interface Config {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  adminKey: string | undefined;
  expiryIntervalMs: number;
  poolSize: number;
  logLevel: string;
}

function integer(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}

export function loadConfig(env = process.env): Config {
  return {
    host: env.HOST || '127.0.0.1',
    port: integer('PORT', 3000),
    dataDir: env.STOCKROOM_DATA || './data',
    databaseUrl: env.DATABASE_URL || undefined,
    adminKey: env.STOCKROOM_ADMIN_KEY || undefined,
    expiryIntervalMs: integer('STOCKROOM_EXPIRY_INTERVAL_MS', 1000),
    poolSize: integer('STOCKROOM_DB_POOL_SIZE', 20),
    logLevel: env.LOG_LEVEL || 'info',
  };
}
