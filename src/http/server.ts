import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../app/context.ts';
import { registerAccessControl } from './auth.ts';
import { loadCorsOrigins, loadRateLimits, type CorsOrigins, type RateLimitConfig } from '../config.ts';
import { registerCors } from './cors.ts';
import { DOCS_CSP, registerSecurityHeaders } from './security-headers.ts';
import { warehouseScopeHook } from './warehouse-scope.ts';
import { errorBody, handleError } from './errors.ts';
import { registerHostileInputGuards } from './hostile-input.ts';
import { responseSerializerCompiler } from './serialization.ts';
import { requestValidatorCompiler, schemaErrorMessage } from './validation.ts';
import { adminRoutes } from './routes/admin.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { channelRoutes } from './routes/channels.ts';
import { productRoutes } from './routes/products.ts';
import { orderRoutes } from './routes/orders.ts';
import { stockRoutes } from './routes/stock.ts';
import { stockImportRoutes } from './routes/stock-import.ts';
import { storefrontRoutes } from './routes/storefront.ts';
import { lockRoutes } from './routes/locks.ts';
import { countRoutes } from './routes/counts.ts';
import { transferRoutes } from './routes/transfers.ts';
import { unsellableRoutes } from './routes/unsellable.ts';
import { zoneRoutes } from './routes/zones.ts';
import { virtualRoutes } from './routes/virtual.ts';
import { regionRoutes } from './routes/regions.ts';
import { eventRoutes } from './routes/events.ts';
import type { EventStreamOptions } from './event-stream.ts';
import { withRedaction } from './logging.ts';
import { registerRequestLog, requestIdOptions } from './request-log.ts';
import { registerHttpMetrics } from './request-metrics.ts';
import { alertRoutes } from './routes/alerts.ts';
import { backInStockRoutes } from './routes/back-in-stock.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { purchasingRoutes } from './routes/purchasing.ts';
import { replenishmentRoutes } from './routes/replenishment.ts';
import { demandRoutes, forecastEventRoutes } from './routes/demand.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { insightsRoutes } from './routes/insights.ts';
import { standingOrderRoutes } from './routes/standing-orders.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { healthRoutes, type Readiness } from './routes/health.ts';
import { shopRoutes } from './routes/shop.ts';
import { damagedSuffixRoutes } from './routes/damaged-suffix.ts';
import { registerWeb, sendPage } from './web.ts';
import { completeOpenApiDocument } from './openapi/document.ts';

export interface ServerOptions {
  logger?: FastifyServerOptions['logger'];
  /** Request budgets; from the environment when not given (docs/security.md). */
  rateLimits?: RateLimitConfig;
  /** Fastify's `trustProxy`: behind a reverse proxy, the client IP the limits count by. */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** A bearer token that may read GET /metrics besides admin keys. */
  metricsToken?: string | undefined;
  /** Flipped by the process when it begins to stop: /readyz then answers 503. */
  readiness?: Readiness;
  /** Limits of the live event stream (GET /v1/events/stream). */
  eventStreams?: EventStreamOptions;
  /** Browser origins allowed per key role; from the environment when not given (docs/api.md#cors). */
  cors?: CorsOrigins;
}

export async function buildServer(ctx: AppContext, options: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: withRedaction(options.logger ?? false),
    bodyLimit: 1024 * 1024,
    ajv: undefined,
    schemaErrorFormatter: schemaErrorMessage,
    trustProxy: options.trustProxy ?? false,
    ...requestIdOptions(),
  }).withTypeProvider<TypeBoxTypeProvider>();
  registerRequestLog(app);
  registerHttpMetrics(app, ctx.metrics);
  app.setValidatorCompiler(requestValidatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler);
  app.setErrorHandler(handleError);
  let page: (req: FastifyRequest) => string | null = () => null;
  app.setNotFoundHandler((req, reply) => {
    const html = page(req);
    if (html) return sendPage(reply, html);
    return reply.status(404).send(errorBody('not_found', `no route ${req.method} ${req.url.split('?')[0]}`));
  });
  // The API speaks JSON only: other bodies are 415, not strings that fail validation later.
  app.removeContentTypeParser('text/plain');
  registerHostileInputGuards(app);
  app.decorateRequest('actor', null as never);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Stockroom API',
        version: '1',
        description:
          'Ledger-backed inventory that never oversells. See README.md for the model and error codes.',
      },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
    },
    transformObject: (document) =>
      'openapiObject' in document
        ? completeOpenApiDocument(document.openapiObject as Record<string, unknown>)
        : document.swaggerObject,
  });
  await registerSecurityHeaders(app);
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: DOCS_CSP });
  // Before authentication: a preflight carries no key, and a 401 must still be readable cross-origin.
  await registerCors(app, options.cors ?? loadCorsOrigins());
  await registerAccessControl(app, ctx, options.rateLimits ?? loadRateLimits());
  app.addHook('onRequest', warehouseScopeHook);

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(healthRoutes(ctx, options.readiness));

  await app.register(catalogRoutes(ctx));
  await app.register(productRoutes(ctx));
  await app.register(stockRoutes(ctx));
  await app.register(stockImportRoutes(ctx));
  await app.register(orderRoutes(ctx));
  await app.register(storefrontRoutes(ctx));
  await app.register(adminRoutes(ctx));
  await app.register(unsellableRoutes(ctx));
  await app.register(zoneRoutes(ctx));
  await app.register(lockRoutes(ctx));
  await app.register(transferRoutes(ctx));
  await app.register(virtualRoutes(ctx));
  await app.register(regionRoutes(ctx));
  await app.register(eventRoutes(ctx, options.eventStreams));
  await app.register(webhookRoutes(ctx));
  await app.register(channelRoutes(ctx));
  await app.register(countRoutes(ctx));
  await app.register(alertRoutes(ctx));
  await app.register(backInStockRoutes(ctx));
  await app.register(purchasingRoutes(ctx));
  await app.register(replenishmentRoutes(ctx));
  await app.register(demandRoutes(ctx));
  await app.register(forecastEventRoutes(ctx));
  await app.register(insightsRoutes(ctx));
  await app.register(standingOrderRoutes(ctx));
  await app.register(dashboardRoutes(ctx));
  await app.register(metricsRoutes(ctx, { metricsToken: options.metricsToken }));
  await app.register(shopRoutes(ctx));
  await app.register(damagedSuffixRoutes(ctx));
  page = await registerWeb(app);
  return app;
}
