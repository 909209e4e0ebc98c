/**
 * A service under test: a fresh database, the use-case context with a clock the test moves,
 * the Fastify app (driven with inject), and an admin key.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { createApiKey } from '../../src/app/api-keys.ts';
import type { AppContext } from '../../src/app/context.ts';
import { createContext } from '../../src/app/create-context.ts';
import type { Database } from '../../src/db/database.ts';
import { buildServer, type ServerOptions } from '../../src/http/server.ts';
import type { Backend } from './backends.ts';

export interface Harness {
  db: Database;
  /** The database beneath the context: what writes through it are, to this service, another process's. */
  underlying: Database;
  ctx: AppContext;
  app: FastifyInstance;
  adminKey: string;
  url: string | null;
  /** Moves the injected clock forward. */
  advance(ms: number): void;
  now(): Date;
  /** Sends a request with the admin key (or `key`), JSON in and out. */
  call(
    method: InjectOptions['method'],
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Reply>;
  close(): Promise<void>;
}

export interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** One request through `app.inject` with the admin key; JSON in and out. */
export function adminCall(app: FastifyInstance, adminKey: string): Harness['call'] {
  return async (method, path, body, headers = {}) => {
    const res = await app.inject({
      method,
      url: path,
      headers: { authorization: `Bearer ${adminKey}`, ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
  };
}

export async function startHarness(backend: Backend, server: ServerOptions = {}): Promise<Harness> {
  const { db, url, drop } = await backend.open();
  let now = new Date('2030-01-01T00:00:00Z');
  let seq = 0;
  const ctx = createContext(db, {
    clock: () => new Date(now.getTime()),
    newId: (prefix) => `${prefix}_${(++seq).toString().padStart(6, '0')}`,
  });
  const app = await buildServer(ctx, server);
  const { key: adminKey } = await createApiKey(ctx, { name: 'test admin', role: 'admin' });
  return {
    // The context's handle: what a test writes through it retires cached availability answers,
    // as the service's own writes do.
    db: ctx.db,
    underlying: db,
    ctx,
    app,
    adminKey,
    url,
    advance(ms) {
      now = new Date(now.getTime() + ms);
    },
    now: () => new Date(now.getTime()),
    call: adminCall(app, adminKey),
    async close() {
      await app.close();
      await drop();
    },
  };
}

/** A catalogue most tests start from: warehouses LON (uk) and AMS (eu), and a few SKUs. */
export async function seedCatalogue(h: Harness, skus = ['MUG', 'TEE', 'CAP']): Promise<void> {
  for (const [code, region] of [
    ['LON', 'uk'],
    ['AMS', 'eu'],
  ]) {
    const r = await h.call('PUT', `/v1/warehouses/${code}`, { name: code, region });
    if (r.status >= 300) throw new Error(JSON.stringify(r.body));
  }
  for (const sku of skus) {
    const r = await h.call('PUT', `/v1/skus/${sku}`, { name: sku, price: 10 });
    if (r.status >= 300) throw new Error(JSON.stringify(r.body));
  }
}

/** POST /v1/demand/import with a CSV body (admin key); the reply, JSON-parsed. */
export async function importDemandCsv(h: Harness, csv: string, query = ''): Promise<Reply> {
  const res = await h.app.inject({
    method: 'POST',
    url: `/v1/demand/import${query}`,
    headers: { authorization: `Bearer ${h.adminKey}`, 'content-type': 'text/csv' },
    payload: csv,
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
}
