/** SQL for the event log (the outbox): writing events in a change's transaction, sequencing them, reading them. */
import { changesNoStock, type Queryable, type Transaction } from './database.ts';

export interface NewEvent {
  type: string;
  /** The aggregate the event belongs to, e.g. `order:o-1`; its events are numbered in order. */
  stream: string;
  data: Record<string, unknown>;
}

export interface StoredEvent {
  /** Unique and stable: `evt_<row id>`. */
  id: string;
  /** Position in the log: gap-free, increasing, the order consumers see. */
  seq: number;
  stream: string;
  streamSeq: number;
  type: string;
  at: string;
  data: Record<string, unknown>;
}

/** Writes events in the caller's transaction: they exist exactly when the change commits. */
export async function emitEvents(q: Queryable, at: Date, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  await q.query(
    `insert into events (type, at, stream, data)
     select t.type, $1, t.stream, t.data from unnest($2::text[], $3::text[], $4::jsonb[]) as t(type, stream, data)`,
    [at, events.map((e) => e.type), events.map((e) => e.stream), events.map((e) => JSON.stringify(e.data))],
  );
}

/** Serialises sequencers across processes; the value is arbitrary but fixed. */
const SEQUENCER_LOCK = 7_302_118;

/**
 * Gives committed, unsequenced events their place in the log, oldest first, at most `limit`.
 * One sequencer at a time (an advisory lock): a reader following `seq` sees each number once,
 * in order, and never a later number before an earlier one commits. Returns how many it gave.
 *
 * Each event finds its stream's new last number in one object built from the upserted streams
 * (a key lookup), not by joining the two sets: the planner estimates the batch from
 * `seq is null`, which the last ANALYZE saw as almost never true, so it joined them as a nested
 * loop over both, comparing every event with every stream (1,000 events of 505 streams: 504,000
 * comparisons and 87 ms a pass, against 14 ms this way).
 */
export async function sequenceEvents(tx: Transaction, limit: number): Promise<number> {
  const { rows: got } = await tx.query<{ locked: boolean }>(
    'select pg_try_advisory_xact_lock($1) as locked',
    [SEQUENCER_LOCK],
  );
  if (!got[0]!.locked) return 0;
  const { rows } = await tx.query<{ n: number }>(
    `with batch as (
       select id, stream,
              row_number() over (order by id) as n,
              row_number() over (partition by stream order by id) as sn,
              count(*) over (partition by stream) as cnt
       from (select id, stream from events where seq is null order by id limit $1) b
     ),
     streams as (
       insert into event_streams (stream, last_seq)
       select stream, count(*) from batch group by stream
       on conflict (stream) do update set last_seq = event_streams.last_seq + excluded.last_seq
       returning stream, last_seq
     ),
     last_seqs as materialized (select jsonb_object_agg(stream, last_seq) as of_stream from streams),
     base as (select coalesce(max(seq), 0) as s from events)
     update events e set seq = base.s + b.n, stream_seq = (l.of_stream ->> b.stream)::bigint - b.cnt + b.sn
     from batch b, last_seqs l, base
     where e.id = b.id
     returning 1 as n`,
    [limit],
  );
  return rows.length;
}

interface EventRow {
  id: number;
  seq: number;
  stream: string;
  stream_seq: number;
  type: string;
  at: Date;
  data: Record<string, unknown>;
}

const toEvent = (r: EventRow): StoredEvent => ({
  id: `evt_${r.id}`,
  seq: r.seq,
  stream: r.stream,
  streamSeq: r.stream_seq,
  type: r.type,
  at: r.at.toISOString(),
  data: r.data,
});

const READ_EVENTS_SQL = changesNoStock(
  `select id, seq, stream, stream_seq, type, at, data from events
   where seq > $1 and ($3::text[] is null or type = any($3::text[]))
   order by seq limit $2`,
);

/** Sequenced events after `after`, in log order, optionally of some types only. */
export async function readEvents(
  q: Queryable,
  after: number,
  limit: number,
  types?: readonly string[],
): Promise<StoredEvent[]> {
  const { rows } = await q.query<EventRow>(READ_EVENTS_SQL, [
    after,
    limit,
    types && types.length > 0 ? types : null,
  ]);
  return rows.map(toEvent);
}

/** The events with these sequence numbers, in log order (a pruned one is simply missing). */
export async function readEventsBySeq(q: Queryable, seqs: readonly number[]): Promise<StoredEvent[]> {
  const { rows } = await q.query<EventRow>(
    `select id, seq, stream, stream_seq, type, at, data from events where seq = any($1::bigint[]) order by seq`,
    [seqs],
  );
  return rows.map(toEvent);
}

/** Whether some committed event has no sequence number yet (through `events_unsequenced`). */
export async function unsequencedEventsExist(q: Queryable): Promise<boolean> {
  const { rows } = await q.query<{ pending: boolean }>(
    'select exists (select 1 from events where seq is null) as pending',
  );
  return rows[0]!.pending;
}

const LAST_SEQ_SQL = changesNoStock('select coalesce(max(seq), 0) as s from events');

/** The highest sequence number given so far (0 for an empty log). */
export async function lastSeq(q: Queryable): Promise<number> {
  const { rows } = await q.query<{ s: number }>(LAST_SEQ_SQL);
  return rows[0]!.s;
}
