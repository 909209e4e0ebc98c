import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  authenticate,
  hashKey,
  LAST_USED_RESOLUTION_MS,
  onKeyEnded,
  recordKeyUse,
  type Authentication,
} from '../app/api-keys.ts';
import type { Actor, AppContext, Role } from '../app/context.ts';
import type { RateLimitConfig } from '../config.ts';
import { errorBody } from './errors.ts';
import { AuthFailureLimiter, registerKeyBudgets, sendRateLimited } from './rate-limits.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyContextConfig {
    /** Roles allowed on the route; routes outside /v1 are public. */
    roles?: readonly Role[];
  }
}

export const ADMIN: readonly Role[] = ['admin'];
export const OPERATORS: readonly Role[] = ['admin', 'operator'];
export const EVERYONE: readonly Role[] = ['admin', 'operator', 'storefront'];

/**
 * Keys are looked up in the database and the answer remembered this long. A key revoked or
 * rotated through this process is evicted at once; in other processes (another server on the
 * same PostgreSQL) a revocation bites within this bound.
 */
export const KEY_CACHE_MS = 5_000;
const KEY_CACHE_ENTRIES = 10_000;

/** Remembered lookups by key hash (the secret itself is never kept), evictable by key id. */
class KeyCache {
  private readonly entries = new Map<string, { auth: Authentication; until: number }>();

  get(hash: string, now: number): Authentication | undefined {
    const hit = this.entries.get(hash);
    if (hit && hit.until >= now) return hit.auth;
    return undefined;
  }

  set(hash: string, auth: Authentication, now: number): void {
    if (this.entries.size >= KEY_CACHE_ENTRIES) this.entries.clear();
    this.entries.set(hash, { auth, until: now + KEY_CACHE_MS });
  }

  evictKey(id: string): void {
    for (const [hash, { auth }] of this.entries)
      if (auth.ok && auth.actor.id === id) this.entries.delete(hash);
  }
}

/** Writes a key's last use at most once a minute per key per process, never on the request's path. */
class KeyUsage {
  private readonly written = new Map<string, number>();
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly ctx: AppContext,
    private readonly onError: (err: unknown) => void,
  ) {}

  touch(id: string): void {
    const at = this.ctx.clock();
    const last = this.written.get(id);
    if (last !== undefined && at.getTime() - last < LAST_USED_RESOLUTION_MS) return;
    if (this.written.size >= KEY_CACHE_ENTRIES) this.written.clear();
    this.written.set(id, at.getTime());
    const write: Promise<void> = recordKeyUse(this.ctx, id, at)
      .catch(this.onError)
      .finally(() => this.pending.delete(write));
    this.pending.add(write);
  }

  /** Resolves when the writes started so far are done (tests, and closing the server). */
  async flush(): Promise<void> {
    await Promise.all([...this.pending]);
  }
}

const refusal = (auth: Exclude<Authentication, { ok: true }>) =>
  auth.reason === 'expired'
    ? errorBody('unauthenticated', `this API key expired at ${auth.expiredAt.toISOString()}`, {
        expiredAt: auth.expiredAt.toISOString(),
      })
    : errorBody('unauthenticated', 'this API key is unknown or revoked');

/**
 * Authentication (every /v1 route names the roles it allows), failed-authentication limits per
 * IP, per-key request budgets, and the recording of each key's last use.
 */
export async function registerAccessControl(
  app: FastifyInstance,
  ctx: AppContext,
  limits: RateLimitConfig,
): Promise<void> {
  const cache = new KeyCache();
  const stopEvicting = onKeyEnded((id) => cache.evictKey(id));
  const usage = new KeyUsage(ctx, (err) => app.log.warn({ err }, 'recording an API key use failed'));
  const failures = new AuthFailureLimiter(limits.authFailuresPerIp, limits.windowMs);
  app.addHook('onClose', async () => {
    stopEvicting();
    await usage.flush();
  });
  app.decorate('keyUsage', usage);
  app.decorate('authFailures', failures);

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const roles = request.routeOptions.config.roles;
    if (!roles) return;
    const header = request.headers.authorization;
    const key = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!key) {
      return reply
        .status(401)
        .send(errorBody('unauthenticated', 'send an API key as "Authorization: Bearer <key>"'));
    }
    const blockedFor = failures.retryAfterSeconds(request.ip);
    if (blockedFor > 0) {
      return sendRateLimited(
        reply,
        blockedFor,
        `too many failed authentications from this address; retry in ${blockedFor} s`,
      );
    }
    const hash = hashKey(key);
    const now = Date.now();
    let auth = cache.get(hash, now);
    if (!auth) {
      auth = await authenticate(ctx, key);
      cache.set(hash, auth, now);
    }
    if (auth.ok && auth.expiresAt && auth.expiresAt <= ctx.clock()) {
      // Expired since it was looked up (the end of a rotation's grace period, say).
      auth = { ok: false, reason: 'expired', expiredAt: auth.expiresAt };
      cache.set(hash, auth, now);
    }
    if (!auth.ok) {
      failures.recordFailure(request.ip);
      return reply.status(401).send(refusal(auth));
    }
    const actor = auth.actor;
    if (!roles.includes(actor.role)) {
      return reply.status(403).send(
        errorBody('forbidden', `a ${actor.role} key may not ${request.method} ${request.routeOptions.url}`, {
          role: actor.role,
          allowed: roles,
        }),
      );
    }
    request.actor = actor;
    usage.touch(actor.id);
  });
  await registerKeyBudgets(app, limits);
}

declare module 'fastify' {
  interface FastifyInstance {
    /** For tests: `await app.keyUsage.flush()` waits for last-used writes in flight. */
    keyUsage: { flush(): Promise<void> };
    /** Failed authentications per IP: a route that checks a secret itself counts its failures here. */
    authFailures: AuthFailureLimiter;
  }
}
