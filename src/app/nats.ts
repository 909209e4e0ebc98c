/**
 * Publishing the event log to a NATS JetStream stream (when NATS_URL is set): each event goes
 * to `<prefix>.<event type>` (e.g. `stockroom.stock.changed`) as its StoredEvent JSON, with the
 * event id as `Nats-Msg-Id`, in log order. Where the publisher is in the log is a durable
 * cursor in the database (`nats_cursors`), moved only after JetStream acknowledged.
 *
 * One publisher at a time across processes: the cursor row is leased under an advisory lock,
 * and the lease is held while the process keeps publishing; a process that dies loses it when
 * the lease runs out. No transaction is open while talking to NATS. A crash between NATS's
 * acknowledgement and the cursor's commit publishes those events again; JetStream drops them
 * as duplicates of their `Nats-Msg-Id` (within the stream's duplicate window, 2 minutes by
 * default), and consumers can de-duplicate on the id in any case.
 */
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  jetstream,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstreamManager,
  type JetStreamClient,
} from '@nats-io/jetstream';
import { readEvents } from '../db/events.ts';
import { startDrainLoop } from './background.ts';
import { randomId, type AppContext } from './context.ts';

/** Serialises lease claims across processes; the value is arbitrary but fixed. */
const NATS_PUBLISHER_LOCK = 7_302_119;
export const NATS_BATCH = 500;

export interface NatsTarget {
  /** The JetStream stream, created (for `<subjectPrefix>.>`) if missing. */
  stream: string;
  subjectPrefix: string;
  /**
   * Copies of the stream kept by a NATS cluster when it is created (JetStream's num_replicas):
   * 3 on a 3-node cluster survives losing any one node. 1 by default (a single server).
   */
  replicas?: number;
}

/** NATS_URL may list several servers of one cluster, comma-separated: the client uses whichever answers. */
export const natsServers = (url: string): string[] =>
  url
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

export interface PublisherOptions extends NatsTarget {
  /** Who holds the lease: one id per process. */
  owner: string;
  leaseMs: number;
  batch: number;
}

export const subjectFor = (prefix: string, type: string) => `${prefix}.${type}`;

/** Creates the stream if it does not exist; an existing stream is left as it is. */
export async function ensureStream(nc: NatsConnection, target: NatsTarget): Promise<void> {
  const jsm = await jetstreamManager(nc);
  try {
    await jsm.streams.info(target.stream);
  } catch (err) {
    if (!(err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound)) throw err;
    await jsm.streams.add({
      name: target.stream,
      subjects: [`${target.subjectPrefix}.>`],
      num_replicas: target.replicas ?? 1,
    });
  }
}

/** Takes or renews the lease on the stream's cursor; null when another process holds it. */
async function claimCursor(ctx: AppContext, options: PublisherOptions): Promise<number | null> {
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const { rows: got } = await tx.query<{ locked: boolean }>(
      'select pg_try_advisory_xact_lock($1) as locked',
      [NATS_PUBLISHER_LOCK],
    );
    if (!got[0]!.locked) return null;
    // A new stream starts at the beginning of the log.
    await tx.query('insert into nats_cursors (stream, cursor_seq) values ($1, 0) on conflict do nothing', [
      options.stream,
    ]);
    const { rows } = await tx.query<{ cursor_seq: number }>(
      `update nats_cursors set lease_owner = $2, lease_until = $3
       where stream = $1 and (lease_owner is null or lease_owner = $2 or lease_until <= $4)
       returning cursor_seq`,
      [options.stream, options.owner, new Date(now.getTime() + options.leaseMs), now],
    );
    return rows[0]?.cursor_seq ?? null;
  });
}

async function advanceCursor(ctx: AppContext, options: PublisherOptions, to: number): Promise<void> {
  await ctx.db.query(
    `update nats_cursors set cursor_seq = $3
     where stream = $1 and lease_owner = $2 and cursor_seq < $3`,
    [options.stream, options.owner, to],
  );
}

/** Gives up the lease (on a clean stop), so another process takes over at once. */
export async function releaseCursor(ctx: AppContext, options: PublisherOptions): Promise<void> {
  await ctx.db.query(
    'update nats_cursors set lease_owner = null, lease_until = null where stream = $1 and lease_owner = $2',
    [options.stream, options.owner],
  );
}

/**
 * One pass: with the lease, publishes up to `batch` events after the cursor, one after the
 * other (each acknowledged before the next is sent, so the stream holds them in log order),
 * and moves the cursor over those acknowledged, also when a later one failed. Resolves with
 * how many were published and whether more may be waiting.
 */
export async function publishPass(
  ctx: AppContext,
  js: JetStreamClient,
  options: PublisherOptions,
): Promise<{ published: number; more: boolean }> {
  const cursor = await claimCursor(ctx, options);
  if (cursor === null) return { published: 0, more: false };
  const events = await readEvents(ctx.db, cursor, options.batch);
  let done = cursor;
  try {
    for (const e of events) {
      await js.publish(subjectFor(options.subjectPrefix, e.type), JSON.stringify(e), { msgID: e.id });
      done = e.seq;
    }
  } finally {
    if (done > cursor) await advanceCursor(ctx, options, done);
  }
  return { published: events.length, more: events.length === options.batch };
}

export const defaultPublisherOptions = (target: NatsTarget, overrides: Partial<PublisherOptions> = {}) => ({
  ...target,
  owner: randomId('proc'),
  leaseMs: 30_000,
  batch: NATS_BATCH,
  ...overrides,
});

/**
 * The publisher every server process runs when NATS_URL is set. It connects (and reconnects)
 * in the background: NATS being away delays publishing, never the API.
 */
export function startNatsPublisher(
  ctx: AppContext,
  options: NatsTarget & { url: string; intervalMs: number; onError: (err: unknown) => void },
): { stop: () => Promise<void> } {
  const publisher = defaultPublisherOptions(options);
  let nc: NatsConnection | null = null;
  let js: JetStreamClient | null = null;
  const loop = startDrainLoop({
    intervalMs: options.intervalMs,
    onError: options.onError,
    drainBatch: async () => {
      if (!nc || nc.isClosed()) {
        js = null;
        nc = await connect({
          servers: natsServers(options.url),
          maxReconnectAttempts: -1,
          name: 'stockroom',
        });
      }
      if (!js) {
        await ensureStream(nc, options);
        js = jetstream(nc);
      }
      return (await publishPass(ctx, js, publisher)).more;
    },
  });
  return {
    async stop() {
      await loop.stop();
      await releaseCursor(ctx, publisher).catch(options.onError);
      const conn = nc as NatsConnection | null;
      if (conn && !conn.isClosed()) await conn.drain().catch(options.onError);
    },
  };
}
