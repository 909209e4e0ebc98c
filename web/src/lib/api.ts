/**
 * The public HTTP API, with the API key the user signed in with, through the published typed
 * client (@stockroom/client, clients/typescript): the dashboard uses what users install, so
 * the two cannot drift. `api.client` is that client, typed by the server's OpenAPI document;
 * the path-string methods below go through it too. Errors keep their stable codes.
 */
import { createStockroomClient, ok, StockroomError, type StockroomClient } from '@stockroom/client';

export type { Body, Ok } from '@stockroom/client';

/** A refused call: `status`, the stable `code`, `message`, `details`. */
export const ApiError = StockroomError;
export type ApiError = StockroomError;

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface Api {
  /** The typed client: `api.client.GET('/v1/skus/{sku}', { params: { path: { sku } } })`. */
  client: StockroomClient;
  get<T>(path: string, query?: Query): Promise<T>;
  /** A download (a CSV): the body as a Blob, with the Authorization header a plain link cannot send. */
  getBlob(path: string, query?: Query, accept?: string): Promise<Blob>;
  /** Stock-changing POSTs carry a fresh Idempotency-Key, so a retried click changes nothing twice. */
  post<T>(path: string, body?: unknown, options?: { idempotencyKey?: string }): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  del<T>(path: string): Promise<T>;
}

export function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function newIdempotencyKey(): string {
  return `web-${globalThis.crypto.randomUUID()}`;
}

/** A placeholder origin, stripped before the page's fetch sees the URL. */
const SAME_ORIGIN = 'http://same-origin.invalid';

const unreachable = () =>
  new ApiError(0, 'network_error', 'The server cannot be reached. Check that Stockroom is running.');

/** A call through the typed client whose failure to connect is a `network_error`. */
export async function call<T>(
  request: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let answered: Awaited<typeof request>;
  try {
    answered = await request;
  } catch {
    throw unreachable();
  }
  return ok(Promise.resolve(answered));
}

export function createApi(key: string, base = '', fetchImpl: typeof fetch = (...a) => fetch(...a)): Api {
  const client = createStockroomClient({
    // openapi-fetch builds a Request, which needs an absolute URL; the page's own fetch is
    // then handed the same relative URL as ever (same origin), so nothing else changes.
    baseUrl: base || SAME_ORIGIN,
    apiKey: key,
    fetch: async (input) => {
      const request = input as Request;
      const url = new URL(request.url);
      const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
      return fetchImpl(base ? request.url : url.pathname + url.search, {
        method: request.method,
        headers: Object.fromEntries(request.headers),
        ...(body ? { body } : {}),
      });
    },
  });
  // Paths built by the pages (with their parameters filled in) rather than the spec's templates.
  const untyped = client.request as unknown as (
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string>; parseAs?: 'json' | 'blob' },
  ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  const send = <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    call(untyped(method, path, { headers: { accept: 'application/json', ...headers }, body })) as Promise<T>;
  return {
    client,
    get: (path, query) => send('get', path + queryString(query)),
    getBlob: (path, query, accept) =>
      call(
        untyped('get', path + queryString(query), { headers: { accept: accept ?? '*/*' }, parseAs: 'blob' }),
      ) as Promise<Blob>,
    post: (path, body, options) =>
      send('post', path, body, { 'idempotency-key': options?.idempotencyKey ?? newIdempotencyKey() }),
    put: (path, body) => send('put', path, body),
    patch: (path, body) => send('patch', path, body),
    del: (path) => send('delete', path),
  };
}

/** Encodes one path segment (SKU codes may hold characters such as '/'). */
export const seg = (s: string) => encodeURIComponent(s);
