import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authenticate } from '../../app/api-keys.ts';
import type { AppContext } from '../../app/context.ts';
import { errorBody } from '../errors.ts';
import { sendRateLimited } from '../rate-limits.ts';

/** Compares digests, so that neither the token's length nor its bytes leak through timing. */
const sameSecret = (a: string, b: string) =>
  timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

/**
 * GET /metrics in Prometheus text format (the registry is src/app/metrics.ts). Metrics reveal
 * traffic and backlog, so they are not public: a scraper sends an admin API key, or the
 * `STOCKROOM_METRICS_TOKEN` bearer token, which can read nothing else (docs/retention.md).
 */
export const metricsRoutes =
  (ctx: AppContext, options: { metricsToken?: string | undefined }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/metrics',
      {
        schema: {
          tags: ['health'],
          summary: 'Prometheus metrics (admin key, or the STOCKROOM_METRICS_TOKEN bearer token)',
          produces: ['text/plain'],
        },
      },
      async (req, reply) => {
        const header = req.headers.authorization;
        const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
        if (!bearer) {
          return reply
            .status(401)
            .send(
              errorBody('unauthenticated', 'send an admin API key or the metrics token as a Bearer token'),
            );
        }
        if (!(options.metricsToken && sameSecret(bearer, options.metricsToken))) {
          // Guessing keys here is as limited as anywhere else.
          const blockedFor = app.authFailures.retryAfterSeconds(req.ip);
          if (blockedFor > 0) {
            return sendRateLimited(
              reply,
              blockedFor,
              `too many failed authentications from this address; retry in ${blockedFor} s`,
            );
          }
          const auth = await authenticate(ctx, bearer);
          if (!auth.ok) app.authFailures.recordFailure(req.ip);
          if (!auth.ok)
            return reply
              .status(401)
              .send(errorBody('unauthenticated', 'this key is unknown, revoked or expired'));
          const { actor } = auth;
          if (actor.role !== 'admin') {
            return reply
              .status(403)
              .send(errorBody('forbidden', `a ${actor.role} key may not read metrics`, { role: actor.role }));
          }
        }
        const { registry } = ctx.metrics;
        ctx.metrics.collectProcessMetrics();
        return reply.header('content-type', registry.contentType).send(await registry.metrics());
      },
    );
  };
