/**
 * Route glue, once: what a command route hands its use case, and a list route's page size.
 */
import type { Actor, CommandOptions } from '../app/context.ts';
import { assert } from '../domain/assert.ts';

/** Who asks and the Idempotency-Key they sent (IdempotencyHeaders), for every command. */
export function commandOptions(req: {
  actor: Actor;
  headers: { 'idempotency-key'?: string | undefined };
}): CommandOptions {
  return { actor: req.actor, idempotencyKey: req.headers['idempotency-key'] };
}

/**
 * A list route's query with its page size. The `limit` schema has a default that validation
 * fills in (useDefaults), so `limit` is always there; its type, being optional in the query,
 * cannot say so.
 */
export function paged<Q extends { limit?: number | undefined }>(query: Q): Q & { limit: number } {
  assert(query.limit !== undefined, 'the limit schema fills in a default page size');
  return query as Q & { limit: number };
}
