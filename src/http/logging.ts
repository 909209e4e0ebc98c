/**
 * What the access log may show. URLs carry credentials in places: the back-in-stock
 * unsubscribe token is the path itself (`/v1/back-in-stock-subscriptions/{token}[/unsubscribe]`),
 * and a careless client may put a key in the query (`?token=`, `?api_key=`). Headers carry API
 * keys (`authorization`). Every logged URL goes through `redactUrl`, and header paths that hold
 * credentials are censored by pino's `redact`, so that a log can be shared without a secret in it.
 */
import type { FastifyRequest, FastifyServerOptions } from 'fastify';

export const REDACTED = '[redacted]';

/** Query parameters whose value is a credential, whatever the route (compared lower-case). */
const SECRET_PARAMS =
  /^(token|access_token|refresh_token|api[-_]?key|key|secret|password|signature|sig|auth|authorization)$/i;

/** Path segments that follow these segments are credentials. */
const SECRET_AFTER_SEGMENT = new Set(['back-in-stock-subscriptions']);

/** Values that look like Stockroom secrets wherever they appear: API keys and webhook secrets. */
const SECRET_VALUE = /\b(sr|whsec)_[A-Za-z0-9_-]{8,}/g;

/** The URL with every credential in its path or query replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const path = q >= 0 ? url.slice(0, q) : url;
  const query = q >= 0 ? url.slice(q + 1) : null;
  const segments = path.split('/');
  for (let i = 1; i < segments.length; i++) {
    if (SECRET_AFTER_SEGMENT.has(segments[i - 1]!) && segments[i] !== '') segments[i] = REDACTED;
  }
  let out = segments.join('/');
  if (query !== null) {
    const params = query.split('&').map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq >= 0 ? pair.slice(0, eq) : pair;
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        // A malformed escape: judge the raw name.
      }
      return eq >= 0 && SECRET_PARAMS.test(name.trim()) ? `${rawName}=${REDACTED}` : pair;
    });
    out += `?${params.join('&')}`;
  }
  return out.replace(SECRET_VALUE, REDACTED);
}

/** Header paths pino censors wherever a request's or response's headers are logged. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["stockroom-signature"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  'res.headers["set-cookie"]',
];

/** The request as logged: what Fastify logs by default, with the URL redacted. */
export function serializeRequest(req: FastifyRequest) {
  return {
    method: req.method,
    url: redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

type LoggerOption = FastifyServerOptions['logger'];

/** The server's logger options with the redaction above added (false stays false). */
export function withRedaction(logger: LoggerOption): LoggerOption {
  if (!logger) return false;
  const given = logger === true ? {} : logger;
  return {
    ...given,
    redact: { paths: REDACTED_PATHS, censor: REDACTED },
    serializers: { ...given.serializers, req: serializeRequest },
  };
}
