import { createHash } from 'node:crypto';
import type { Transaction } from '../db/database.ts';
import { fail } from '../domain/errors.ts';
import type { Actor, AppContext, Outcome } from './context.ts';

export function fingerprint(value: unknown): string {
  return createHash('sha256').update(stableJson(value)).digest('base64url');
}

/** JSON with object keys sorted, so that field order does not change a fingerprint. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export interface Command {
  /** Who sends it: stored answers belong to the API key that made them (as Stripe's per account). */
  actor: Pick<Actor, 'id'>;
  /** The client's Idempotency-Key header, if it sent one. */
  idempotencyKey?: string | undefined;
  /** What the request asked for (route and body): a replay must ask for the same. */
  request: unknown;
}

/**
 * Keys stored before keys were scoped (migration 020) carry this owner: they answer a repeat
 * from any API key until they expire, as they did when they were made.
 */
const UNSCOPED = '';

/**
 * Runs a stock-changing command in one transaction. With an idempotency key, the key is
 * claimed first in that same transaction (a concurrent twin waits on the claim), and the
 * answer is stored with it, so a repeat returns the first answer and a failed first attempt
 * leaves no trace. Only committed answers are kept: a refused command may be retried.
 *
 * Keys are scoped to the API key that sent them: another caller's same Idempotency-Key is a
 * different key. A stored answer lives `ctx.retention.idempotencyTtlMs` (24 h by default);
 * after that a repeat is a new request (the expired key is claimed afresh), and the
 * maintenance job purges expired keys (src/app/retention.ts).
 */
export async function runCommand<T>(
  ctx: AppContext,
  command: Command,
  work: (tx: Transaction) => Promise<Outcome<T>>,
): Promise<Outcome<T>> {
  const key = command.idempotencyKey;
  if (!key) return ctx.db.transaction(work);
  const hash = fingerprint(command.request);
  const actorId = command.actor.id;
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock();
    const expiredBefore = new Date(now.getTime() - ctx.retention.idempotencyTtlMs);
    // Claims the key, or takes over an expired one: either way this request is new.
    const claimed = await tx.query(
      `insert into idempotency_keys (actor_id, key, request_hash, created_at)
       select $1, $2, $3, $4
       where not exists (select 1 from idempotency_keys
                         where actor_id = $6 and key = $2 and created_at >= $5)
       on conflict (actor_id, key) do update
         set request_hash = excluded.request_hash, created_at = excluded.created_at,
             created = null, response = null
         where idempotency_keys.created_at < $5
       returning key`,
      [actorId, key, hash, now, expiredBefore, UNSCOPED],
    );
    if (claimed.rows.length === 0) {
      const { rows } = await tx.query<{ request_hash: string; created: boolean; response: T }>(
        `select request_hash, created, response from idempotency_keys
         where actor_id = any($1::text[]) and key = $2 and created_at >= $3
         order by actor_id = $4 limit 1`,
        [[actorId, UNSCOPED], key, expiredBefore, UNSCOPED],
      );
      const first = rows[0];
      if (!first || first.request_hash !== hash) {
        fail('idempotency_key_reused', 'this Idempotency-Key was used for a different request', {
          idempotencyKey: key,
        });
      }
      return { created: first.created, body: first.response, replayed: true };
    }
    const outcome = await work(tx);
    await tx.query(
      'update idempotency_keys set created = $3, response = $4 where actor_id = $1 and key = $2',
      [actorId, key, outcome.created, JSON.stringify(outcome.body)],
    );
    return outcome;
  });
}
