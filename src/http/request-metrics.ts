import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../app/metrics.ts';

/**
 * Times every answered request into `stockroom_http_request_duration_seconds`, labelled by the
 * route's template (`/v1/orders/:orderId`), never the raw URL, so the series stay few; requests
 * that matched no route share one label.
 */
export function registerHttpMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (req, reply) => {
    metrics.http.requestDuration.observe(
      { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
}
