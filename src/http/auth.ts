import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticate } from '../app/api-keys.ts';
import type { Actor, AppContext, Role } from '../app/context.ts';
import { errorBody } from './errors.ts';

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

/** Keys are looked up on each request but remembered briefly: a revoked key stops within this. */
const KEY_CACHE_MS = 5_000;

export function authHook(ctx: AppContext) {
  const cache = new Map<string, { actor: Actor | null; until: number }>();
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const roles = request.routeOptions.config.roles;
    if (!roles) return;
    const header = request.headers.authorization;
    const key = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!key) {
      return reply
        .status(401)
        .send(errorBody('unauthenticated', 'send an API key as "Authorization: Bearer <key>"'));
    }
    const now = Date.now();
    let hit = cache.get(key);
    if (!hit || hit.until < now) {
      hit = { actor: await authenticate(ctx, key), until: now + KEY_CACHE_MS };
      if (cache.size > 10_000) cache.clear();
      cache.set(key, hit);
    }
    if (!hit.actor)
      return reply.status(401).send(errorBody('unauthenticated', 'this API key is unknown or revoked'));
    if (!roles.includes(hit.actor.role)) {
      return reply.status(403).send(
        errorBody(
          'forbidden',
          `a ${hit.actor.role} key may not ${request.method} ${request.routeOptions.url}`,
          {
            role: hit.actor.role,
            allowed: roles,
          },
        ),
      );
    }
    request.actor = hit.actor;
  };
}
