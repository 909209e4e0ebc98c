/**
 * The demo (`loadDemo`: 500 SKUs with opening stock and a year of demand, about fourteen seconds
 * of CPU) loaded once per test run, and a private copy of it for each test file that starts from
 * it (the browser tests write: each file needs its own).
 *
 * On PGlite the first file to ask loads the demo into a copy of the run's migrated template and
 * keeps the data directory as a tarball beside the template (test/helpers/templates.ts, removed
 * with it at the end of the run); a lock file makes a second vitest worker, a second process,
 * wait for it instead of loading the demo again. A copy is that tarball unpacked into a folder of
 * the file's own, for a server process to open. On PostgreSQL the demo is a database beside the
 * run's template, built under an advisory lock, and each copy is `create database ... template`.
 *
 * The browser tests run on PGlite, as users who try the dashboard first do; with
 * STOCKROOM_E2E_BACKEND=postgres the files that start from the demo run on PostgreSQL instead.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { loadDemo } from '../../src/app/demo.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openTestPglite } from './pglite.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { pgAdminUrl } from './backends.ts';
import { tempDir, type DataSource } from './server-process.ts';
import { demoTemplateName, seedPgliteDataDir } from './templates.ts';

export interface DemoCopy {
  /** Where a server process finds it. */
  data: DataSource;
  /** Deletes the copy. */
  remove(): Promise<void>;
}

/** The back end the demo's browser tests run on (see above). */
export function e2eBackend(): 'pglite' | 'postgres' {
  const chosen = process.env.STOCKROOM_E2E_BACKEND ?? 'pglite';
  if (chosen !== 'pglite' && chosen !== 'postgres') {
    throw new Error(`STOCKROOM_E2E_BACKEND is pglite or postgres, not ${chosen}`);
  }
  return chosen;
}

/** A private copy of the run's demo database, built first if no file of the run has yet. */
export async function demoCopy(backend = e2eBackend()): Promise<DemoCopy> {
  return backend === 'pglite' ? pgliteDemoCopy() : postgresDemoCopy();
}

async function pgliteDemoCopy(): Promise<DemoCopy> {
  const dir = tempDir('stockroom-demo-');
  const template = inject('pgliteTemplate');
  if (!template) {
    // A file run without the global setup: no run to share with, the demo goes in directly.
    const db = await openTestPglite(dir.path);
    try {
      await migrate(db);
      await loadDemo(db);
    } finally {
      await db.close();
    }
  } else {
    const tarball = join(dirname(template), 'demo.tar');
    await onceAcrossWorkers(
      join(dirname(template), 'demo.lock'),
      () => existsSync(tarball),
      async () => {
        const db = await openTestPglite(undefined, { loadDataDir: new Blob([readFileSync(template)]) });
        try {
          await migrate(db);
          await loadDemo(db);
          // Renamed into place only once complete: its existence is what the other workers wait for.
          const part = `${tarball}.${process.pid}.part`;
          writeFileSync(part, Buffer.from(await (await db.dumpDataDir()).arrayBuffer()));
          renameSync(part, tarball);
        } finally {
          await db.close();
        }
      },
    );
    seedPgliteDataDir(dir.path, tarball);
  }
  return { data: { dataDir: dir.path }, remove: async () => dir.remove() };
}

/**
 * Runs `build` unless `built()`, in one process of the run at a time: the others wait while the
 * lock file names a live process, and take over if that process died before it was done.
 */
async function onceAcrossWorkers(
  lock: string,
  built: () => boolean,
  build: () => Promise<void>,
): Promise<void> {
  const deadline = Date.now() + 10 * 60_000;
  while (!built()) {
    let fd: number;
    try {
      fd = openSync(lock, 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (!lockHolderAlive(lock)) rmSync(lock, { force: true });
      else if (Date.now() > deadline) throw new Error(`${lock} is still held after 10 minutes`);
      await new Promise((r) => setTimeout(r, 250));
      continue;
    }
    try {
      writeSync(fd, String(process.pid));
      closeSync(fd);
      if (!built()) await build();
    } finally {
      rmSync(lock, { force: true });
    }
  }
}

function lockHolderAlive(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(lock, 'utf8'));
  } catch {
    return true; // gone meanwhile: the next turn of the loop sees why
  }
  // Empty: its holder has created it and is about to write its pid.
  if (!pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function postgresDemoCopy(): Promise<DemoCopy> {
  const adminUrl = pgAdminUrl();
  const template = inject('pgTemplate');
  if (!adminUrl || !template) throw new Error('PostgreSQL is not available in this run');
  const demo = demoTemplateName(template);
  const name = `stockroom_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin(adminUrl, async (admin) => {
    // The workers are processes: a lock of the server's makes them take turns, the first builds.
    await admin.query('select pg_advisory_lock(hashtext($1))', [demo]);
    try {
      const found = await admin.query('select 1 from pg_database where datname = $1', [demo]);
      if (found.rowCount === 0) {
        await admin.query(`create database ${demo} template ${template}`);
        // A template must have no sessions when it is copied: this pool is closed before.
        const db = openPostgres(databaseUrl(adminUrl, demo), { max: 1 });
        try {
          await migrate(db);
          await loadDemo(db);
        } catch (err) {
          await db.close();
          await admin.query(`drop database if exists ${demo} with (force)`);
          throw err;
        }
        await db.close();
      }
    } finally {
      await admin.query('select pg_advisory_unlock(hashtext($1))', [demo]);
    }
    await admin.query(`create database ${name} template ${demo}`);
  });
  return {
    data: { databaseUrl: databaseUrl(adminUrl, name) },
    remove: () => withAdmin(adminUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`)),
  };
}

async function withAdmin(adminUrl: string, work: (admin: pg.Client) => Promise<unknown>): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
