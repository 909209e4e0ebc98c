/**
 * Followers of the event log (the alert evaluator, back-in-stock notifications): each keeps how
 * far it has read by `seq` in `event_followers`, advanced in the transaction that acts on what
 * it read, so a crash re-reads and nothing is skipped.
 */
import type { Queryable, Transaction } from '../db/database.ts';

/**
 * Whether the log has events the follower has not read: one read outside any transaction, so
 * that the passes that find nothing (nearly all of them, several a second) take no lock and open
 * no transaction. An event numbered just after it waits for the next pass, as it would anyway.
 */
export async function followerBehind(q: Queryable, name: string): Promise<boolean> {
  const { rows } = await q.query<{ behind: boolean }>(
    `select (select coalesce(max(seq), 0) from events)
            > coalesce((select after_seq from event_followers where name = $1), 0) as behind`,
    [name],
  );
  return rows[0]!.behind;
}

/** Takes the follower's row (created at 0 on first use) for this transaction; returns its seq. */
export async function claimFollower(tx: Transaction, name: string): Promise<number> {
  await tx.query('insert into event_followers (name) values ($1) on conflict (name) do nothing', [name]);
  const { rows } = await tx.query<{ after_seq: number | string }>(
    'select after_seq from event_followers where name = $1 for update',
    [name],
  );
  return Number(rows[0]!.after_seq);
}

export async function advanceFollower(tx: Transaction, name: string, seq: number): Promise<void> {
  await tx.query('update event_followers set after_seq = $2 where name = $1', [name, seq]);
}

/** Only one process does a follower's work at a time (the others skip their tick). */
export async function tryExclusive(tx: Transaction, lockId: number): Promise<boolean> {
  const { rows } = await tx.query<{ locked: boolean }>('select pg_try_advisory_xact_lock($1) as locked', [
    lockId,
  ]);
  return rows[0]!.locked;
}
