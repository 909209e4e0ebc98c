/**
 * One migrated database per back end, built once per run by the global setup; every test
 * database starts as a copy of it instead of running the migrations again. On PostgreSQL a copy
 * is `create database ... template`; on PGlite it is a tarball of the data directory, which also
 * skips initdb (most of the seconds of CPU a new embedded database costs). Each copy is still
 * migrated by the test helpers, which finds nothing to do unless the template is stale, so a
 * test never runs on a schema other than the migrations'.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate } from '../../src/db/migrate.ts';
import { openTestPglite } from './pglite.ts';
import { openPostgres } from '../../src/db/postgres.ts';

export interface Template {
  /** What the workers are given (a tarball's path, a database's name). */
  ref: string;
  remove(): Promise<void>;
}

export async function buildPgliteTemplate(): Promise<Template> {
  const db = await openTestPglite();
  try {
    await migrate(db);
    // A folder of its own for the run: fixtures derived from the template during the run (the
    // demo, test/helpers/demo-fixture.ts) are kept beside it and go with it.
    const folder = mkdtempSync(join(tmpdir(), 'stockroom-test-run-'));
    const path = join(folder, 'template.tar');
    writeFileSync(path, Buffer.from(await (await db.dumpDataDir()).arrayBuffer()));
    return { ref: path, remove: async () => rmSync(folder, { recursive: true, force: true }) };
  } finally {
    await db.close();
  }
}

export async function buildPostgresTemplate(adminUrl: string): Promise<Template> {
  const name = `stockroom_template_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  // A template must have no sessions when it is copied: this pool is closed before any test.
  const db = openPostgres(url.toString(), { max: 1 });
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
  return {
    ref: name,
    async remove() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        // With the demo copied from it during the run (test/helpers/demo-fixture.ts), if any.
        await c.query(`drop database if exists ${demoTemplateName(name)} with (force)`);
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * Fills an empty folder with the run's migrated PGlite data directory, so that a server or a
 * CLI process started on it opens an existing database instead of running initdb (seconds of
 * CPU per process in WebAssembly). Without a template (a file run outside the global setup)
 * the folder stays empty and the process creates the database itself.
 */
export function seedPgliteDataDir(dir: string, template: string | null): void {
  if (!template) return;
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-xf', template, '-C', dir], { stdio: 'ignore' });
}

/** The run's PostgreSQL template with the demo loaded, beside the migrated one named `template`. */
export function demoTemplateName(template: string): string {
  return `${template}_demo`;
}
