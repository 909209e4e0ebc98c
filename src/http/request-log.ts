/**
 * One log line per request, when it completes, and a request id on every response.
 * Successful requests log at debug (at the default level, info, a busy shop's traffic does not
 * drown what needs reading); failed ones (4xx and 5xx) at info. The id is the client's own
 * `request-id` header when it sends a sane one (so its logs and ours join up), else a new UUID;
 * Fastify puts it on every line logged for the request (`reqId`), and the response carries it
 * back in `request-id`.
 */
import { randomUUID } from 'node:crypto';
import { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';

export const REQUEST_ID_HEADER = 'request-id';

/** Short and printable: anything else from a client is replaced, not logged. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Fastify's own "incoming request" and "request completed" lines are off: onResponse logs one line instead. */
export function requestIdOptions() {
  return {
    requestIdHeader: false,
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'reqId' }),
    genReqId,
  } satisfies Partial<FastifyServerOptions>;
}

const genReqId: FastifyServerOptions['genReqId'] = (req) => {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
};

export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onRequest', async (req, reply) => {
    reply.header(REQUEST_ID_HEADER, req.id);
  });
  app.addHook('onResponse', async (req, reply) => {
    const fields = { req, res: reply, responseTimeMs: Math.round(reply.elapsedTime * 10) / 10 };
    if (reply.statusCode >= 400) req.log.info(fields, 'request failed');
    else req.log.debug(fields, 'request completed');
  });
}
