/**
 * Failing clearly at start: a port in use is found before anything is created (no data folder,
 * no admin key nobody saw), and a DATABASE_URL that leads nowhere is named with its host and
 * what to check, without its password. Also the commands whose data defaults to a path next to
 * the checkout say which option to pass.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { explainOpenFailure, openDatabase } from '../../src/db/open.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { runStockroom } from '../helpers/cli.ts';
import { tempDir } from '../helpers/server-process.ts';

const cleanups: (() => void | Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('start-up errors', () => {
  it('refuses a port in use before it creates the data folder or an admin key', async () => {
    const holder: Server = createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => holder.close(() => r())));
    const port = (holder.address() as { port: number }).port;
    const dir = tempDir('stockroom-port-');
    cleanups.push(dir.remove);
    const data = join(dir.path, 'data');
    const run = await runStockroom(
      ['serve'],
      { HOST: '127.0.0.1', PORT: String(port), STOCKROOM_DATA: data, LOG_LEVEL: 'info' },
      120_000,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    expect(run.stderr).toContain('set PORT');
    expect(existsSync(data)).toBe(false);
  });

  it('names DATABASE_URL, the host and what to check, never the password', async () => {
    const url = 'postgres://shop:s3cret-pw@127.0.0.1:1/stock';
    const db = openPostgres(url, { connectTimeoutMs: 2_000 });
    const refused = await db.query('select 1').then(
      () => null,
      (err: unknown) => err,
    );
    await db.close();
    const refusedText = explainOpenFailure(refused, { databaseUrl: url, dataDir: './data' });
    expect(refusedText).toBe(
      'DATABASE_URL points at host "127.0.0.1", port 1, database "stock", but nothing accepts connections there: ' +
        'check that PostgreSQL is running and listens on 127.0.0.1:1.',
    );
    // What the driver throws for a host name that does not resolve (`getaddrinfo ENOTFOUND base`).
    const unknownHost = Object.assign(new Error('getaddrinfo ENOTFOUND base'), { code: 'ENOTFOUND' });
    const unknownText = explainOpenFailure(unknownHost, {
      databaseUrl: 'postgres://shop:s3cret-pw@base/stock',
      dataDir: './data',
    });
    expect(unknownText).toContain('DATABASE_URL points at host "base"');
    expect(unknownText).toContain('does not resolve');
    const badPassword = Object.assign(new Error('password authentication failed for user "shop"'), {
      code: '28P01',
    });
    expect(explainOpenFailure(badPassword, { databaseUrl: url, dataDir: './data' })).toContain(
      'check the user and password in DATABASE_URL',
    );
    for (const text of [refusedText, unknownText]) expect(text).not.toContain('s3cret-pw');
    expect(explainOpenFailure(new Error('x'), { databaseUrl: 'not a url', dataDir: './data' })).toContain(
      'DATABASE_URL is not a URL',
    );
  });

  it('tells `replay` and `forecast evaluate` run outside the checkout which option to pass', async () => {
    const { runReplay } = await import('../../src/cli/replay.ts');
    const { resolveDataPath } = await import('../../src/cli/forecast-evaluate.ts');
    const { loadConfig } = await import('../../src/config.ts');
    await expect(
      runReplay(loadConfig({ STOCKROOM_DATA: 'memory://' }), { source: '/nonexistent/or.csv.gz' }),
    ).rejects.toThrow('no such file: /nonexistent/or.csv.gz');
    expect(() => resolveDataPath('/nonexistent/or.csv.gz')).toThrow('no such file');
  });

  it('reads how often standing orders are reserved, and refuses a check more often than every second', () => {
    expect(loadConfig({}).standingOrderIntervalMs).toBe(30_000);
    expect(loadConfig({ STOCKROOM_STANDING_ORDER_INTERVAL: '2m' }).standingOrderIntervalMs).toBe(120_000);
    expect(() => loadConfig({ STOCKROOM_STANDING_ORDER_INTERVAL: '500ms' })).toThrow(
      'STOCKROOM_STANDING_ORDER_INTERVAL must be at least 1s, got "500ms"',
    );
    expect(() => loadConfig({ STOCKROOM_STANDING_ORDER_INTERVAL: 'often' })).toThrow(
      'STOCKROOM_STANDING_ORDER_INTERVAL must be a duration',
    );
  });

  it('reads the embedded database page cache size, in whole megabytes, and opens PGlite with it', async () => {
    const db = await openDatabase({ dataDir: 'memory://', pgliteSharedBuffers: '24MB' });
    try {
      expect(
        (await db.query<{ shared_buffers: string }>('show shared_buffers')).rows[0]!.shared_buffers,
      ).toBe('24MB');
    } finally {
      await db.close();
    }
    expect(loadConfig({}).pgliteSharedBuffers).toBeUndefined();
    expect(loadConfig({ STOCKROOM_PGLITE_SHARED_BUFFERS: '32MB' }).pgliteSharedBuffers).toBe('32MB');
    for (const bad of ['32', '0MB', '1.5MB', '32mb', '100000MB', '1GB']) {
      expect(() => loadConfig({ STOCKROOM_PGLITE_SHARED_BUFFERS: bad })).toThrow(
        `STOCKROOM_PGLITE_SHARED_BUFFERS must be a size in megabytes from 1MB to 65536MB, such as 64MB, got "${bad}"`,
      );
    }
  });
});
