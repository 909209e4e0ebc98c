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
  /** `smtp://...`: send back-in-stock emails through it; undefined: email subscribers wait. */
  smtpUrl: string | undefined;
  smtpFrom: string;
  /** Notify at most ceil(multiple x sellable units) back-in-stock subscribers per announcement. */
  backInStockMultiple: number;
  /** The address clients reach this service at, for links in emails (unsubscribe). */
  publicUrl: string;
  webhooks: WebhookConfig;
  /** Limits of the live event stream (src/http/event-stream.ts); unset: its defaults. */
  eventStreams: { maxPerKey?: number; maxBufferedBytes?: number; maxStallMs?: number };
  /** `nats://...`: also publish events to NATS JetStream; undefined: don't. */
  natsUrl: string | undefined;
  natsStream: string;
  natsSubjectPrefix: string;
  /** How often stored demand forecasts are checked for refresh; 0: never (compute on request only). */
  forecastRefreshMs: number;
}

/** How the webhook worker delivers (src/app/webhooks.ts). */
export interface WebhookConfig {
  /** Retries wait a random time up to min(maxMs, baseMs * 2^(n-1)) (full jitter). */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Attempts per delivery before it is dead-lettered. */
  maxAttempts: number;
  /** Per request: a receiver slower than this has failed the attempt. */
  timeoutMs: number;
  /** Requests in flight at once, per process. */
  concurrency: number;
  /** Requests in flight at once to one subscription with `ordering: "stream"` (log ordering: 1). */
  endpointConcurrency: number;
  intervalMs: number;
}

export const DEFAULT_WEBHOOK_CONFIG: WebhookConfig = {
  // 8 attempts; the 7 waits are at most 30 s, 1, 2, 4, 8, 16 and 30 min: about an hour in all.
  backoffBaseMs: 30_000,
  backoffMaxMs: 30 * 60_000,
  maxAttempts: 8,
  timeoutMs: 5_000,
  concurrency: 8,
  endpointConcurrency: 4,
  intervalMs: 500,
};

function integer(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}

/** `{ [key]: n }` when the variable is set to a whole number above 0, `{}` when unset. */
function optionalInteger<K extends string>(
  name: string,
  key: K,
  env: NodeJS.ProcessEnv,
): Partial<Record<K, number>> {
  const raw = env[name];
  if (raw === undefined || raw === '') return {};
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a whole number above 0, got "${raw}"`);
  return { [key]: value } as Partial<Record<K, number>>;
}

function positiveNumber(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, got "${raw}"`);
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
    smtpUrl: env.SMTP_URL || undefined,
    smtpFrom: env.SMTP_FROM || 'Stockroom <stockroom@localhost>',
    backInStockMultiple: positiveNumber('BACK_IN_STOCK_MULTIPLE', 3, env),
    publicUrl: env.STOCKROOM_PUBLIC_URL || `http://${env.HOST || '127.0.0.1'}:${env.PORT || 3000}`,
    webhooks: {
      backoffBaseMs: integer('STOCKROOM_WEBHOOK_BACKOFF_BASE_MS', DEFAULT_WEBHOOK_CONFIG.backoffBaseMs),
      backoffMaxMs: integer('STOCKROOM_WEBHOOK_BACKOFF_MAX_MS', DEFAULT_WEBHOOK_CONFIG.backoffMaxMs),
      maxAttempts: Math.max(1, integer('STOCKROOM_WEBHOOK_MAX_ATTEMPTS', DEFAULT_WEBHOOK_CONFIG.maxAttempts)),
      timeoutMs: integer('STOCKROOM_WEBHOOK_TIMEOUT_MS', DEFAULT_WEBHOOK_CONFIG.timeoutMs),
      concurrency: Math.max(1, integer('STOCKROOM_WEBHOOK_CONCURRENCY', DEFAULT_WEBHOOK_CONFIG.concurrency)),
      intervalMs: integer('STOCKROOM_WEBHOOK_INTERVAL_MS', DEFAULT_WEBHOOK_CONFIG.intervalMs),
      endpointConcurrency: Math.max(
        1,
        integer('STOCKROOM_WEBHOOK_ENDPOINT_CONCURRENCY', DEFAULT_WEBHOOK_CONFIG.endpointConcurrency),
      ),
    },
    eventStreams: {
      ...optionalInteger('STOCKROOM_STREAM_MAX_PER_KEY', 'maxPerKey', env),
      ...optionalInteger('STOCKROOM_STREAM_MAX_BUFFER_BYTES', 'maxBufferedBytes', env),
      ...optionalInteger('STOCKROOM_STREAM_MAX_STALL_MS', 'maxStallMs', env),
    },
    forecastRefreshMs: integer('STOCKROOM_FORECAST_REFRESH_MS', 60_000),
    natsUrl: env.NATS_URL || undefined,
    natsStream: env.NATS_STREAM || 'STOCKROOM',
    natsSubjectPrefix: env.NATS_SUBJECT_PREFIX || 'stockroom',
  };
}
