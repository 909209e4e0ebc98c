/**
 * A throwaway PostgreSQL cluster of its own (initdb + pg_ctl in a temp folder, on a free
 * loopback port), for tests that stop and start the database itself. The shared server at
 * 127.0.0.1:5432 must never be restarted by a test.
 *
 * initdb and postgres refuse to run as root, and CI runs as root: there they run as the
 * `postgres` OS user, in a folder that user owns.
 */
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './server-process.ts';

const run = promisify(execFile);

export const PG_BIN = process.env.STOCKROOM_TEST_PG_BIN || '/usr/lib/postgresql/15/bin';

export function pgBinariesPresent(): boolean {
  return ['initdb', 'pg_ctl', 'pg_basebackup'].every((bin) => existsSync(join(PG_BIN, bin)));
}

export interface PgCluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  /** `fast` rolls back open transactions and disconnects; `immediate` is a crash (recovery on start). */
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** Stops the cluster (if running) and removes its folder. */
  destroy(): Promise<void>;
  log(): Promise<string>;
}

function asRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

async function pgUserIds(): Promise<{ uid: number; gid: number }> {
  const { stdout: uid } = await run('id', ['-u', 'postgres']);
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

export interface PgClusterOptions {
  /**
   * Make this cluster a streaming replica of `replicaOf` (pg_basebackup -R: hot standby,
   * replaying the primary's WAL as it streams), instead of a fresh initdb.
   */
  replicaOf?: PgCluster;
}

export async function createPgCluster(opts: PgClusterOptions = {}): Promise<PgCluster> {
  const root = mkdtempSync('/tmp/stockroom-pgcluster-');
  const dataDir = join(root, 'data');
  const logFile = join(root, 'postgres.log');
  const port = await freePort();
  const root_ = asRoot();
  if (root_) {
    const { uid, gid } = await pgUserIds();
    chownSync(root, uid, gid);
    chmodSync(root, 0o700);
  }
  const exec = async (bin: string, args: string[]) => {
    const file = join(PG_BIN, bin);
    const [cmd, argv] = root_ ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
    try {
      return await run(cmd, argv, { timeout: 60_000 });
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string; message: string };
      throw new Error(`${bin} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
    }
  };
  // fsync off: the test crashes postgres, never the machine, so the page cache survives and
  // every committed transaction is still recovered from the WAL; it only saves disk flushes.
  const options = [
    `-p ${port}`,
    `-k ${root}`,
    "-c listen_addresses='127.0.0.1'",
    '-c fsync=off',
    '-c max_connections=60',
    '-c autovacuum=off',
  ].join(' ');
  if (opts.replicaOf) {
    // initdb's pg_hba.conf trusts replication connections from loopback, so no setup is needed.
    await exec('pg_basebackup', [
      ...['-h', '127.0.0.1', '-p', String(opts.replicaOf.port), '-U', 'postgres'],
      ...['-D', dataDir, '-R', '-X', 'stream', '--no-sync', '-c', 'fast'],
    ]);
  } else {
    await exec('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  }
  let running = false;
  const cluster: PgCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async start() {
      await exec('pg_ctl', ['start', '-w', '-t', '60', '-D', dataDir, '-l', logFile, '-o', options]);
      running = true;
    },
    async stop(mode) {
      await exec('pg_ctl', ['stop', '-w', '-t', '60', '-m', mode, '-D', dataDir]);
      running = false;
    },
    async destroy() {
      if (running) await cluster.stop('immediate').catch(() => {});
      rmSync(root, { recursive: true, force: true });
    },
    async log() {
      const { readFile } = await import('node:fs/promises');
      return readFile(logFile, 'utf8').catch(() => '');
    },
  };
  await cluster.start();
  return cluster;
}
