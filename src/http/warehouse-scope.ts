/**
 * Operators limited to warehouses are refused every route that has not said how it confines
 * them (`warehouseScoped`): a route added later is closed to them until someone decides.
 */
import type { FastifyRequest } from 'fastify';
import { requireUnlimited } from '../app/access.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route confines a limited operator itself (checks the warehouses a command touches,
     * filters a read, or serves data that belongs to no warehouse). See docs/access.md.
     */
    warehouseScoped?: boolean;
  }
}

/** Runs after the auth hook, which has set `request.actor` on every route that needs a key. */
export async function warehouseScopeHook(request: FastifyRequest): Promise<void> {
  const { roles, warehouseScoped } = request.routeOptions.config;
  if (!roles || warehouseScoped || !request.actor) return;
  requireUnlimited(request.actor, `${request.method} ${request.routeOptions.url}`);
}
