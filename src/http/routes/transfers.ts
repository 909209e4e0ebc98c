import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.ts';

export const transferRoutes =
  (_ctx: AppContext): FastifyPluginAsyncTypebox =>
  async () => {};
