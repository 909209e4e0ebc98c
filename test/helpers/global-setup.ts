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
  return () => {
    if (reason) console.log(notice);
  };
}
