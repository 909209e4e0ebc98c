import { ensureAdminKey } from '../app/api-keys.ts';
import { AvailabilityCache } from '../app/availability-cache.ts';
import { createContext } from '../app/create-context.ts';
import { startAlertEvaluator } from '../app/alerts.ts';
import { startBackInStock } from '../app/back-in-stock-loop.ts';
import { startEventSequencer } from '../app/events.ts';
import { startExpiryLoop } from '../app/expiry.ts';
import { startLockReleaseLoop } from '../app/lock-release-loop.ts';
import { startStandingOrderLoop } from '../app/standing-order-loop.ts';
import { startForecastRefresher } from '../app/replenishment.ts';
import { startRetentionJob } from '../app/retention.ts';
import { startStatisticsKeeper } from '../app/statistics.ts';
import { defaultDeliveryOptions, startWebhookWorker } from '../app/webhook-delivery.ts';
import type { Config } from '../config.ts';
import { migrate } from '../db/migrate.ts';
import {
  DataDirInUse,
  describeDatabase,
  explainOpenFailure,
  openDatabase,
  openReadRouter,
} from '../db/open.ts';
import { Readiness } from '../http/routes/health.ts';
import { buildServer } from '../http/server.ts';
import {
  planWorkers,
  reportListening,
  servePrimary,
  shareKeyEndsWithSiblings,
  shareStockWritesWithSiblings,
  workerId,
} from './cluster.ts';
import { assertPortFree } from './port.ts';
import { stopOnSignals } from './shutdown.ts';
import { announceStart, keepNewAdminKey } from './start-notice.ts';

export async function serve(config: Config): Promise<void> {
  const worker = workerId();
  if (worker === null) {
    const plan = planWorkers(config);
    if (plan.note) console.warn(plan.note);
    if (plan.count > 1) return servePrimary(config, plan.count);
  }
  return serveOne(config, worker);
}

/** One server process: on its own, or worker `worker` of several sharing the port (cluster.ts). */
async function serveOne(config: Config, worker: number | null): Promise<void> {
  // Milliseconds since the process started, at the end of each start-up step: what a restart waits for.
  const boot: Record<string, number> = { modulesLoaded: Math.round(performance.now()) };
  const step = (name: string) => (boot[name] = Math.round(performance.now()));
  // Before anything is created (the data folder, the first admin key): a port in use leaves nothing behind.
  // A worker's port is the primary's, which checked it (and applied the migrations).
  if (worker === null) await assertPortFree(config.host, config.port);
  let db: Awaited<ReturnType<typeof openDatabase>>;
  try {
    db = await openDatabase(config);
    step('databaseOpen');
    if (worker === null) await migrate(db);
  } catch (err) {
    if (err instanceof DataDirInUse) throw err;
    throw new Error(explainOpenFailure(err, config), { cause: err });
  }
  step('migrated');
  // The fallback handler logs through the server, which exists only later.
  let onReadFallback: (reason: string, replica: string, err?: unknown) => void = () => {};
  const reads = openReadRouter(db, config, {
    maxWaitMs: config.readReplicaMaxWaitMs,
    onFallback: (reason, replica, err) => onReadFallback(reason, replica, err),
  });
  const ctx = createContext(
    db,
    {
      retention: config.retention,
      reads,
      availabilityCache: new AvailabilityCache({ ttlMs: config.availabilityCacheMs }),
    },
    { reservationLanes: config.reservationLanes },
  );
  // The background loops run on the database underneath: their idle passes (the sequencer's
  // every 100 ms, expiry's every second) would otherwise retire the cached availability answers
  // for nothing. The three that change stock retire them when a pass changed some.
  const background = { ...ctx, db };
  const stockChanged = () => ctx.availabilityCache.invalidate();
  // From the start, not the first scrape: event-loop lag is measured over the process's life.
  ctx.metrics.collectProcessMetrics();
  const newAdminKey = await ensureAdminKey(ctx, config.adminKey);
  const readiness = new Readiness();
  const app = await buildServer(ctx, {
    logger: { level: config.logLevel },
    rateLimits: config.rateLimits,
    trustProxy: config.trustProxy,
    metricsToken: config.metricsToken,
    readiness,
    eventStreams: { limits: config.eventStreams },
  });
  if (worker !== null) {
    shareKeyEndsWithSiblings();
    shareStockWritesWithSiblings(ctx.availabilityCache);
    // Which process answered: for operators following a request, and for the cluster tests.
    const id = String(worker);
    // On the raw response, so that hijacked answers (the live stream) carry it too; and when
    // sending, for answers given before this hook (401 from authentication).
    app.addHook('onRequest', async (_req, reply) => {
      reply.raw.setHeader('stockroom-worker', id);
    });
    app.addHook('onSend', async (_req, reply, payload) => {
      reply.header('stockroom-worker', id);
      return payload;
    });
  }
  step('routesBuilt');
  const notice = {
    database:
      describeDatabase(config) +
      (reads.replicas > 0 ? `; reads from ${reads.replicas} replica(s) (DATABASE_READ_URL)` : ''),
    newAdminKey,
    adminKeyFromEnvironment: Boolean(config.adminKey),
    adminKeyFile: config.adminKeyFile,
  };
  // Listen first, then start the background work: a restart serves as soon as it can, and
  // what came due while it was down is picked up a moment later.
  let address: string;
  try {
    address = await app.listen({ host: config.host, port: config.port });
  } catch (err) {
    // Someone took the port since the check: keep the key this start created, never print it to the log.
    keepNewAdminKey(notice, app.log);
    await db.close();
    throw err;
  }
  step('listening');
  reportListening();
  app.log.info(
    { bootMs: boot, ...(worker !== null && { worker }) },
    `serving ${Math.round(boot.listening! / 100) / 10} s after the process started`,
  );
  const expiry = startExpiryLoop(background, {
    intervalMs: config.expiryIntervalMs,
    onError: (err) => app.log.error({ err }, 'expiring orders failed; will retry'),
    onExpired: (ids) => {
      stockChanged();
      app.log.info({ orders: ids }, `released ${ids.length} expired order(s)`);
    },
  });
  const lockRelease = startLockReleaseLoop(background, {
    intervalMs: config.expiryIntervalMs,
    onError: (err) => app.log.error({ err }, 'releasing due locks failed; will retry'),
    onReleased: (releases) => {
      stockChanged();
      app.log.info({ releases }, `released ${releases.length} due lock wave(s)`);
    },
  });
  const standingOrders = startStandingOrderLoop(background, {
    intervalMs: config.standingOrderIntervalMs,
    onError: (err) => app.log.error({ err }, 'reserving standing orders failed; will retry'),
    onRun: (run) => {
      stockChanged();
      app.log.info(
        { reserved: run.reserved, short: run.short, missed: run.missed },
        `standing orders: ${run.reserved.length} delivery(ies) reserved, ${run.short.length} short`,
      );
    },
  });
  // On PGlite this process is the only one that can open the database, so its sequencer numbers
  // every event: it tells the webhook worker, which then needs no watch on the log (20 queries a
  // second on an idle server). Processes sharing a PostgreSQL server each watch.
  const alone = db.kind === 'pglite';
  const webhooks = startWebhookWorker(background, {
    ...defaultDeliveryOptions({ ...config.webhooks, fetch: ctx.outbound.fetch }),
    onError: (err) => app.log.error({ err }, 'delivering webhooks failed; will retry'),
    ...(alone && { watchMs: 0 }),
  });
  const sequencer = startEventSequencer(background, {
    intervalMs: 100,
    onError: (err) => app.log.error({ err }, 'sequencing events failed; will retry'),
    ...(alone && { onSequenced: webhooks.logMoved }),
  });
  const nats = config.natsUrl
    ? (await import('../app/nats.ts')).startNatsPublisher(background, {
        url: config.natsUrl,
        stream: config.natsStream,
        subjectPrefix: config.natsSubjectPrefix,
        replicas: config.natsStreamReplicas,
        intervalMs: 200,
        onError: (err) => app.log.error({ err }, 'publishing events to NATS failed; will retry'),
      })
    : null;
  const alerts = startAlertEvaluator(background, {
    intervalMs: 500,
    sweepIntervalMs: 60_000,
    onError: (err) => app.log.error({ err }, 'evaluating alerts failed; will retry'),
  });
  const backInStock = startBackInStock(background, config, {
    onError: (err) => app.log.error({ err }, 'back-in-stock notifications failed; will retry'),
  });
  const forecasts = startForecastRefresher(background, {
    intervalMs: config.forecastRefreshMs,
    onError: (err) => app.log.error({ err }, 'refreshing demand forecasts failed; will retry'),
  });
  const retention = startRetentionJob(background, {
    onError: (err) => app.log.error({ err }, 'retention run failed; will retry'),
    onRun: (run) => {
      if (
        run.events + run.webhookDeliveries + run.idempotencyKeys + run.demandDays + run.partitionsCreated >
        0
      )
        app.log.info({ retention: run }, 'retention run pruned old rows');
    },
  });
  const statistics = startStatisticsKeeper(background, {
    intervalMs: config.analyzeIntervalMs,
    onError: (err) => app.log.error({ err }, 'refreshing planner statistics failed; will retry'),
    onAnalyzed: (tables) => app.log.info({ tables }, `analyzed ${tables.length} much-changed table(s)`),
  });
  onReadFallback = (reason, replica, err) => {
    ctx.metrics.reads.fallbacks.inc({ reason });
    if (reason === 'replica_down')
      app.log.warn({ err, replica }, 'read replica unavailable; reading the primary');
  };
  announceStart({ ...notice, address }, app.log);
  stopOnSignals(
    app.log,
    { timeoutMs: config.shutdownTimeoutMs, drainMs: config.shutdownDrainMs },
    readiness,
    [
      { name: 'http', stop: () => app.close() },
      {
        name: 'background',
        stop: () =>
          stopAll([
            expiry,
            lockRelease,
            standingOrders,
            sequencer,
            alerts,
            backInStock,
            forecasts,
            retention,
            statistics,
            webhooks,
            nats,
          ]),
      },
      {
        name: 'database',
        stop: async () => {
          await reads.close();
          await db.close();
        },
      },
    ],
  );
}

async function stopAll(loops: ({ stop: () => Promise<void> } | null)[]): Promise<void> {
  await Promise.all(loops.map((loop) => loop?.stop()));
}
