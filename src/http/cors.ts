/**
 * CORS for browser storefronts (docs/api.md#cors). A route is open to an origin when one of
 * the key roles it allows lists that origin (src/config.ts `CorsOrigins`): with only
 * STOCKROOM_CORS_ORIGINS set, a shop's pages reach what a storefront key may call and nothing
 * else. A preflight for anything else, or from another origin, is answered like no route.
 *
 * A preflight carries no credentials, so it is judged by the route it asks about (the
 * roles that route allows), never by a key.
 */
import cors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../app/context.ts';
import type { CorsOrigins } from '../config.ts';

/** Headers a browser page may send, and those it may read from the answer. */
const ALLOWED_HEADERS = ['authorization', 'content-type', 'idempotency-key', 'last-event-id'];
const EXPOSED_HEADERS = ['idempotent-replayed', 'retry-after', 'stockroom-sync-token'];
/** Browsers remember a preflight answer this long (Chromium caps it at 2 h). */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

interface RouteRoles {
  method: string;
  pattern: RegExp;
  /** Fewer path parameters first: `/v1/stock/damaged` before `/v1/stock/:sku`. */
  params: number;
  roles: readonly Role[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const toPattern = (url: string) =>
  new RegExp(
    `^${url
      .split('/')
      .map((seg) => (seg.startsWith(':') ? '[^/]+' : escape(seg)))
      .join('/')}$`,
  );

export async function registerCors(app: FastifyInstance, origins: CorsOrigins): Promise<void> {
  const anyOpen = Object.values(origins).some((list) => list.length > 0);
  if (!anyOpen) return;
  const routes: RouteRoles[] = [];
  app.addHook('onRoute', (route) => {
    const roles = route.config?.roles;
    if (!roles) return;
    for (const method of [route.method].flat()) {
      routes.push({
        method,
        pattern: toPattern(route.url),
        params: route.url.split('/:').length - 1,
        roles,
      });
    }
  });

  /** The roles of the route a preflight asks about. */
  const rolesFor = (method: string, path: string): readonly Role[] | undefined =>
    routes.filter((r) => r.method === method && r.pattern.test(path)).sort((a, b) => a.params - b.params)[0]
      ?.roles;

  const allows = (roles: readonly Role[] | undefined, origin: string) =>
    (roles ?? []).some((role) => origins[role].includes('*') || origins[role].includes(origin));

  const decide = (req: FastifyRequest): FastifyCorsOptions => {
    const origin = req.headers.origin;
    if (!origin) return { origin: false };
    const preflight = req.method === 'OPTIONS';
    const requested = req.headers['access-control-request-method'];
    const roles = preflight
      ? typeof requested === 'string'
        ? rolesFor(requested.toUpperCase(), req.url.split('?')[0] ?? '')
        : undefined
      : req.routeOptions.config.roles;
    if (!allows(roles, origin)) return { origin: false };
    return {
      origin,
      methods: preflight && typeof requested === 'string' ? [requested.toUpperCase()] : [req.method],
      allowedHeaders: ALLOWED_HEADERS,
      exposedHeaders: EXPOSED_HEADERS,
      maxAge: PREFLIGHT_MAX_AGE_SECONDS,
    };
  };

  await app.register(cors, {
    hideOptionsRoute: true,
    delegator: (req, callback) => callback(null, decide(req)),
  });
}
