/**
 * /healthz (alive), /readyz (database reachable, migrations applied, not shutting down) and the
 * older /health: public, and each not-ready state named by its reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/app/create-context.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { Readiness } from '../../src/http/routes/health.ts';
import { buildServer } from '../../src/http/server.ts';
import { backends } from '../helpers/backends.ts';
import { startHarness, type Harness } from '../helpers/harness.ts';

describe.each(backends())('health probes on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
  });
  afterAll(async () => {
    await h?.close();
  });

  const get = async (url: string, app = h.app) => {
    const res = await app.inject({ url });
    return { status: res.statusCode, body: JSON.parse(res.body), headers: res.headers };
  };

  it('answers /healthz, /readyz and /health without a key', async () => {
    expect(await get('/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await get('/readyz')).toMatchObject({
      status: 200,
      body: { status: 'ready', database: backend.name },
    });
    expect(await get('/health')).toMatchObject({
      status: 200,
      body: { status: 'ok', database: backend.name },
    });
  });

  it('is not ready while a migration this build knows is missing, and says which', async () => {
    const [last] = (
      await h.db.query<{ version: string }>(
        'select version from schema_migrations order by version desc limit 1',
      )
    ).rows;
    await h.db.query('delete from schema_migrations where version = $1', [last!.version]);
    try {
      const ready = await get('/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body.error).toMatchObject({
        code: 'not_ready',
        details: { reason: 'migrations_pending', pending: [last!.version] },
      });
      // Alive all the same: restarting the process would not apply the migration.
      expect((await get('/healthz')).status).toBe(200);
    } finally {
      await h.db.query('insert into schema_migrations (version) values ($1)', [last!.version]);
    }
    expect((await get('/readyz')).status).toBe(200);
  });

  it('is not ready once the process begins to shut down', async () => {
    const readiness = new Readiness();
    const app = await buildServer(h.ctx, { readiness });
    try {
      expect((await get('/readyz', app)).status).toBe(200);
      readiness.shuttingDown = true;
      const ready = await get('/readyz', app);
      expect(ready.status).toBe(503);
      expect(ready.body.error).toMatchObject({ code: 'not_ready', details: { reason: 'shutting_down' } });
      expect((await get('/healthz', app)).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('lists the probes in the OpenAPI document as public', async () => {
    const spec = (await get('/openapi.json')).body;
    for (const path of ['/healthz', '/readyz', '/health']) {
      expect(spec.paths[path]?.get?.security, path).toEqual([]);
    }
  });
});

describe('health probes with the database unreachable', () => {
  it('stays alive, is not ready, and says when to retry', async () => {
    // Port 1 on loopback: nothing listens there, so every connection is refused.
    const db = openPostgres('postgres://nobody@127.0.0.1:1/none', { max: 1 });
    const app = await buildServer(createContext(db));
    try {
      expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
      const ready = await app.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(JSON.parse(ready.body).error).toMatchObject({
        code: 'not_ready',
        details: { reason: 'database_unavailable' },
      });
      expect(Number(ready.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await app.close();
      await db.close();
    }
  });
});
