import { createHash } from 'node:crypto';
import type { Transaction } from '../db/database.ts';
import { fail } from '../domain/errors.ts';
import type { AppContext, Outcome } from './context.ts';

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
  /** The client's Idempotency-Key header, if it sent one. */
  idempotencyKey?: string | undefined;
  /** What the request asked for (route and body): a replay must ask for the same. */
  request: unknown;
}

/**
 * Runs a stock-changing command in one transaction. With an idempotency key, the key is
 * claimed first in that same transaction (a concurrent twin waits on the claim), and the
 * answer is stored with it, so a repeat returns the first answer and a failed first attempt
 * leaves no trace. Only committed answers are kept: a refused command may be retried.
 */
export async function runCommand<T>(
  ctx: AppContext,
  command: Command,
  work: (tx: Transaction) => Promise<Outcome<T>>,
): Promise<Outcome<T>> {
  const key = command.idempotencyKey;
  if (!key) return ctx.db.transaction(work);
  const hash = fingerprint(command.request);
  return ctx.db.transaction(async (tx) => {
    const claimed = await tx.query(
      `insert into idempotency_keys (key, request_hash, created_at) values ($1, $2, $3)
       on conflict (key) do nothing returning key`,
      [key, hash, ctx.clock()],
    );
    if (claimed.rows.length === 0) {
      const { rows } = await tx.query<{ request_hash: string; status_code: number; response: T }>(
        'select request_hash, status_code, response from idempotency_keys where key = $1',
        [key],
      );
      const first = rows[0];
      if (!first || first.request_hash !== hash) {
        fail('idempotency_key_reused', 'this Idempotency-Key was used for a different request', {
          idempotencyKey: key,
        });
      }
      return { status: first.status_code as 200 | 201, body: first.response };
    }
    const outcome = await work(tx);
    await tx.query('update idempotency_keys set status_code = $2, response = $3 where key = $1', [
      key,
      outcome.status,
      JSON.stringify(outcome.body),
    ]);
    return outcome;
  });
}
