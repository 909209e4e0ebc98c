/**
 * Route glue, once: what a command route hands its use case, and the fields a request's schema
 * fills in with their defaults.
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
 * A request part with the fields its schema gives a default: validation fills them in
 * (useDefaults), so they are always there, though their types, being optional in the request,
 * cannot say so. The schema stays the one place each default is written; this only tells the
 * type checker, and asserts it.
 */
export function withDefaults<T extends object, K extends keyof T>(
  part: T,
  ...keys: K[]
): T & { [P in K]-?: Exclude<T[P], undefined> } {
  for (const key of keys) assert(part[key] !== undefined, `the schema fills in a default ${String(key)}`);
  return part as T & { [P in K]-?: Exclude<T[P], undefined> };
}

/** A list route's query with its page size (the `limit` schema has a default). */
export const paged = <Q extends { limit?: number | undefined }>(query: Q) => withDefaults(query, 'limit');
