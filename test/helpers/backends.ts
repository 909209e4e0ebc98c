/**
 * The integration suite runs once per back end: embedded PGlite always, PostgreSQL when the
 * global setup found a server. Each call gives a fresh, migrated, empty database.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openPglite } from '../../src/db/pglite.ts';
import { openPostgres } from '../../src/db/postgres.ts';

export interface Backend {
  name: 'pglite' | 'postgres';
  /** A fresh migrated database, and a function that drops it. */
  open(): Promise<{ db: Database; url: string | null; drop: () => Promise<void> }>;
}

export const pgAdminUrl = (): string | null => inject('pgAdminUrl');

export const pglite: Backend = {
  name: 'pglite',
  async open() {
    const db = await openPglite();
    await migrate(db);
    return { db, url: null, drop: () => db.close() };
  },
};

/** Creates a throwaway database on the server; returns its URL. */
export async function createThrowawayDatabase(
  adminUrl: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `stockroom_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export const postgres: Backend = {
  name: 'postgres',
  async open() {
    const adminUrl = pgAdminUrl();
    if (!adminUrl) throw new Error('PostgreSQL is not available in this run');
    const throwaway = await createThrowawayDatabase(adminUrl);
    const db = openPostgres(throwaway.url, { max: 30 });
    await migrate(db);
    return {
      db,
      url: throwaway.url,
      async drop() {
        await db.close();
        await throwaway.drop();
      },
    };
  },
};

/**
 * A fresh database on `backend` with no migration applied: for tests that fill the schema as an
 * older version left it, then migrate to the end.
 */
export async function openUnmigrated(backend: Backend): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (backend.name === 'pglite') {
    const db = await openPglite();
    return { db, drop: () => db.close() };
  }
  const throwaway = await createThrowawayDatabase(pgAdminUrl()!);
  const db = openPostgres(throwaway.url, { max: 4 });
  return {
    db,
    drop: async () => {
      await db.close();
      await throwaway.drop();
    },
  };
}

/** The back ends this run tests: use with describe.each. */
export function backends(): Backend[] {
  return pgAdminUrl() ? [pglite, postgres] : [pglite];
}
