/**
 * The integration suite runs once per back end: embedded PGlite always, PostgreSQL when the
 * global setup found a server. Each call gives a fresh, migrated, empty database.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { loadMigrations, migrate } from '../../src/db/migrate.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { openTestPglite } from './pglite.ts';
import { seedPgliteDataDir } from './templates.ts';

export interface Backend {
  name: 'pglite' | 'postgres';
  /** A fresh migrated database, and a function that drops it. */
  open(): Promise<{ db: Database; url: string | null; drop: () => Promise<void> }>;
}

export const pgAdminUrl = (): string | null => inject('pgAdminUrl');

let pgliteTemplate: Blob | undefined;
/** The migrated data directory the global setup made (test/helpers/templates.ts), read once. */
function pgliteTemplateData(): Blob | undefined {
  const path = inject('pgliteTemplate');
  if (path && !pgliteTemplate) pgliteTemplate = new Blob([readFileSync(path)]);
  return pgliteTemplate;
}

export const pglite: Backend = {
  name: 'pglite',
  async open() {
    const db = await openTestPglite(undefined, { loadDataDir: pgliteTemplateData() });
    // Nothing to do on a copy of the template; a stale template is brought up to date.
    await migrate(db);
    return { db, url: null, drop: () => db.close() };
  },
};

/**
 * Creates a throwaway database on the server; returns its URL. It is a copy of the run's
 * migrated template (test/helpers/templates.ts) unless `empty`: for tests of migrating itself.
 */
export async function createThrowawayDatabase(
  adminUrl: string,
  { empty = false }: { empty?: boolean } = {},
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `stockroom_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const template = empty ? null : inject('pgTemplate');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  } finally {
    await admin.end();
  }
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
    // Nothing to do on a copy of the template; a stale template is brought up to date.
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
 * `dir` (a PGlite folder for a server or CLI process) filled with the run's migrated database,
 * so the process skips initdb; returns `dir`.
 */
export function seededDataDir(dir: string): string {
  seedPgliteDataDir(dir, inject('pgliteTemplate'));
  return dir;
}

/**
 * A fresh database on `backend` with no migration applied: for tests that fill the schema as an
 * older version left it, then migrate to the end.
 */
export async function openUnmigrated(backend: Backend): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (backend.name === 'pglite') {
    const db = await openTestPglite();
    return { db, drop: () => db.close() };
  }
  const throwaway = await createThrowawayDatabase(pgAdminUrl()!, { empty: true });
  const db = openPostgres(throwaway.url, { max: 4 });
  return {
    db,
    drop: async () => {
      await db.close();
      await throwaway.drop();
    },
  };
}

/**
 * A fresh database on `backend` migrated up to, not including, `version`: for tests of a
 * migration over data as the schema before it held it, then `migrate(db)` to the end.
 */
export async function openMigratedBefore(
  backend: Backend,
  version: string,
): Promise<{ db: Database; drop: () => Promise<void> }> {
  const opened = await openUnmigrated(backend);
  await migrate(
    opened.db,
    loadMigrations().filter((m) => m.version < version),
  );
  return opened;
}

/** The back ends this run tests: use with describe.each. */
export function backends(): Backend[] {
  return pgAdminUrl() ? [pglite, postgres] : [pglite];
}
