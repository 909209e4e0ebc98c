/** The public HTTP API, with the API key the user signed in with. Errors keep their stable codes. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface Api {
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

export function createApi(key: string, base = '', fetchImpl: typeof fetch = (...a) => fetch(...a)): Api {
  const call = async <T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    asBlob = false,
  ) => {
    let res: Response;
    try {
      res = await fetchImpl(base + path, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          accept: asBlob ? '*/*' : 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      throw new ApiError(
        0,
        'network_error',
        'The server cannot be reached. Check that Stockroom is running.',
      );
    }
    if (asBlob && res.ok) return (await res.blob()) as T;
    const text = await res.text();
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: reported below by status
    }
    if (!res.ok) {
      const err = (json as { error?: { code?: string; message?: string; details?: Record<string, unknown> } })
        ?.error;
      throw new ApiError(
        res.status,
        err?.code ?? `http_${res.status}`,
        err?.message ?? `${method} ${path} answered ${res.status}`,
        err?.details,
      );
    }
    return json as T;
  };
  return {
    get: (path, query) => call('GET', path + queryString(query)),
    getBlob: (path, query, accept) =>
      call<Blob>('GET', path + queryString(query), undefined, accept ? { accept } : {}, true),
    post: (path, body, options) =>
      call('POST', path, body, { 'idempotency-key': options?.idempotencyKey ?? newIdempotencyKey() }),
    put: (path, body) => call('PUT', path, body),
    patch: (path, body) => call('PATCH', path, body),
    del: (path) => call('DELETE', path),
  };
}

/** Encodes one path segment (SKU codes may hold characters such as '/'). */
export const seg = (s: string) => encodeURIComponent(s);
