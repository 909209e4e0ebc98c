/**
 * Decides once per run whether the PostgreSQL suite runs. In CI (CI=true) a reachable server
 * is required; on a laptop without one the suite is skipped, and the run says so plainly.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { buildPgliteTemplate, buildPostgresTemplate, type Template } from './templates.ts';

export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string | null;
    natsUrl: string | null;
    /** A migrated PGlite data directory (tarball) every test database starts from. */
    pgliteTemplate: string | null;
    /** A migrated PostgreSQL database every test database is copied from. */
    pgTemplate: string | null;
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.STOCKROOM_TEST_DATABASE_URL || DEFAULT_ADMIN_URL;
  let reason: string | null = null;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (err) {
    reason = err instanceof Error ? err.message : String(err);
  } finally {
    await client.end().catch(() => {});
  }
  if (reason && process.env.CI === 'true') {
    throw new Error(`CI=true requires PostgreSQL at ${url}, but it is unreachable: ${reason}`);
  }
  const notice = reason
    ? `\n*** PostgreSQL suite SKIPPED: no server at ${url} (${reason}). Only PGlite was tested. ***\n` +
      '*** Set STOCKROOM_TEST_DATABASE_URL to an admin connection to run it. ***\n'
    : `\nPostgreSQL suite runs against ${url} (a throwaway database per test file).\n`;
  console.log(notice);
  project.provide('pgAdminUrl', reason ? null : url);
  const [nats, , pgliteTemplate, pgTemplate] = await Promise.all([
    checkNats(),
    buildOnce(),
    buildPgliteTemplate(),
    reason ? null : buildPostgresTemplate(url),
  ]);
  project.provide('natsUrl', nats.reason ? null : nats.url);
  project.provide('pgliteTemplate', pgliteTemplate.ref);
  project.provide('pgTemplate', pgTemplate?.ref ?? null);
  return async () => {
    await Promise.all([pgliteTemplate, pgTemplate].map((t: Template | null) => t?.remove()));
    if (reason) console.log(notice);
    if (nats.reason) console.log(nats.notice);
  };
}

export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

/** The same for NATS with JetStream: required with CI=true, otherwise skipped with a notice. */
async function checkNats(): Promise<{ url: string; reason: string | null; notice: string }> {
  const url = process.env.STOCKROOM_TEST_NATS_URL || DEFAULT_NATS_URL;
  let reason: string | null = null;
  try {
    const { connect } = await import('@nats-io/transport-node');
    const { jetstreamManager } = await import('@nats-io/jetstream');
    const nc = await connect({ servers: url, timeout: 3000, reconnect: false });
    try {
      await jetstreamManager(nc, { timeout: 3000 });
    } finally {
      await nc.close();
    }
  } catch (err) {
    reason = err instanceof Error ? err.message : String(err);
  }
  if (reason && process.env.CI === 'true') {
    throw new Error(`CI=true requires NATS with JetStream at ${url}, but it is unreachable: ${reason}`);
  }
  const notice = reason
    ? `\n*** NATS suite SKIPPED: no NATS with JetStream at ${url} (${reason}). ***\n` +
      '*** Set STOCKROOM_TEST_NATS_URL to a NATS server started with -js to run it. ***\n'
    : `NATS suite runs against ${url} (a throwaway stream per test file).\n`;
  console.log(notice);
  return { url, reason, notice };
}

/**
 * What `npm start` runs, built once for the whole run (`scripts/build.mjs --if-changed`: nothing
 * to do when the sources did not change): the server processes and CLI runs the tests start load
 * the compiled server instead of compiling the sources each time (bin/stockroom.mjs uses the
 * build only while it is newer than every source), and the browser tests share one dashboard
 * build instead of each writing web/dist while another serves it.
 */
async function buildOnce(): Promise<void> {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  // vitest sets NODE_ENV=test, which would bundle React's development build; users run the
  // production build, so that is what is tested.
  await promisify(execFile)(process.execPath, ['scripts/build.mjs', '--if-changed'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
    maxBuffer: 16 * 1024 * 1024,
  });
}
