/** Configuration from the environment, read once at start-up. */
export interface Config {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  /** DATABASE_READ_URL: streaming replicas (comma-separated) for reads that may lag; empty: none. */
  databaseReadUrls: string[];
  /** How long a read asking for event N waits for a replica to replay it, then the primary answers. */
  readReplicaMaxWaitMs: number;
  /** STOCKROOM_AVAILABILITY_CACHE: how long a single-SKU availability answer may be served from memory; 0: never. */
  availabilityCacheMs: number;
  adminKey: string | undefined;
  expiryIntervalMs: number;
  /** STOCKROOM_STANDING_ORDER_INTERVAL: how often the server reserves standing orders' deliveries that are due. */
  standingOrderIntervalMs: number;
  poolSize: number;
  /** STOCKROOM_RESERVATION_LANES: reservation batches in flight at once per process on PostgreSQL (1 to 16). */
  reservationLanes: number;
  /** STOCKROOM_PGLITE_SHARED_BUFFERS: the embedded database's page cache, e.g. `64MB`; PGlite's 128MB when unset. */
  pgliteSharedBuffers: `${number}MB` | undefined;
  /** Bounds connecting to PostgreSQL: then 503, not a hang. */
  dbConnectTimeoutMs: number;
  /** Bounds waiting for a free pooled connection when all are busy: then 503. */
  dbPoolWaitMs: number;
  logLevel: string;
  /** `smtp://...`: send back-in-stock emails through it; undefined: email subscribers wait. */
  smtpUrl: string | undefined;
  smtpFrom: string;
  /** Notify at most ceil(multiple x sellable units) back-in-stock subscribers per announcement. */
  backInStockMultiple: number;
  /** The address clients reach this service at, for links in emails (unsubscribe). */
  publicUrl: string;
  webhooks: WebhookConfig;
  /** Hosts, addresses or CIDR ranges outbound requests may reach despite the SSRF policy (src/app/outbound.ts). */
  webhookAllowHosts: string[];
  rateLimits: RateLimitConfig;
  /**
   * Fastify's trustProxy (STOCKROOM_TRUST_PROXY): `true`, or the proxies' addresses/CIDRs
   * (comma-separated), so rate limits count the client's IP from X-Forwarded-For.
   */
  trustProxy: boolean | string;
  /** Limits of the live event stream (src/http/event-stream.ts); unset: its defaults. */
  eventStreams: { maxPerKey?: number; maxBufferedBytes?: number; maxStallMs?: number };
  /** `nats://...`: also publish events to NATS JetStream; undefined: don't. */
  natsUrl: string | undefined;
  natsStream: string;
  natsSubjectPrefix: string;
  /** Copies of the stream on a NATS cluster (NATS_STREAM_REPLICAS); 3 when NATS_URL lists several servers, else 1. */
  natsStreamReplicas: number;
  /** How often stored demand forecasts are checked for refresh; 0: never (compute on request only). */
  forecastRefreshMs: number;
  retention: RetentionSettings;
  /** A bearer token that may read GET /metrics (besides admin keys); undefined: admin keys only. */
  metricsToken: string | undefined;
  /** After SIGTERM, the longest the process waits for in-flight work before it exits anyway. */
  shutdownTimeoutMs: number;
  /**
   * STOCKROOM_WORKERS: server processes serving one port (node:cluster); undefined: one per core
   * on a PostgreSQL server, one with embedded PGlite (src/cli/cluster.ts).
   */
  workers: number | undefined;
  /** How often the service analyzes tables much changed since their last ANALYZE; 0: never (src/app/statistics.ts). */
  analyzeIntervalMs: number;
  /**
   * After SIGTERM, how long it goes on serving with /readyz at 503 before the listener closes,
   * so load balancers stop sending first; part of shutdownTimeoutMs, and shorter than it.
   */
  shutdownDrainMs: number;
  /** Where the first admin key is written (mode 0600) when stderr is not a terminal. */
  adminKeyFile: string;
}

/** What is kept and for how long (docs/retention.md). */
export interface RetentionSettings {
  /** A stored idempotency answer is replayed for this long; after it a repeat is a new request. */
  idempotencyTtlMs: number;
  /** Delivered events and finished webhook deliveries are kept this long. */
  eventRetentionMs: number;
  /** How often the maintenance job prunes and prepares ledger partitions; 0: never. */
  intervalMs: number;
  /** Rows deleted per statement (each its own short transaction). */
  batchSize: number;
}

export const DEFAULT_RETENTION: RetentionSettings = {
  idempotencyTtlMs: 24 * 3_600_000,
  eventRetentionMs: 30 * 86_400_000,
  intervalMs: 60_000,
  batchSize: 1000,
};

const DURATION_UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A duration such as `30d`, `24h`, `90s` or `500ms` (a bare number is milliseconds). */
export function duration(name: string, fallbackMs: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallbackMs;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(raw.trim());
  if (!match) throw new Error(`${name} must be a duration such as 30d, 24h, 15m, 90s or 500ms, got "${raw}"`);
  return Math.round(Number(match[1]) * DURATION_UNITS_MS[match[2] ?? 'ms']!);
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

/** Request budgets (src/http/rate-limits.ts); every window is one minute. 0 turns a limit off. */
export interface RateLimitConfig {
  /** Failed authentications per client IP per minute; over it, every request from that IP is 429. */
  authFailuresPerIp: number;
  /** Requests per admin or operator key per minute. */
  requestsPerKey: number;
  /** Requests per storefront key per minute (a storefront key is public: a lower budget). */
  requestsPerStorefrontKey: number;
  windowMs: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  authFailuresPerIp: 30,
  requestsPerKey: 60_000,
  requestsPerStorefrontKey: 6_000,
  windowMs: 60_000,
};

/** Every request budget off (0): for benchmarks and fuzzing, which send far more than a client. */
export const NO_RATE_LIMITS: RateLimitConfig = {
  ...DEFAULT_RATE_LIMITS,
  authFailuresPerIp: 0,
  requestsPerKey: 0,
  requestsPerStorefrontKey: 0,
};

export function loadRateLimits(env = process.env): RateLimitConfig {
  return {
    authFailuresPerIp: integer(
      'STOCKROOM_RATE_LIMIT_AUTH_FAILURES',
      DEFAULT_RATE_LIMITS.authFailuresPerIp,
      env,
    ),
    requestsPerKey: integer('STOCKROOM_RATE_LIMIT_PER_KEY', DEFAULT_RATE_LIMITS.requestsPerKey, env),
    requestsPerStorefrontKey: integer(
      'STOCKROOM_RATE_LIMIT_PER_STOREFRONT_KEY',
      DEFAULT_RATE_LIMITS.requestsPerStorefrontKey,
      env,
    ),
    windowMs: DEFAULT_RATE_LIMITS.windowMs,
  };
}

/**
 * Browser origins (`https://shop.example`) allowed to call the API cross-origin, per key role
 * (docs/api.md#cors). A route answers an origin when one of the roles it allows lists that
 * origin, so storefront origins reach only the routes a storefront key may use; admin and
 * operator routes stay closed to browsers elsewhere unless their own lists say otherwise.
 * `*` allows any origin (fine for storefront keys, which are public anyway).
 */
export interface CorsOrigins {
  storefront: string[];
  operator: string[];
  admin: string[];
}

export function loadCorsOrigins(env = process.env): CorsOrigins {
  return {
    storefront: origins('STOCKROOM_CORS_ORIGINS', env),
    operator: origins('STOCKROOM_CORS_OPERATOR_ORIGINS', env),
    admin: origins('STOCKROOM_CORS_ADMIN_ORIGINS', env),
  };
}

/** A comma-separated list of origins: scheme, host and port only, as browsers send them. */
function origins(name: string, env: NodeJS.ProcessEnv): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '')
    .map((o) => {
      if (o === '*') return o;
      let url: URL | undefined;
      try {
        url = new URL(o);
      } catch {
        url = undefined;
      }
      if (!url || !/^https?:$/.test(url.protocol) || url.origin !== o.replace(/\/$/, '')) {
        throw new Error(`${name} must list origins such as https://shop.example (no path), got "${o}"`);
      }
      return url.origin;
    });
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

function integer(name: string, fallback: number, env = process.env): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}

/** Each lane holds one pooled connection while its batch is in flight: keep it well under STOCKROOM_DB_POOL_SIZE. */
function reservationLanes(env: NodeJS.ProcessEnv): number {
  const raw = env.STOCKROOM_RESERVATION_LANES;
  if (raw === undefined || raw === '') return DEFAULT_RESERVATION_LANES;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > MAX_RESERVATION_LANES) {
    throw new Error(
      `STOCKROOM_RESERVATION_LANES must be a whole number from 1 to ${MAX_RESERVATION_LANES}, got "${raw}"`,
    );
  }
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

/** A comma-separated list, blanks dropped. */
function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '');
}

function trustProxy(raw: string | undefined): boolean | string {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  return raw === 'true' ? true : raw;
}

/** Unset, the drain is 5 s or half the timeout, whichever is shorter: the rest is for in-flight work. */
const DEFAULT_DRAIN_MS = 5_000;

function shutdownTiming(env: NodeJS.ProcessEnv): { shutdownTimeoutMs: number; shutdownDrainMs: number } {
  const shutdownTimeoutMs = duration('STOCKROOM_SHUTDOWN_TIMEOUT', 10_000, env);
  const shutdownDrainMs = duration(
    'STOCKROOM_SHUTDOWN_DRAIN',
    Math.min(DEFAULT_DRAIN_MS, Math.floor(shutdownTimeoutMs / 2)),
    env,
  );
  if (shutdownDrainMs >= shutdownTimeoutMs)
    throw new Error(
      `STOCKROOM_SHUTDOWN_DRAIN (${shutdownDrainMs} ms) must be shorter than STOCKROOM_SHUTDOWN_TIMEOUT ` +
        `(${shutdownTimeoutMs} ms), which it is part of: in-flight requests need the rest`,
    );
  return { shutdownTimeoutMs, shutdownDrainMs };
}

/**
 * Lanes per process on a PostgreSQL server (STOCKROOM_RESERVATION_LANES): batches in flight at
 * once for disjoint SKUs. One by default: every worker process (one per core) already has its
 * own batch in flight, and with the database on the same 2-core machine more lanes only made
 * smaller batches, which cost more CPU per order (10,000 SKUs: 1 lane 1.3x the orders of 4,
 * docs/performance.md). A database on its own larger host may take more.
 */
export const DEFAULT_RESERVATION_LANES = 1;
export const MAX_RESERVATION_LANES = 16;

/** Long enough to serve a hot product page's visitors from memory, short enough not to matter to them. */
export const DEFAULT_AVAILABILITY_CACHE_MS = 250;

/** A size in whole megabytes such as `64MB`, from 1MB to 64GB; undefined when unset. */
function megabytes(name: string, env: NodeJS.ProcessEnv): `${number}MB` | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const match = /^(\d{1,5})MB$/.exec(raw.trim());
  if (!match || Number(match[1]) < 1 || Number(match[1]) > 65_536) {
    throw new Error(`${name} must be a size in megabytes from 1MB to 65536MB, such as 64MB, got "${raw}"`);
  }
  return `${Number(match[1])}MB`;
}

/** Standing orders are reserved days ahead: a check every half minute is plenty. */
export const DEFAULT_STANDING_ORDER_INTERVAL_MS = 30_000;

function standingOrderInterval(env: NodeJS.ProcessEnv): number {
  const ms = duration('STOCKROOM_STANDING_ORDER_INTERVAL', DEFAULT_STANDING_ORDER_INTERVAL_MS, env);
  // Each check reads every active standing order: more often than every second only costs.
  if (ms < 1000)
    throw new Error(
      `STOCKROOM_STANDING_ORDER_INTERVAL must be at least 1s, got "${env.STOCKROOM_STANDING_ORDER_INTERVAL}"`,
    );
  return ms;
}

export function loadConfig(env = process.env): Config {
  return {
    host: env.HOST || '127.0.0.1',
    port: integer('PORT', 3000),
    dataDir: env.STOCKROOM_DATA || './data',
    databaseUrl: env.DATABASE_URL || undefined,
    databaseReadUrls: list(env.DATABASE_READ_URL),
    readReplicaMaxWaitMs: duration('STOCKROOM_READ_MAX_WAIT', 250, env),
    availabilityCacheMs: duration('STOCKROOM_AVAILABILITY_CACHE', DEFAULT_AVAILABILITY_CACHE_MS, env),
    adminKey: env.STOCKROOM_ADMIN_KEY || undefined,
    expiryIntervalMs: integer('STOCKROOM_EXPIRY_INTERVAL_MS', 1000),
    standingOrderIntervalMs: standingOrderInterval(env),
    poolSize: integer('STOCKROOM_DB_POOL_SIZE', 20),
    reservationLanes: reservationLanes(env),
    pgliteSharedBuffers: megabytes('STOCKROOM_PGLITE_SHARED_BUFFERS', env),
    dbConnectTimeoutMs: integer('STOCKROOM_DB_CONNECT_TIMEOUT_MS', 3_000),
    dbPoolWaitMs: integer('STOCKROOM_DB_POOL_WAIT_MS', 10_000),
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
    webhookAllowHosts: list(env.STOCKROOM_WEBHOOK_ALLOW_HOSTS),
    rateLimits: loadRateLimits(env),
    trustProxy: trustProxy(env.STOCKROOM_TRUST_PROXY),
    forecastRefreshMs: integer('STOCKROOM_FORECAST_REFRESH_MS', 60_000),
    natsUrl: env.NATS_URL || undefined,
    natsStream: env.NATS_STREAM || 'STOCKROOM',
    natsSubjectPrefix: env.NATS_SUBJECT_PREFIX || 'stockroom',
    natsStreamReplicas: Math.min(
      5,
      Math.max(1, integer('NATS_STREAM_REPLICAS', list(env.NATS_URL).length > 1 ? 3 : 1, env)),
    ),
    retention: {
      idempotencyTtlMs: duration('STOCKROOM_IDEMPOTENCY_TTL', DEFAULT_RETENTION.idempotencyTtlMs, env),
      eventRetentionMs: duration('STOCKROOM_EVENT_RETENTION', DEFAULT_RETENTION.eventRetentionMs, env),
      intervalMs: duration('STOCKROOM_RETENTION_INTERVAL', DEFAULT_RETENTION.intervalMs, env),
      batchSize: Math.max(1, integer('STOCKROOM_RETENTION_BATCH', DEFAULT_RETENTION.batchSize)),
    },
    metricsToken: env.STOCKROOM_METRICS_TOKEN || undefined,
    workers: optionalInteger('STOCKROOM_WORKERS', 'workers', env).workers,
    analyzeIntervalMs: duration('STOCKROOM_ANALYZE_INTERVAL', 10_000, env),
    ...shutdownTiming(env),
    adminKeyFile:
      env.STOCKROOM_ADMIN_KEY_FILE || `${(env.STOCKROOM_DATA || './data').replace(/\/+$/, '')}/admin-key`,
  };
}
