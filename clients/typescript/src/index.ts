/**
 * @stockroom/client: a typed client for the Stockroom API. The types are generated from the
 * server's OpenAPI document (src/schema.ts, `npm run client:generate` in the Stockroom
 * repository); requests go through openapi-fetch, so every path, parameter, body and answer
 * is checked by the compiler against the API the server really serves.
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths, webhooks } from './schema.ts';

export type { components, operations, paths, webhooks } from './schema.ts';

export type StockroomClient = Client<paths>;

export interface StockroomClientOptions {
  /** Where the service answers, e.g. `https://stock.example.com`; '' for the page's own origin. */
  baseUrl: string;
  /** An API key (`sk_...`): sent as `Authorization: Bearer <key>` on every request. */
  apiKey: string;
  /** A fetch of your own (tests, a proxy agent); the global fetch by default. */
  fetch?: typeof globalThis.fetch;
}

/** The error envelope every 4xx/5xx answer carries: `{error: {code, message, details?}}`. */
export type ErrorBody = components['schemas']['Error'];

/** What a webhook receiver is sent: one event (or `{events: Event[]}` with batchSize over 1). */
export type WebhookEvent = components['schemas']['Event'];
export type WebhookEventType = keyof webhooks & WebhookEvent['type'];

type JsonContent<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type SuccessStatus = 200 | 201 | 202;

/** The JSON answer of a successful call: `Ok<'/v1/orders', 'post'>`. */
export type Ok<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: infer R;
}
  ? JsonContent<R[Extract<keyof R, SuccessStatus>]>
  : never;

/** The JSON body a call takes: `Body<'/v1/orders', 'post'>`. */
export type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/** A refused call, with the stable code to switch on (`insufficient_stock`, `unknown_sku`, ...). */
export class StockroomError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'StockroomError';
  }
}

function authentication(apiKey: string): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set('authorization', `Bearer ${apiKey}`);
      return request;
    },
  };
}

export function createStockroomClient(options: StockroomClientOptions): StockroomClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  client.use(authentication(options.apiKey));
  return client;
}

/**
 * The data of a call's answer, or a thrown StockroomError carrying the error envelope's code:
 * `const order = await ok(client.POST('/v1/orders', { body }))`.
 */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  const envelope = (error as Partial<ErrorBody> | undefined)?.error;
  throw new StockroomError(
    response.status,
    envelope?.code ?? `http_${response.status}`,
    envelope?.message ?? `${response.url} answered ${response.status}`,
    envelope?.details,
  );
}

/** A fresh key for a stock-changing POST: a retry with the same key changes nothing twice. */
export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}
