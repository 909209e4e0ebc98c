/**
 * The real server as a child process (`node bin/stockroom.mjs serve`), driven over real HTTP:
 * for tests that need several processes on one database, or a crash and a restart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createThrowawayDatabase, pgAdminUrl, seededDataDir } from './backends.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'stockroom.mjs');

/** Where the data lives: a PostgreSQL URL, or a PGlite folder. */
export type DataSource = { databaseUrl: string } | { dataDir: string };

export interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface ServerProcess {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  adminKey: string;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** One request with the admin key; JSON in and out. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  /** Graceful stop (SIGTERM); resolves with the exit code once the process is gone. */
  stop(): Promise<number | null>;
  /** A crash (SIGKILL): no shutdown code runs. */
  kill(): Promise<void>;
}

export function newAdminKey(): string {
  return `sr_test_${randomBytes(16).toString('hex')}`;
}

/** A temporary folder under the OS temp dir, and a function that removes it. */
export function tempDir(prefix = 'stockroom-test-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function dataEnv(data: DataSource): Record<string, string> {
  return 'databaseUrl' in data ? { DATABASE_URL: data.databaseUrl } : { STOCKROOM_DATA: data.dataDir };
}

function baseEnv(): NodeJS.ProcessEnv {
  // Never inherit the developer's own database settings.
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.STOCKROOM_DATA;
  delete env.STOCKROOM_ADMIN_KEY;
  delete env.NODE_OPTIONS;
  return env;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Runs a one-shot CLI command (e.g. `migrate`) to completion. */
export async function runCli(
  args: string[],
  data: DataSource,
  env: Record<string, string> = {},
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...baseEnv(), LOG_LEVEL: 'warn', ...dataEnv(data), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const code = await exited(child);
  return { code, output };
}

const running = new Set<ChildProcess>();
const killRunning = () => {
  for (const child of running) child.kill('SIGKILL');
};
process.once('exit', killRunning);
// Vitest ends a worker with SIGTERM (then SIGKILL), which runs no 'exit' handler: a server whose
// test timed out would otherwise outlive the run and take CPU from every later file.
process.once('SIGTERM', () => {
  killRunning();
  process.exit(143);
});

/**
 * Starts `stockroom serve` on a free port and resolves once GET /health answers 200.
 * Rejects with the process output if it exits first or is not ready within `readyTimeoutMs`.
 */
export async function startServer(options: {
  data: DataSource;
  adminKey?: string;
  port?: number;
  env?: Record<string, string>;
  readyTimeoutMs?: number;
}): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const adminKey = options.adminKey ?? newAdminKey();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [BIN, 'serve'], {
    cwd: ROOT,
    env: {
      ...baseEnv(),
      HOST: '127.0.0.1',
      PORT: String(port),
      STOCKROOM_ADMIN_KEY: adminKey,
      STOCKROOM_EXPIRY_INTERVAL_MS: '200',
      LOG_LEVEL: 'warn',
      // One process unless a test asks for workers (test/concurrency/workers.test.ts): the
      // default on PostgreSQL is one per core, and these tests signal and watch one process.
      STOCKROOM_WORKERS: '1',
      // No drain before the listener closes (docs/operations.md): these tests stop a server to
      // restart it, and during a drain its loops would still expire orders and send webhooks.
      // The drain itself is tested in test/integration/shutdown.test.ts.
      STOCKROOM_SHUTDOWN_DRAIN: '0',
      ...dataEnv(options.data),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const gone = exited(child);

  const call: ServerProcess['call'] = async (method, path, body, headers = {}) => {
    const res = await fetch(url + path, {
      method,
      headers: {
        authorization: `Bearer ${adminKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
  let ready = false;
  let exitCode: number | null | undefined;
  void gone.then((code) => (exitCode = code));
  while (!ready) {
    if (exitCode !== undefined || child.signalCode !== null) {
      throw new Error(`stockroom serve exited (code ${exitCode}) before it was ready:\n${output}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`stockroom serve was not ready at ${url} in time:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/health`);
      await res.text();
      ready = res.status === 200;
    } catch {
      // not listening yet
    }
    if (!ready) await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url,
    port,
    adminKey,
    child,
    output: () => output,
    call,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      try {
        return await gone;
      } finally {
        clearTimeout(timer);
      }
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await gone;
    },
  };
}

/** The service in the test's own process: requests by inject, no port, no background loops. */
export interface InProcessServer {
  adminKey: string;
  /** One request with the admin key; JSON in and out. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  /** Closes the app and the database (for PGlite, a clean close that frees the folder). */
  close(): Promise<void>;
}

/**
 * The same service on the same data, built in this process with the real clock and none of the
 * background loops (so it never expires, releases or delivers anything): for the part of a test
 * where a child process proves nothing more, such as writing what a restarted process must then
 * pick up, without the seconds a child's start costs. `adminKey` is registered as
 * STOCKROOM_ADMIN_KEY would be, so child processes started later with it accept it.
 */
export async function openInProcess(options: {
  data: DataSource;
  adminKey: string;
}): Promise<InProcessServer> {
  // Loaded on demand: most files that start child processes never need the app in process.
  const [
    { openDatabase },
    { migrate },
    { createContext },
    { ensureAdminKey },
    { buildServer },
    { adminCall },
  ] = await Promise.all([
    import('../../src/db/open.ts'),
    import('../../src/db/migrate.ts'),
    import('../../src/app/create-context.ts'),
    import('../../src/app/api-keys.ts'),
    import('../../src/http/server.ts'),
    import('./harness.ts'),
  ]);
  const { data, adminKey } = options;
  const db = await openDatabase(
    'databaseUrl' in data
      ? { databaseUrl: data.databaseUrl, dataDir: '', poolSize: 4 }
      : { dataDir: data.dataDir },
  );
  try {
    await migrate(db);
    const ctx = createContext(db);
    await ensureAdminKey(ctx, adminKey);
    const app = await buildServer(ctx);
    return {
      adminKey,
      call: (method, path, body, headers) => adminCall(app, adminKey)(method as 'GET', path, body, headers),
      async close() {
        await app.close();
        await db.close();
      },
    };
  } catch (err) {
    await db.close();
    throw err;
  }
}

/**
 * Runs `work` over `items` with at most `limit` in flight; resolves with the results in the
 * order of `items`.
 */
export async function inParallel<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      results[i] = await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Counts replies by status and error code, e.g. {"201": 100, "409 insufficient_stock": 400}. */
export function summarise(replies: Reply[]): Record<string, number> {
  const seen: Record<string, number> = {};
  for (const r of replies) {
    const label = r.status === 201 ? '201' : `${r.status} ${r.body?.error?.code ?? JSON.stringify(r.body)}`;
    seen[label] = (seen[label] ?? 0) + 1;
  }
  return seen;
}

/** A fresh place for a server's data: a throwaway PostgreSQL database or a temp PGlite folder. */
export async function throwawayDataSource(
  postgres: boolean,
  prefix: string,
  cleanups: (() => Promise<void> | void)[],
): Promise<DataSource> {
  if (postgres) {
    const database = await createThrowawayDatabase(pgAdminUrl()!);
    cleanups.push(() => database.drop());
    return { databaseUrl: database.url };
  }
  const dir = tempDir(prefix);
  cleanups.push(dir.remove);
  return { dataDir: seededDataDir(dir.path) };
}
