/**
 * The public HTTP API, with the API key the user signed in with, through the published typed
 * client (@stockroom/client, clients/typescript): the dashboard uses what users install, so
 * the two cannot drift. Every call names the path as the OpenAPI document spells it and passes
 * parameters the way openapi-fetch takes them, so the compiler checks the path, the parameters,
 * the body and the answer against the server's schemas:
 *
 *   api.get('/v1/orders/{orderId}', { params: { path: { orderId } } })   // Promise<Order>
 *   api.post('/v1/counts', { body: { warehouse, scope } })
 *
 * Each method answers the success body (a Blob with `parseAs: 'blob'`) or throws an ApiError
 * with the stable code. `api.client` is the raw client (`{data, error, response}` answers).
 */
import type { ClientPathsWithMethod, MaybeOptionalInit } from 'openapi-fetch';
import {
  createStockroomClient,
  ok,
  StockroomError,
  type Ok,
  type paths,
  type StockroomClient,
} from '@stockroom/client';

export type { Body, ErrorBody, Ok } from '@stockroom/client';

/** The query parameters a call takes: `Query<'/v1/orders'>`. */
export type Query<P extends keyof paths, M extends Method = 'get'> = P extends keyof paths
  ? M extends keyof paths[P]
    ? paths[P][M] extends { parameters: { query?: infer Q } }
      ? NonNullable<Q>
      : never
    : never
  : never;

/** A refused call: `status`, the stable `code`, `message`, `details`. */
export const ApiError = StockroomError;
export type ApiError = StockroomError;

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
/** The options argument is required when the call has required path parameters or a body. */
type InitArg<I> = RequiredKeys<I> extends never ? [init?: I] : [init: I];
type ParseAs = 'json' | 'blob' | 'text';
/**
 * openapi-fetch's options of a call (params, body, headers, parseAs), checked against the
 * operation as they are written: a misspelt or extra field is an error.
 */
type Init<P extends keyof paths, M extends Method, A extends ParseAs> = NonNullable<
  MaybeOptionalInit<paths[P], M>
> & { parseAs?: A };
/** What a call answers: the JSON success body, a Blob or text when asked, nothing for a 204. */
type Answer<P extends keyof paths, M extends Method, A extends ParseAs> = A extends 'blob'
  ? Blob
  : A extends 'text'
    ? string
    : M extends keyof paths[P]
      ? [Ok<P, M>] extends [never]
        ? void
        : Ok<P, M>
      : never;

/** One HTTP method of the dashboard's API: the typed client's call, unwrapped. */
export type Call<M extends Method> = <
  P extends ClientPathsWithMethod<StockroomClient, M>,
  A extends ParseAs = 'json',
>(
  path: P,
  ...init: InitArg<Init<P, M, A>>
) => Promise<Answer<P, M, A>>;

export interface Api {
  /** The typed client itself: `{data, error, response}` answers. */
  client: StockroomClient;
  get: Call<'get'>;
  /** Every POST carries a fresh Idempotency-Key (unless given one), so a retried click changes nothing twice. */
  post: Call<'post'>;
  put: Call<'put'>;
  patch: Call<'patch'>;
  del: Call<'delete'>;
}

/** Encodes one path segment of a dashboard link (SKU codes may hold characters such as '/'). */
export const seg = (s: string) => encodeURIComponent(s);

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

/**
 * The request's URL for the page's own fetch: relative (same origin) unless a base was given,
 * and without empty query parameters, so an empty filter box means no filter rather than `x=`.
 */
function pageUrl(requestUrl: string, base: string): string {
  const url = new URL(requestUrl);
  const empty = [...url.searchParams].filter(([, v]) => v === '').map(([k]) => k);
  for (const k of empty) url.searchParams.delete(k);
  const href = empty.length ? url.href : requestUrl;
  return base ? href : href.slice(url.origin.length);
}

export function createApi(key: string, base = '', fetchImpl: typeof fetch = (...a) => fetch(...a)): Api {
  const client = createStockroomClient({
    // openapi-fetch builds a Request, which needs an absolute URL; the page's own fetch is
    // then handed the same relative URL as ever (same origin), so nothing else changes.
    baseUrl: base || SAME_ORIGIN,
    apiKey: key,
    fetch: async (input) => {
      const request = input as Request;
      const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
      return fetchImpl(pageUrl(request.url, base), {
        method: request.method,
        headers: Object.fromEntries(request.headers),
        ...(body ? { body } : {}),
      });
    },
  });
  client.use({
    onRequest({ request }) {
      if (!request.headers.has('accept')) request.headers.set('accept', 'application/json');
      if (request.method === 'POST' && !request.headers.has('idempotency-key')) {
        request.headers.set('idempotency-key', newIdempotencyKey());
      }
      return request;
    },
  });
  // One implementation for the five methods; their types come from `Call` above.
  const request = client.request as unknown as (
    method: Method,
    path: string,
    init?: object,
  ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  const unwrapped = (method: Method) =>
    ((path: string, init?: object) => call(request(method, path, init))) as unknown;
  return {
    client,
    get: unwrapped('get') as Call<'get'>,
    post: unwrapped('post') as Call<'post'>,
    put: unwrapped('put') as Call<'put'>,
    patch: unwrapped('patch') as Call<'patch'>,
    del: unwrapped('delete') as Call<'delete'>,
  };
}
