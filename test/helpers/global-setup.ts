/**
 * Decides once per run whether the PostgreSQL suite runs. In CI (CI=true) a reachable server
 * is required; on a laptop without one the suite is skipped, and the run says so plainly.
 */
import pg from 'pg';
import type { TestProject } from 'vitest/node';

export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string | null;
    natsUrl: string | null;
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
  const nats = await checkNats();
  project.provide('natsUrl', nats.reason ? null : nats.url);
  return () => {
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
