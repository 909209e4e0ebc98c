/**
 * Completes the document @fastify/swagger derives from the routes' schemas, in one place
 * rather than in 118 route definitions: operationIds from the table, the shared error envelope
 * on every 4xx/5xx an operation can answer, the `Idempotent-Replayed` header, the servers and
 * licence, and the webhook payloads. The result passes Redocly's recommended rules
 * (test/integration/openapi-lint.test.ts).
 */
import { ErrorBody } from '../schemas.ts';
import { OPERATION_IDS } from './operation-ids.ts';
import { webhookDocument } from './webhooks.ts';

type Json = Record<string, unknown>;
interface Operation extends Json {
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  responses?: Record<string, Json>;
  security?: unknown[];
}

/** One shared response per status, all with the error envelope of docs/api.md. */
const ERROR_RESPONSES: Record<string, { name: string; description: string }> = {
  '400': {
    name: 'BadRequest',
    description: 'invalid input (`invalid_request` and the codes of docs/api.md)',
  },
  '401': {
    name: 'Unauthenticated',
    description: 'no API key, or an unknown or revoked one (`unauthenticated`)',
  },
  '403': {
    name: 'Forbidden',
    description: "the key's role or warehouse scope does not allow it (`forbidden`)",
  },
  '404': { name: 'NotFound', description: 'the thing named in the path does not exist (`unknown_*`)' },
  '409': {
    name: 'Conflict',
    description: 'refused by a rule: not enough stock, a wrong state, a reused Idempotency-Key, ...',
  },
  '413': { name: 'PayloadTooLarge', description: 'the body is over 1 MiB (`payload_too_large`)' },
  '415': { name: 'UnsupportedMediaType', description: 'the body is not JSON (`unsupported_media_type`)' },
  '429': { name: 'RateLimited', description: 'over a request budget (`rate_limited`); see Retry-After' },
  '500': {
    name: 'InternalError',
    description: 'an unexpected error, logged; never leaks details (`internal_error`)',
  },
  '503': {
    name: 'Unavailable',
    description: 'the database cannot be reached (`database_unavailable`); see Retry-After',
  },
};

/** The statuses an operation can answer with the error envelope, from what it takes. */
function errorStatuses(method: string, path: string, op: Operation): string[] {
  const statuses: string[] = [];
  const takesInput = (op.parameters?.length ?? 0) > 0 || op.requestBody !== undefined;
  const isPublic = Array.isArray(op.security) && op.security.length === 0;
  if (takesInput) statuses.push('400');
  if (!isPublic) statuses.push('401', '403');
  if (path.includes('{')) statuses.push('404');
  if (method !== 'get') statuses.push('409');
  if (op.requestBody !== undefined) statuses.push('413', '415');
  statuses.push('429', '500', '503');
  return statuses;
}

const IDEMPOTENT_REPLAYED = {
  description: 'true when this is the stored answer to an earlier request with the same Idempotency-Key',
  schema: { type: 'string', enum: ['true'] },
};

const sharedErrorResponses = () =>
  Object.fromEntries(
    Object.values(ERROR_RESPONSES).map(({ name, description }) => [
      name,
      { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    ]),
  );

export function completeOpenApiDocument(doc: Json): Json {
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Operation>>;
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(item)) {
      const operationId = OPERATION_IDS[`${method.toUpperCase()} ${path}`];
      if (operationId) op.operationId = operationId;
      const responses = (op.responses ??= {});
      for (const status of errorStatuses(method, path, op)) {
        responses[status] ??= { $ref: `#/components/responses/${ERROR_RESPONSES[status]!.name}` };
      }
      if (op.parameters?.some((p) => p.in === 'header' && p.name === 'idempotency-key')) {
        for (const [status, response] of Object.entries(responses)) {
          if (status.startsWith('2')) {
            response.headers = { ...(response.headers as Json), 'Idempotent-Replayed': IDEMPOTENT_REPLAYED };
          }
        }
      }
    }
  }
  const components = (doc.components ?? {}) as Json;
  const { schemas, webhooks } = webhookDocument();
  return {
    ...doc,
    info: { ...(doc.info as Json), license: { name: 'MIT', identifier: 'MIT' } },
    servers: [{ url: '/', description: 'the server that serves this document' }],
    components: {
      ...components,
      schemas: {
        ...(components.schemas as Json),
        Error: JSON.parse(JSON.stringify(ErrorBody)) as Json,
        ...schemas,
      },
      responses: { ...(components.responses as Json), ...sharedErrorResponses() },
    },
    webhooks,
  };
}
