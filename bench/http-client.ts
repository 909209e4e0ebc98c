/**
 * A small keep-alive JSON client for the benchmark. The default uses node:http with one
 * keep-alive socket per concurrent client (no dependency, and cheaper per request than
 * fetch, which matters when client, server and database share a few CPUs).
 * BENCH_HTTP_CLIENT=fetch uses Node's built-in fetch (undici) instead.
 */
import http from 'node:http';

export interface HttpResponse {
  status: number;
  text: string;
}

export interface HttpClient {
  readonly kind: 'node:http' | 'fetch';
  /** `idempotencyKey`: sent as the Idempotency-Key header. */
  request(method: string, path: string, body?: unknown, idempotencyKey?: string): Promise<HttpResponse>;
  close(): void;
}

export function createHttpClient(
  baseUrl: string,
  apiKey: string,
  sockets: number,
  kind: 'node:http' | 'fetch' = 'node:http',
): HttpClient {
  return kind === 'fetch' ? fetchClient(baseUrl, apiKey) : nodeHttpClient(baseUrl, apiKey, sockets);
}

function nodeHttpClient(baseUrl: string, apiKey: string, sockets: number): HttpClient {
  const base = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  const authorization = `Bearer ${apiKey}`;
  return {
    kind: 'node:http',
    request(method, path, body, idempotencyKey) {
      return new Promise<HttpResponse>((resolve, reject) => {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        const headers: http.OutgoingHttpHeaders = { authorization };
        if (payload !== undefined) {
          headers['content-type'] = 'application/json';
          headers['content-length'] = Buffer.byteLength(payload);
        }
        if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
        const req = http.request(
          { agent, host: base.hostname, port: base.port, method, path, headers },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('error', reject);
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
            );
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
    },
    close: () => agent.destroy(),
  };
}

function fetchClient(baseUrl: string, apiKey: string): HttpClient {
  const authorization = `Bearer ${apiKey}`;
  return {
    kind: 'fetch',
    async request(method, path, body, idempotencyKey) {
      const headers: Record<string, string> = { authorization };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
      const res = await fetch(new URL(path, baseUrl), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, text: await res.text() };
    },
    close: () => {},
  };
}

/** `<status> <error code>` of a failed response, for grouping errors. */
export function failureLabel(res: HttpResponse): string {
  try {
    const code = (JSON.parse(res.text) as { error?: { code?: unknown } }).error?.code;
    if (typeof code === 'string') return `${res.status} ${code}`;
  } catch {
    // not JSON: the status alone
  }
  return String(res.status);
}

export async function expectStatus(
  res: Promise<HttpResponse>,
  ok: readonly number[],
  what: string,
): Promise<HttpResponse> {
  const r = await res;
  if (!ok.includes(r.status)) throw new Error(`${what}: HTTP ${r.status} ${r.text.slice(0, 300)}`);
  return r;
}
