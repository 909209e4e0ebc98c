import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isUnavailable } from '../db/database.ts';
import { invalidRequest } from './validation.ts';
import { DomainError, ERROR_KINDS, type ErrorCode, type ErrorKind } from '../domain/errors.ts';

/**
 * What a 503 tells clients to wait before retrying: about how long the service takes to serve
 * again once the database accepts connections (background loops retry at most every 2 s).
 */
export const RETRY_AFTER_SECONDS = 2;

/** The one map from a failure's kind to its HTTP status. */
const STATUS_OF_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  missing: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  unsupported: 415,
  too_many: 429,
  unavailable: 503,
};

/** The HTTP status of an error code of the catalogue. */
export const statusOf = (code: ErrorCode): number => STATUS_OF_KIND[ERROR_KINDS[code]];

export function errorBody(code: string, message: string, details?: Record<string, unknown>) {
  return { error: details ? { code, message, details } : { code, message } };
}

/** Fastify's own client errors, under the stable codes of api.md. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
};

export function handleError(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  // A request failing its route's schema gets the same invalid_request as the CLI's (validation.ts).
  const refused =
    err instanceof DomainError
      ? err
      : err.validation
        ? invalidRequest(err.validationContext, err.validation, err.message)
        : null;
  if (refused) {
    return reply
      .status(statusOf(refused.code))
      .send(errorBody(refused.code, refused.message, refused.details));
  }
  const known = err.code ? FASTIFY_CODES[err.code] : undefined;
  if (known) return reply.status(statusOf(known)).send(errorBody(known, err.message));
  if (err instanceof SyntaxError)
    return reply.status(400).send(errorBody('invalid_json', 'the body is not valid JSON'));
  if (isUnavailable(err)) {
    request.log.error({ err }, 'database unavailable');
    return reply
      .status(503)
      .header('retry-after', String(RETRY_AFTER_SECONDS))
      .send(errorBody('database_unavailable', 'the database cannot be reached; try again'));
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return reply.status(err.statusCode).send(errorBody('invalid_request', err.message));
  }
  request.log.error({ err }, 'unexpected error');
  return reply
    .status(500)
    .send(errorBody('internal_error', 'an unexpected error occurred; it has been logged'));
}
